#include "core/json_proto.h"

#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/wrappers.pb.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mesh/v1alpha1/ca_config.pb.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "mesh/v1alpha1/metrics.pb.h"
#include "system/v1alpha1/datasource.pb.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::Mesh;

// Decodes `json` into a Mesh, failing the test on error.
Mesh DecodeMesh(const std::string& json, std::vector<std::string>* unknown = nullptr) {
  Mesh mesh;
  Status st = JsonToMessage(Json::parse(json), &mesh, unknown);
  EXPECT_TRUE(st.ok()) << st.message();
  return mesh;
}

// Decodes and re-encodes, as a stored and fetched spec would be.
std::string RoundTrip(const std::string& json) { return MessageToJson(DecodeMesh(json)).dump(); }

Status DecodeError(const std::string& json) {
  Mesh mesh;
  return JsonToMessage(Json::parse(json), &mesh, nullptr);
}

std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> keys;
  for (const auto& [k, _] : j.items()) {
    keys.push_back(k);
  }
  return keys;
}

TEST(JsonProtoTest, OutputFollowsDeclarationOrderWhateverTheInputOrder) {
  Json out = MessageToJson(DecodeMesh(R"({
    "meshServices": {"mode": "Exclusive"},
    "skipCreatingInitialPolicies": ["*"],
    "constraints": {"dataplaneProxy": {"requirements": [{"tags": {"a": "b"}}]}},
    "routing": {"zoneEgress": true},
    "networking": {"outbound": {"passthrough": true}},
    "metrics": {"enabledBackend": "prom"},
    "logging": {"defaultBackend": "file"},
    "tracing": {"defaultBackend": "zipkin"},
    "mtls": {"skipValidation": true, "backends": [{"rootChain": {"requestTimeout": "1s"},
             "mode": "PERMISSIVE", "conf": {"a": 1}, "dpCert": {"rotation": {"expiration": "1d"}},
             "type": "builtin", "name": "ca-1"}], "enabledBackend": "ca-1"}
  })"));
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"mtls", "tracing", "logging", "metrics",
                                                 "networking", "routing", "constraints",
                                                 "skipCreatingInitialPolicies", "meshServices"}));
  EXPECT_EQ(Keys(out["mtls"]),
            (std::vector<std::string>{"enabledBackend", "backends", "skipValidation"}));
  EXPECT_EQ(Keys(out["mtls"]["backends"][0]),
            (std::vector<std::string>{"name", "type", "dpCert", "conf", "mode", "rootChain"}));
}

TEST(JsonProtoTest, ZeroValuesAreOmittedButPresentMessagesStay) {
  EXPECT_EQ(RoundTrip(R"({"mtls": {"enabledBackend": "", "backends": [], "skipValidation": false},
                          "routing": {"zoneEgress": false, "localityAwareLoadBalancing": false},
                          "meshServices": {"mode": "Disabled"},
                          "skipCreatingInitialPolicies": []})"),
            R"({"mtls":{},"routing":{},"meshServices":{}})");
  EXPECT_EQ(RoundTrip(R"({"tracing": {}})"), R"({"tracing":{}})");
  EXPECT_EQ(RoundTrip(R"({"mtls": {"backends": [{}]}})"), R"({"mtls":{"backends":[{}]}})");
  EXPECT_EQ(RoundTrip("{}"), "{}");
}

TEST(JsonProtoTest, EnumsAreWrittenAsNamesAndReadAsNamesOrNumbers) {
  EXPECT_EQ(RoundTrip(R"({"meshServices": {"mode": "ReachableBackends"}})"),
            R"({"meshServices":{"mode":"ReachableBackends"}})");
  EXPECT_EQ(RoundTrip(R"({"meshServices": {"mode": 3}})"),
            R"({"meshServices":{"mode":"Exclusive"}})");
  EXPECT_EQ(RoundTrip(R"({"mtls": {"backends": [{"mode": 1}]}})"),
            R"({"mtls":{"backends":[{"mode":"PERMISSIVE"}]}})");
  // proto3 enums are open, as in Go: an unnamed number is kept and written back as a number.
  EXPECT_EQ(RoundTrip(R"({"meshServices": {"mode": 7}})"), R"({"meshServices":{"mode":7}})");
}

