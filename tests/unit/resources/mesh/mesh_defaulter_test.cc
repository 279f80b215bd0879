#include "resources/mesh/mesh_defaulter.h"

#include <gtest/gtest.h>

#include <string>

#include "core/json_proto.h"
#include "resources/mesh/mesh_validator.h"
#include "unit/resources/mesh/mesh_yaml.h"

namespace meshplane {
namespace {

using testing::MeshFromYaml;

struct DefaultCase {
  std::string name;
  std::string conf_yaml;  // the `conf` of a single prometheus backend; empty: no conf
  std::string want_conf;  // the conf after defaulting, as compact JSON
};

void PrintTo(const DefaultCase& c, std::ostream* os) { *os << c.name; }

class MeshDefaulterTest : public ::testing::TestWithParam<DefaultCase> {};

std::string PrometheusMesh(const std::string& conf_yaml) {
  std::string yaml =
      "metrics:\n  enabledBackend: prometheus-1\n  backends:\n"
      "  - name: prometheus-1\n    type: prometheus\n";
  if (!conf_yaml.empty()) {
    yaml += "    conf: " + conf_yaml + "\n";
  }
  return yaml;
}

TEST_P(MeshDefaulterTest, RewritesThePrometheusConf) {
  const DefaultCase& c = GetParam();
  kuma::mesh::v1alpha1::Mesh mesh = MeshFromYaml(PrometheusMesh(c.conf_yaml));
  Status st = ApplyMeshDefaults(mesh);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(MessageToJson(mesh.metrics().backends(0).conf()).dump(), c.want_conf);
}

constexpr const char* kDefaultTail =
    R"("path":"/metrics","port":5670,"tags":{"kuma.io/service":"dataplane-metrics"})";

std::string WithDefaults(const std::string& before, const std::string& after) {
  return "{" + before + kDefaultTail + after + "}";
}

std::string CaseName(const ::testing::TestParamInfo<DefaultCase>& info) { return info.param.name; }

// The tls/skipMTLS table of Kuma's Default() plus the port, path and tags defaults.
INSTANTIATE_TEST_SUITE_P(
    MeshPrometheus, MeshDefaulterTest,
    ::testing::Values(
        DefaultCase{"NoConf", "", WithDefaults("", R"(,"tls":{})")},
        DefaultCase{"EmptyConf", "{}", WithDefaults("", R"(,"tls":{})")},
        DefaultCase{"SkipMtlsTrueMeansTlsDisabled", "{skipMTLS: true}",
                    R"({"path":"/metrics","port":5670,"skipMTLS":true,)"
                    R"("tags":{"kuma.io/service":"dataplane-metrics"},"tls":{"mode":"disabled"}})"},
        DefaultCase{"SkipMtlsFalseMeansActiveMtls", "{skipMTLS: false}",
                    R"({"path":"/metrics","port":5670,"skipMTLS":false,)"
                    R"("tags":{"kuma.io/service":"dataplane-metrics"},"tls":{}})"},
        DefaultCase{"ProvidedTlsClearsSkipMtlsTrue", "{skipMTLS: true, tls: {mode: providedTLS}}",
                    WithDefaults("", R"(,"tls":{"mode":"providedTLS"})")},
        DefaultCase{"ProvidedTlsClearsSkipMtlsFalse", "{skipMTLS: false, tls: {mode: providedTLS}}",
                    WithDefaults("", R"(,"tls":{"mode":"providedTLS"})")},
        DefaultCase{"ExplicitTlsWithoutSkipMtlsIsKept", "{tls: {mode: disabled}}",
                    WithDefaults("", R"(,"tls":{"mode":"disabled"})")},
        DefaultCase{"OtherTlsAndSkipMtlsCombinationsAreKept",
                    "{skipMTLS: true, tls: {mode: disabled}}",
                    R"({"path":"/metrics","port":5670,"skipMTLS":true,)"
                    R"("tags":{"kuma.io/service":"dataplane-metrics"},"tls":{"mode":"disabled"}})"},
        DefaultCase{"ExplicitValuesWin", "{port: 1234, path: /stats, tags: {team: core}}",
                    R"({"path":"/stats","port":1234,"tags":{"team":"core"},"tls":{}})"},
        DefaultCase{"UnknownKeysDisappear", "{foo: bar, port: 8080, envoy: {usedOnly: true, x: 1}}",
                    R"({"envoy":{"usedOnly":true},"path":"/metrics","port":8080,)"
                    R"("tags":{"kuma.io/service":"dataplane-metrics"},"tls":{}})"},
        DefaultCase{"AggregatesAreKept", "{aggregate: [{name: app, port: 8080, enabled: false}]}",
                    R"({"aggregate":[{"enabled":false,"name":"app","port":8080}],)" +
                        std::string(kDefaultTail) + R"(,"tls":{}})"}),
    CaseName);

TEST(MeshDefaulterRulesTest, LeavesEverythingButPrometheusAlone) {
  const std::string yaml = R"(
    mtls:
      enabledBackend: ca-1
      backends:
      - name: ca-1
        type: builtin
        conf:
          caCert:
            RSAbits: 2048
    tracing:
      backends:
      - name: z
        type: zipkin
        conf:
          url: http://zipkin:9411
          extra: kept
    metrics:
      backends:
      - name: other
        type: statsd
        conf:
          anything: goes
  )";
  kuma::mesh::v1alpha1::Mesh mesh = MeshFromYaml(yaml);
  kuma::mesh::v1alpha1::Mesh before = mesh;
  ASSERT_TRUE(ApplyMeshDefaults(mesh).ok());
  EXPECT_EQ(MessageToJson(mesh).dump(), MessageToJson(before).dump());
  EXPECT_FALSE(mesh.has_meshservices()) << "no defaulting sets meshServices";
}

TEST(MeshDefaulterRulesTest, EmptyMeshStaysEmpty) {
  kuma::mesh::v1alpha1::Mesh mesh;
  ASSERT_TRUE(ApplyMeshDefaults(mesh).ok());
  EXPECT_EQ(MessageToJson(mesh).dump(), "{}");
}

TEST(MeshDefaulterRulesTest, IsIdempotent) {
  kuma::mesh::v1alpha1::Mesh mesh = MeshFromYaml(PrometheusMesh("{skipMTLS: true, foo: 1}"));
  ASSERT_TRUE(ApplyMeshDefaults(mesh).ok());
  std::string once = MessageToJson(mesh).dump();
  ASSERT_TRUE(ApplyMeshDefaults(mesh).ok());
  EXPECT_EQ(MessageToJson(mesh).dump(), once);
}

TEST(MeshDefaulterRulesTest, EveryPrometheusBackendIsDefaulted) {
  kuma::mesh::v1alpha1::Mesh mesh = MeshFromYaml(R"(
    metrics:
      backends:
      - name: a
        type: prometheus
      - name: b
        type: statsd
      - name: c
        type: prometheus
        conf:
          port: 1
  )");
  ASSERT_TRUE(ApplyMeshDefaults(mesh).ok());
  EXPECT_EQ(MessageToJson(mesh.metrics().backends(0).conf()).dump(),
            WithDefaults("", R"(,"tls":{})"));
  EXPECT_FALSE(mesh.metrics().backends(1).has_conf());
  EXPECT_EQ(MessageToJson(mesh.metrics().backends(2).conf()).dump(),
            R"({"path":"/metrics","port":1,"tags":{"kuma.io/service":"dataplane-metrics"},)"
            R"("tls":{}})");
}

TEST(MeshDefaulterRulesTest, ConfThatDoesNotConvertIsAPlainError) {
  kuma::mesh::v1alpha1::Mesh mesh = MeshFromYaml(PrometheusMesh("{port: abc}"));
  Status st = ApplyMeshDefaults(mesh);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), ErrorCode::kInternal);
  EXPECT_EQ(st.message(), "could not convert the backend: port: cannot decode string as uint32");
  EXPECT_TRUE(st.validation().Ok()) << "not a validation error";
}

// REST validates before defaulting and rejects this; the manager defaults first and accepts it.
TEST(MeshDefaulterRulesTest, DefaultingFirstNormalisesSkipMtlsWithProvidedTls) {
  kuma::mesh::v1alpha1::Mesh mesh =
      MeshFromYaml(PrometheusMesh("{skipMTLS: true, tls: {mode: providedTLS}}"));
  EXPECT_FALSE(ValidateMesh(mesh).Ok());
  ASSERT_TRUE(ApplyMeshDefaults(mesh).ok());
  EXPECT_TRUE(ValidateMesh(mesh).Ok()) << ValidateMesh(mesh).ToString();
}

}  // namespace
}  // namespace meshplane
