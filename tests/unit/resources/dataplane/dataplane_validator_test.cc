#include "resources/dataplane/dataplane_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json_proto.h"
#include "core/yaml_json.h"
#include "unit/resources/mesh/mesh_yaml.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::Dataplane;

Dataplane DataplaneFromYaml(const std::string& yaml) {
  Dataplane dp;
  Result<Json> json = YamlToJson(testing::Dedent(yaml));
  EXPECT_TRUE(json.ok()) << json.status().message() << "\n" << yaml;
  if (!json.ok() || json->is_null()) {
    return dp;
  }
  Status st = JsonToMessage(*json, &dp, nullptr);
  EXPECT_TRUE(st.ok()) << st.message() << "\n" << yaml;
  return dp;
}

struct Case {
  std::string name;
  std::string yaml;
  std::vector<Violation> want;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string Describe(const std::vector<Violation>& vs) {
  std::string out;
  for (const Violation& v : vs) {
    out += "  " + v.field + ": " + v.message + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

class DataplaneValidatorTest : public ::testing::TestWithParam<Case> {};

TEST_P(DataplaneValidatorTest, ReportsKumasViolationsInKumasOrder) {
  const Case& c = GetParam();
  ValidationError err = ValidateDataplane(DataplaneFromYaml(c.yaml));
  EXPECT_EQ(err.Violations(), c.want) << "got:\n"
                                      << Describe(err.Violations()) << "want:\n"
                                      << Describe(c.want);
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

constexpr const char* kPortRange = "port must be in the range [1, 65535]";
constexpr const char* kKinds =
    "invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService";

INSTANTIATE_TEST_SUITE_P(Valid, DataplaneValidatorTest,
                         ::testing::Values(Case{"Sidecar",
                                                R"(
      networking:
        address: 192.168.0.1
        inbound:
        - port: 8080
          servicePort: 80
          tags: {kuma.io/service: backend, version: v1, kuma.io/protocol: HTTP}
        outbound:
        - port: 10001
          tags: {kuma.io/service: db}
        admin: {port: 9901}
      )",
                                                {}},
                                           Case{"TaglessInboundIsLegal",
                                                R"(
      networking:
        address: dp.example.com
        inbound:
        - port: 8080
      )",
                                                {}},
                                           Case{"DelegatedGatewayWithoutTags",
                                                R"(
      networking:
        address: 10.0.0.1
        gateway: {}
      )",
                                                {}},
                                           Case{"BuiltinGateway",
                                                R"(
      networking:
        address: 10.0.0.1
        gateway: {type: BUILTIN, tags: {kuma.io/service: edge, kuma.io/protocol: tcp}}
      )",
                                                {}},
                                           Case{"OutboundBackendRefMeshExternalServiceNeedsNoPort",
                                                R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
        outbound: [{port: 9000, backendRef: {kind: MeshExternalService, name: httpbin}}]
      )",
                                                {}},
                                           Case{"ListenersOnly",
                                                R"(
      networking:
        address: 10.0.0.1
        listeners: [{type: ZoneIngress, port: 10001}, {type: ZoneEgress, port: 10002, name: eg}]
      )",
                                                {}},
                                           Case{"AdminPortOnOtherAddressThanInbound",
                                                R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 9901, tags: {kuma.io/service: a}, serviceAddress: 10.0.0.2}]
        admin: {port: 9901}
      )",
                                                {}}),
                         CaseName);