TEST(JsonProtoTest, UnknownEnumNameFailsWithPathAndGoMessage) {
  Status st = DecodeError(R"({"meshServices": {"mode": "X"}})");
  EXPECT_EQ(st.code(), ErrorCode::kBadRequest);
  EXPECT_EQ(
      st.message(),
      R"(meshServices.mode: unknown value "\"X\"" for enum kuma.mesh.v1alpha1.Mesh.MeshServices.Mode)");
  EXPECT_EQ(
      DecodeError(R"({"mtls": {"backends": [{"name": "a"}, {"mode": "strict"}]}})").message(),
      R"(mtls.backends[1].mode: unknown value "\"strict\"" for enum kuma.mesh.v1alpha1.CertificateAuthorityBackend.Mode)");
  // Names are case-sensitive, as in Go.
  EXPECT_FALSE(DecodeError(R"({"meshServices": {"mode": "exclusive"}})").ok());
  EXPECT_FALSE(DecodeError(R"({"meshServices": {"mode": true}})").ok());
  EXPECT_FALSE(DecodeError(R"({"meshServices": {"mode": 1.5}})").ok());
}

TEST(JsonProtoTest, WrappersAreBareScalarsAndPresenceIsKept) {
  EXPECT_EQ(RoundTrip(R"({"tracing": {"backends": [{"name": "z", "sampling": 100}]}})"),
            R"({"tracing":{"backends":[{"name":"z","sampling":100}]}})");
  EXPECT_EQ(RoundTrip(R"({"tracing": {"backends": [{"sampling": 100.0}]}})"),
            R"({"tracing":{"backends":[{"sampling":100}]}})");
  EXPECT_EQ(RoundTrip(R"({"tracing": {"backends": [{"sampling": 12.5}]}})"),
            R"({"tracing":{"backends":[{"sampling":12.5}]}})");
  // A wrapper holding zero/false is present, so it is written.
  EXPECT_EQ(RoundTrip(R"({"networking": {"outbound": {"passthrough": false}}})"),
            R"({"networking":{"outbound":{"passthrough":false}}})");
  EXPECT_EQ(RoundTrip(R"({"tracing": {"backends": [{"sampling": 0}]}})"),
            R"({"tracing":{"backends":[{"sampling":0}]}})");
  // null leaves it unset.
  Mesh m = DecodeMesh(R"({"networking": {"outbound": {"passthrough": null}}})");
  EXPECT_FALSE(m.networking().outbound().has_passthrough());
  EXPECT_EQ(MessageToJson(m).dump(), R"({"networking":{"outbound":{}}})");
  EXPECT_EQ(DecodeError(R"({"networking": {"outbound": {"passthrough": "no"}}})").message(),
            "networking.outbound.passthrough: cannot decode string as bool");
}

TEST(JsonProtoTest, SixtyFourBitWrappersAreStringsAndOutOfRangeNumbersFail) {
  google::protobuf::Int64Value i64;
  ASSERT_TRUE(JsonToMessage(Json::parse("\"-9223372036854775808\""), &i64, nullptr).ok());
  EXPECT_EQ(i64.value(), INT64_MIN);
  EXPECT_EQ(MessageToJson(i64).dump(), "\"-9223372036854775808\"");
  // 2^63 as a double is one past INT64_MAX: rejected, not converted.
  EXPECT_FALSE(JsonToMessage(Json::parse("9223372036854775808.0"), &i64, nullptr).ok());
  EXPECT_FALSE(JsonToMessage(Json::parse("9223372036854775808"), &i64, nullptr).ok());
  EXPECT_TRUE(JsonToMessage(Json::parse("-9223372036854775808.0"), &i64, nullptr).ok());

  google::protobuf::UInt64Value u64;
  EXPECT_FALSE(JsonToMessage(Json::parse("18446744073709551616.0"), &u64, nullptr).ok());
  EXPECT_FALSE(JsonToMessage(Json::parse("-1"), &u64, nullptr).ok());
  ASSERT_TRUE(JsonToMessage(Json::parse("18446744073709551615"), &u64, nullptr).ok());
  EXPECT_EQ(MessageToJson(u64).dump(), "\"18446744073709551615\"");

  google::protobuf::UInt32Value u32;
  EXPECT_FALSE(JsonToMessage(Json::parse("4294967296"), &u32, nullptr).ok());
  EXPECT_FALSE(JsonToMessage(Json::parse("1.5"), &u32, nullptr).ok());
  ASSERT_TRUE(JsonToMessage(Json::parse("\"2048\""), &u32, nullptr).ok());  // quoted, as Go
  EXPECT_EQ(u32.value(), 2048u);
}

TEST(JsonProtoTest, StructConfKeepsArbitraryJsonWithSortedKeys) {
  EXPECT_EQ(
      RoundTrip(R"({"mtls": {"backends": [{"conf": {"z": 1, "a": {"y": [1, "two", true, null,
                {"b": 2.5, "a": -3}], "x": {}}, "m": []}}]}})"),
      R"({"mtls":{"backends":[{"conf":{"a":{"x":{},"y":[1,"two",true,null,{"a":-3,"b":2.5}]},"m":[],"z":1}}]}})");
  EXPECT_EQ(DecodeError(R"({"mtls": {"backends": [{"conf": []}]}})").message(),
            "mtls.backends[0].conf: expected an object, got array");
}

TEST(JsonProtoTest, DurationsAreGoDurationStrings) {
  EXPECT_EQ(RoundTrip(R"({"mtls": {"backends": [{"dpCert": {"requestTimeout": "5s"}}]}})"),
            R"({"mtls":{"backends":[{"dpCert":{"requestTimeout":"5s"}}]}})");
  // jsonpb reads durations with Go's time.ParseDuration and writes seconds.
  auto timeout = [](const std::string& in) {
    Mesh m = DecodeMesh(R"({"mtls": {"backends": [{"rootChain": {"requestTimeout": ")" + in +
                        R"("}}]}})");
    return MessageToJson(m)["mtls"]["backends"][0]["rootChain"]["requestTimeout"];
  };
  EXPECT_EQ(timeout("1m30s"), "90s");
  EXPECT_EQ(timeout("1.5s"), "1.500s");
  EXPECT_EQ(timeout("300ms"), "0.300s");
  EXPECT_EQ(timeout("1h"), "3600s");
  EXPECT_EQ(timeout("2us"), "0.000002s");
  EXPECT_EQ(timeout("0"), "0s");
  EXPECT_EQ(timeout("-1.5s"), "-1.500s");

  auto error = [](const std::string& in) {
    return DecodeError(R"({"mtls": {"backends": [{"dpCert": {"requestTimeout": )" + in + "}}]}}")
        .message();
  };
  EXPECT_EQ(
      error(R"("5")"),
      R"(mtls.backends[0].dpCert.requestTimeout: bad Duration: time: missing unit in duration "5")");
  EXPECT_EQ(
      error(R"("5d")"),
      R"(mtls.backends[0].dpCert.requestTimeout: bad Duration: time: unknown unit "d" in duration "5d")");
  EXPECT_EQ(
      error(R"("abc")"),
      R"(mtls.backends[0].dpCert.requestTimeout: bad Duration: time: invalid duration "abc")");
  EXPECT_EQ(error(R"("")"),
            R"(mtls.backends[0].dpCert.requestTimeout: bad Duration: time: invalid duration "")");
  // Beyond int64 nanoseconds (about 292 years).
  EXPECT_EQ(
      error(R"("3000000h")"),
      R"(mtls.backends[0].dpCert.requestTimeout: bad Duration: time: invalid duration "3000000h")");
  EXPECT_NE(error("5").find("bad Duration"), std::string::npos);
}