INSTANTIATE_TEST_SUITE_P(
    Invalid, DataplaneValidatorTest,
    ::testing::Values(
        Case{"NoNetworking", "metrics: {type: prometheus}", {{"networking", "must be defined"}}},
        Case{"EmptyNetworking",
             "networking: {}",
             {{"networking", "has to contain at least one inbound interface or gateway"},
              {"networking.address", "address can't be empty"}}},
        Case{"WildcardAddress",
             R"(
      networking:
        address: 0.0.0.0
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
      )",
             {{"networking.address", "must not be 0.0.0.0 or ::"}}},
        Case{"BadAddress",
             R"(
      networking:
        address: "not an address!"
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
      )",
             {{"networking.address", "address has to be valid IP address or domain name"}}},
        Case{"AdminPortCollides",
             R"(
      networking:
        address: 127.0.0.1
        inbound: [{port: 9901, tags: {kuma.io/service: a}, servicePort: 8080}]
        outbound: [{port: 9902, tags: {kuma.io/service: b}}]
        admin: {port: 9901}
      )",
             {{"networking.admin.port", "must differ from inbound"}}},
        Case{"AdminPortCollidesWithWorkloadAndOutbound",
             R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, servicePort: 9901, serviceAddress: 127.0.0.1,
                   tags: {kuma.io/service: a}}]
        outbound: [{port: 9901, tags: {kuma.io/service: b}}]
        admin: {port: 9901}
      )",
             {{"networking.admin.port", "must differ from inbound"},
              {"networking.admin.port", "must differ from outbound"}}},
        Case{"InboundRules",
             R"(
      networking:
        address: 10.0.0.1
        inbound:
        - port: 0
          servicePort: 70000
          serviceAddress: 10.0.0.1
          address: foo
          protocol: sctp
          tags: {kuma.io/protocol: smtp, "bad key!": v, empty: "", slash: a/b}
          serviceProbe:
            interval: 0s
            timeout: 1s
            unhealthyThreshold: 0
            healthyThreshold: 0
      )",
             {{"networking.inbound[0].port", kPortRange},
              {"networking.inbound[0].servicePort", kPortRange},
              {"networking.inbound[0].address", "address has to be valid IP address"},
              {"networking.inbound[0].tags[\"kuma.io/protocol\"]",
               "tag \"kuma.io/protocol\" has an invalid value \"smtp\". Allowed values: grpc, "
               "http, http2, kafka, tcp"},
              {"networking.inbound[0].tags[\"bad key!\"]",
               "tag name must consist of alphanumeric characters, dots, dashes, slashes and "
               "underscores"},
              {"networking.inbound[0].tags[\"empty\"]", "tag value must be non-empty"},
              {"networking.inbound[0].tags[\"slash\"]",
               "tag value must consist of alphanumeric characters, dots, dashes and underscores"},
              {"networking.inbound[0].protocol",
               "has an invalid value \"sctp\". Allowed values: grpc, http, http2, kafka, tcp"},
              {"networking.inbound[0].serviceProbe.interval", "must have a positive value"},
              {"networking.inbound[0].serviceProbe.unhealthyThreshold",
               "must have a positive value"},
              {"networking.inbound[0].serviceProbe.healthyThreshold", "must have a positive value"},
              {"networking.inbound[0].tags[\"kuma.io/service\"]", "tag has to exist"}}},
        Case{"ServiceAddressEqualsDataplaneAddress",
             R"(
      networking:
        address: 10.0.0.1
        inbound:
        - {port: 80, serviceAddress: 10.0.0.1, tags: {kuma.io/service: a}}
        - {port: 81, address: 10.0.0.2, serviceAddress: 10.0.0.2, servicePort: 81,
           tags: {kuma.io/service: a}}
        - {port: 82, serviceAddress: "x", tags: {kuma.io/service: a}}
      )",
             {{"networking.inbound[0].serviceAddress",
               "serviceAddress and servicePort has to differ from address and port"},
              {"networking.inbound[1].serviceAddress",
               "serviceAddress and servicePort has to differ from address and port"},
              {"networking.inbound[2].serviceAddress",
               "serviceAddress has to be valid IP address"}}},
        Case{
            "OutboundRules",
            R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
        outbound:
        - {port: 0, address: foo}
        - {port: 81, tags: {version: v1}}
        - {port: 82, backendRef: {kind: Foo}}
        - {port: 83, backendRef: {kind: MeshService, name: b}, tags: {kuma.io/service: b}}
      )",
            {{"networking.outbound[0].port", kPortRange},
             {"networking.outbound[0].address", "address has to be valid IP address"},
             {"networking.outbound[0].tags", "mandatory tag \"kuma.io/service\" is missing"},
             {"networking.outbound[1].tags", "mandatory tag \"kuma.io/service\" is missing"},
             {"networking.outbound[2].backendRef.kind", kKinds},
             {"networking.outbound[2].backendRef", "either 'name' or 'labels' should be specified"},
             {"networking.outbound[2].backendRef.port", kPortRange},
             {"networking.outbound[3].backendRef.port", kPortRange},
             {"networking.outbound[3].backendRef",
              "both backendRef and tags/service cannot be defined"}}},
        Case{"ReachableBackendsUseKumasMisspelledPath",
             R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
        transparentProxying:
          reachableBackends:
            refs:
            - {kind: Foo, name: b, labels: {x: z}}
            - {kind: MeshService, name: "First$"}
            - {kind: MeshService}
            - {kind: MeshService, namespace: xyz}
            - {kind: MeshService, namespace: xyz, labels: {a: b}}
            - {kind: MeshService, port: 80, labels: {kuma.io/zone: east}}
      )",
             {{"networking.transparentProxing.reachableBackends.refs[0].kind", kKinds},
              {"networking.transparentProxing.reachableBackends.refs[0].labels",
               "labels cannot be defined when name is specified"},
              {"networking.transparentProxing.reachableBackends.refs[1].name",
               "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case "
               "alphanumeric characters, '-' or '.', and must start and end with an "
               "alphanumeric character"},
              {"networking.transparentProxing.reachableBackends.refs[2].name",
               "name or labels are required"},
              {"networking.transparentProxing.reachableBackends.refs[3].name",
               "name is required, when namespace is defined"},
              {"networking.transparentProxing.reachableBackends.refs[4].name",
               "name is required, when namespace is defined"},
              {"networking.transparentProxing.reachableBackends.refs[4].labels",
               "labels cannot be defined when name is specified"}}},
        Case{"DelegatedGateway",
             R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
        listeners: [{type: ZoneIngress, port: 10001}]
        gateway: {tags: {kuma.io/protocol: http, team: x}}
      )",
             {{"networking.inbound", "inbound cannot be defined for delegated gateways"},
              {"networking.listeners", "listeners cannot be defined for delegated gateways"},
              {"networking.gateway.tags[\"kuma.io/protocol\"]",
               "other values than tcp are not allowed, provided value \"http\""},
              {"networking.gateway.tags", "mandatory tag \"kuma.io/service\" is missing"}}},
        Case{"BuiltinGateway",
             R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
        outbound: [{port: 81, tags: {kuma.io/service: b}}]
        listeners: [{type: ZoneIngress, port: 10001}]
        gateway: {type: BUILTIN, tags: {kuma.io/service: edge}}
      probes: {port: 9000}
      )",
             {{"networking.inbound", "inbound cannot be defined for builtin gateways"},
              {"networking.outbound", "outbound cannot be defined for builtin gateways"},
              {"networking.listeners", "listeners cannot be defined for builtin gateways"},
              {"networking.probes", "probes cannot be defined for builtin gateways"}}},
        Case{"Listeners",
             R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
        listeners:
        - {port: 0}
        - {type: ZoneIngress, port: 80}
        - {type: ZoneIngress, port: 81, name: "80"}
        - {type: ZoneEgress, port: 81, address: 0.0.0.0}
        - {type: ZoneEgress, port: 82}
        - {type: ZoneEgress, port: 82}
        - {type: ZoneIngress, port: 82}
      )",
             {{"networking.listeners[0].type", "type must be ZoneIngress or ZoneEgress"},
              {"networking.listeners[0].port", kPortRange},
              {"networking.listeners[1]",
               "address:port 10.0.0.1:80 collides with an inbound listener"},
              {"networking.listeners[2].name",
               "name \"80\" must be unique across inbounds and listeners"},
              {"networking.listeners[3].address", "must not be 0.0.0.0 or ::"},
              {"networking.listeners[5]",
               "address:port 10.0.0.1:82 is already used by another listener"},
              {"networking.listeners[6]",
               "address:port 10.0.0.1:82 is used by listeners of different types"}}},
        Case{"ProbesAndMetrics",
             R"(
      networking:
        address: 10.0.0.1
        inbound: [{port: 80, tags: {kuma.io/service: a}}]
      probes:
        port: 0
        endpoints: [{inboundPort: 0, inboundPath: "", path: "relative"}]
      metrics: {type: statsd}
      )",
             {{"probes.port", kPortRange},
              {"probes.endpoints[0].inboundPort", kPortRange},
              {"probes.endpoints[0].inboundPath", "should be a valid URL Path"},
              {"probes.endpoints[0].path", "should be a valid URL Path"},
              {"metrics.type", "unknown backend type. Available backends: \"prometheus\""}}}),
    CaseName);

}  // namespace
}  // namespace meshplane