TEST(JsonProtoTest, NullMeansUnset) {
  EXPECT_EQ(RoundTrip(R"({"mtls": null, "tracing": null, "skipCreatingInitialPolicies": null})"),
            "{}");
  EXPECT_EQ(RoundTrip(R"({"mtls": {"backends": [{"name": null, "conf": null}]}})"),
            R"({"mtls":{"backends":[{}]}})");
  // As Go's encoding/json: null list elements and map values are zero values.
  EXPECT_EQ(RoundTrip(R"({"skipCreatingInitialPolicies": [null, "x"]})"),
            R"({"skipCreatingInitialPolicies":["","x"]})");
  EXPECT_EQ(
      RoundTrip(
          R"({"constraints": {"dataplaneProxy": {"requirements": [{"tags": {"a": null}}]}}})"),
      R"({"constraints":{"dataplaneProxy":{"requirements":[{"tags":{"a":""}}]}}})");
}

TEST(JsonProtoTest, TypeMismatchesNameThePath) {
  EXPECT_EQ(DecodeError(R"({"mtls": {"backends": [{"name": 5}]}})").message(),
            "mtls.backends[0].name: cannot decode number as string");
  EXPECT_EQ(DecodeError(R"({"mtls": "on"})").message(), "mtls: expected an object, got string");
  EXPECT_EQ(DecodeError(R"({"mtls": {"backends": {"name": "a"}}})").message(),
            "mtls.backends: expected an array, got object");
  EXPECT_EQ(DecodeError(R"({"skipCreatingInitialPolicies": [1]})").message(),
            "skipCreatingInitialPolicies[0]: cannot decode number as string");
  EXPECT_EQ(DecodeError(R"({"routing": {"zoneEgress": "true"}})").message(),
            "routing.zoneEgress: cannot decode string as bool");
  EXPECT_EQ(
      DecodeError(
          R"({"constraints": {"dataplaneProxy": {"restrictions": [{}, {"tags": {"k": 1}}]}}})")
          .message(),
      R"(constraints.dataplaneProxy.restrictions[1].tags["k"]: cannot decode number as string)");
  EXPECT_EQ(DecodeError("[]").message(), "expected an object, got array");
  EXPECT_EQ(DecodeError("[]").code(), ErrorCode::kBadRequest);
}

TEST(JsonProtoTest, UnknownFieldsAreReportedWithFullPathsAndNotStored) {
  std::vector<std::string> unknown;
  Mesh m = DecodeMesh(R"({"bar": true, "mtls": {"ca": {"builtin": null},
                          "backends": [{"name": "a"}, {"name": "b", "foo": {"x": 1}}]}})",
                      &unknown);
  EXPECT_EQ(unknown, (std::vector<std::string>{"bar", "mtls.ca", "mtls.backends[1].foo"}));
  EXPECT_EQ(MessageToJson(m).dump(), R"({"mtls":{"backends":[{"name":"a"},{"name":"b"}]}})");
  // Golden from kumactl apply: `mtls: {ca: {builtin: null}}` is stored as `mtls: {}`.
  EXPECT_EQ(RoundTrip(R"({"mtls": {"ca": {"builtin": null}}})"), R"({"mtls":{}})");
  // A null argument means "don't report".
  EXPECT_TRUE(JsonToMessage(Json::parse(R"({"x": 1})"), &m, nullptr).ok());
}

TEST(JsonProtoTest, JsonNamesAndProtoNamesAreBothAccepted) {
  // The names are identical in Kuma's protos except where json_name differs; both must work.
  Mesh m = DecodeMesh(R"({"skipCreatingInitialPolicies": ["a"]})");
  EXPECT_EQ(m.skipcreatinginitialpolicies_size(), 1);
}

TEST(JsonProtoTest, MapsAreWrittenWithSortedKeys) {
  EXPECT_EQ(
      RoundTrip(R"({"constraints": {"dataplaneProxy": {"requirements": [
                  {"tags": {"zone": "east", "kuma.io/service": "*", "app": "web"}}]}}})"),
      R"({"constraints":{"dataplaneProxy":{"requirements":[{"tags":{"app":"web","kuma.io/service":"*","zone":"east"}}]}}})");
  kuma::mesh::v1alpha1::PrometheusMetricsBackendConfig prom;
  ASSERT_TRUE(
      JsonToMessage(Json::parse(R"({"tags": {"b": "2", "a": "1"}, "port": 5670})"), &prom, nullptr)
          .ok());
  EXPECT_EQ(MessageToJson(prom).dump(), R"({"port":5670,"tags":{"a":"1","b":"2"}})");
}

TEST(JsonProtoTest, BytesAreBase64) {
  kuma::system::v1alpha1::DataSource ds;
  ASSERT_TRUE(JsonToMessage(Json::parse(R"({"inline": "aGVsbG8="})"), &ds, nullptr).ok());
  EXPECT_EQ(ds.inline_().value(), "hello");
  EXPECT_EQ(MessageToJson(ds).dump(), R"({"inline":"aGVsbG8="})");
  std::string binary("\x00\xff\x10\x80", 4);
  ds.mutable_inline_()->set_value(binary);
  kuma::system::v1alpha1::DataSource back;
  ASSERT_TRUE(JsonToMessage(MessageToJson(ds), &back, nullptr).ok());
  EXPECT_EQ(back.inline_().value(), binary);

  Status st = JsonToMessage(Json::parse(R"({"inline": "not base64!"})"), &ds, nullptr, "conf.cert");
  EXPECT_EQ(st.message(), "conf.cert.inline: illegal base64 data");
  EXPECT_EQ(JsonToMessage(Json::parse(R"({"inline": 5})"), &ds, nullptr).message(),
            "inline: cannot decode number as bytes (base64 string)");
}

TEST(JsonProtoTest, OneofAcceptsOneMember) {
  kuma::system::v1alpha1::DataSource ds;
  ASSERT_TRUE(JsonToMessage(Json::parse(R"({"secret": "s", "file": null})"), &ds, nullptr).ok());
  EXPECT_EQ(MessageToJson(ds).dump(), R"({"secret":"s"})");
  Status st = JsonToMessage(Json::parse(R"({"secret": "s", "inlineString": "x"})"), &ds, nullptr);
  EXPECT_EQ(st.code(), ErrorCode::kBadRequest);
  EXPECT_NE(st.message().find("inlineString"), std::string::npos) << st.message();
}

TEST(JsonProtoTest, StructToMessageDecodesPluginConfWithPaths) {
  Mesh m = DecodeMesh(R"({"mtls": {"backends": [{"conf": {"caCert": {"RSAbits": 2048,
                          "expiration": "10y", "foo": 1}, "bar": null}}]}})");
  kuma::plugins::ca::BuiltinCertificateAuthorityConfig conf;
  std::vector<std::string> unknown;
  ASSERT_TRUE(
      StructToMessage(m.mtls().backends(0).conf(), &conf, &unknown, "mtls.backends[0].conf").ok());
  EXPECT_EQ(conf.cacert().rsabits().value(), 2048u);
  EXPECT_EQ(conf.cacert().expiration(), "10y");
  // Struct keys come sorted, so the report is in key order.
  EXPECT_EQ(unknown, (std::vector<std::string>{"mtls.backends[0].conf.bar",
                                               "mtls.backends[0].conf.caCert.foo"}));

  // And back: a typed conf becomes a Struct that encodes like the message.
  google::protobuf::Struct s;
  MessageToStruct(conf, &s);
  EXPECT_EQ(MessageToJson(s).dump(), R"({"caCert":{"RSAbits":2048,"expiration":"10y"}})");

  Mesh bad = DecodeMesh(R"({"mtls": {"backends": [{"conf": {"caCert": {"RSAbits": "x"}}}]}})");
  Status st = StructToMessage(bad.mtls().backends(0).conf(), &conf, nullptr, "conf");
  EXPECT_EQ(st.message(), "conf.caCert.RSAbits: cannot decode string as uint32");
}

TEST(JsonProtoTest, DeeplyNestedConfIsRejectedNotRecursedInto) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Json doc = Json::parse(R"({"mtls": {"backends": [{"conf": {"x": null}}]}})");
  doc["mtls"]["backends"][0]["conf"]["x"] = Json::parse(deep);
  Mesh m;
  Status st = JsonToMessage(doc, &m, nullptr);
  EXPECT_EQ(st.code(), ErrorCode::kBadRequest);
  EXPECT_EQ(st.message(), "document nested too deeply (more than 100 levels)");
  EXPECT_TRUE(CheckJsonNesting(Json::parse(std::string(100, '[') + std::string(100, ']'))).ok());
  EXPECT_FALSE(CheckJsonNesting(Json::parse(std::string(101, '[') + std::string(101, ']'))).ok());
}

// A Mesh using every field: decode -> encode -> decode gives the same message and JSON.
TEST(JsonProtoTest, FullMeshRoundTripsUnchanged) {
  const char* full = R"({
    "mtls": {
      "enabledBackend": "ca-1",
      "backends": [{
        "name": "ca-1", "type": "builtin",
        "dpCert": {"rotation": {"expiration": "1d"}, "requestTimeout": "5s"},
        "conf": {"caCert": {"RSAbits": 2048, "expiration": "10y"}},
        "mode": "PERMISSIVE",
        "rootChain": {"requestTimeout": "10s"}
      }, {
        "name": "ca-2", "type": "provided",
        "conf": {"cert": {"secret": "c"}, "key": {"inline": "a2V5"}}
      }],
      "skipValidation": true
    },
    "tracing": {
      "defaultBackend": "zipkin",
      "backends": [
        {"name": "zipkin", "sampling": 99.9, "type": "zipkin",
         "conf": {"url": "http://zipkin:9411/api/v2/spans", "traceId128bit": true,
                  "apiVersion": "httpJson", "sharedSpanContext": false}},
        {"name": "dd", "type": "datadog", "conf": {"address": "127.0.0.1", "port": 8126}}
      ]
    },
    "logging": {
      "defaultBackend": "file",
      "backends": [
        {"name": "file", "format": "%START_TIME%", "type": "file", "conf": {"path": "/tmp/log"}},
        {"name": "tcp", "type": "tcp", "conf": {"address": "127.0.0.1:5000"}}
      ]
    },
    "metrics": {
      "enabledBackend": "prom",
      "backends": [{"name": "prom", "type": "prometheus", "conf": {
        "port": 5670, "path": "/metrics", "tags": {"kuma.io/service": "dataplane-metrics"},
        "skipMTLS": false,
        "aggregate": [{"name": "app", "port": 8080, "path": "/m", "enabled": true,
                       "address": "1.2.3.4"}],
        "envoy": {"filterRegex": "http.*", "usedOnly": true},
        "tls": {"mode": "providedTLS"}}}]
    },
    "networking": {"outbound": {"passthrough": false}},
    "routing": {"localityAwareLoadBalancing": true, "zoneEgress": true,
                "defaultForbidMeshExternalServiceAccess": true},
    "constraints": {"dataplaneProxy": {
      "requirements": [{"tags": {"kuma.io/zone": "east", "app": "*"}}],
      "restrictions": [{"tags": {"env": "dev"}}]}},
    "skipCreatingInitialPolicies": ["MeshTimeout", "*"],
    "meshServices": {"mode": "Exclusive"}
  })";
  Mesh first = DecodeMesh(full);
  Json encoded = MessageToJson(first);
  Mesh second = DecodeMesh(encoded.dump());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(first, second));
  EXPECT_EQ(MessageToJson(second), encoded);
  // Every top-level field survived.
  EXPECT_EQ(encoded.size(), 9u);
  EXPECT_EQ(encoded["tracing"]["backends"][0]["sampling"].dump(), "99.9");
  EXPECT_EQ(encoded["metrics"]["backends"][0]["conf"]["skipMTLS"], false);
  EXPECT_EQ(encoded["mtls"]["backends"][1]["conf"]["key"]["inline"], "a2V5");
}

}  // namespace
}  // namespace meshplane
