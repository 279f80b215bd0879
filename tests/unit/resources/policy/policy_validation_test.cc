// Validation of the four policy kinds, with Kuma's testdata examples and messages, and the
// round trip of their Universal YAML through the codec.
#include <gtest/gtest.h>

#include "core/resource_codec.h"
#include "core/yaml_json.h"
#include "resources/policy/policy_types.h"

namespace meshplane {
namespace {

Resource Decode(const std::string& type, const std::string& spec_yaml, const Labels& labels = {}) {
  auto spec = YamlToJson(spec_yaml);
  EXPECT_TRUE(spec.ok()) << spec.status().message();
  Json doc = {{"type", type}, {"mesh", "default"}, {"name", "p"}, {"spec", *spec}};
  auto decoded = DecodeResource(doc, ResourceTypeRegistry::Builtin());
  EXPECT_TRUE(decoded.ok()) << decoded.status().message();
  Resource r = std::move(decoded->resource);
  r.meta().labels = labels;
  return r;
}

std::vector<Violation> Validate(const std::string& type, const std::string& spec_yaml) {
  Resource r = Decode(type, spec_yaml);
  EXPECT_TRUE(r.type().apply_defaults(r).ok());
  return r.type().validate(r).Violations();
}

struct Case {
  const char* name;
  const char* type;
  const char* yaml;
  std::vector<Violation> expected;
};

class PolicyValidationTest : public ::testing::TestWithParam<Case> {};

TEST_P(PolicyValidationTest, ReportsKumasViolations) {
  const Case& c = GetParam();
  EXPECT_EQ(Validate(c.type, c.yaml), c.expected);
}

const char* kRfc1123 =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

INSTANTIATE_TEST_SUITE_P(
    Kinds, PolicyValidationTest,
    ::testing::Values(
        // MeshTrafficPermission, valid (Kuma's validator_test.go)
        Case{"MtpAllKindsOfClients",
             "MeshTrafficPermission",
             R"(
targetRef: {kind: Mesh}
from:
  - targetRef: {kind: Mesh}
    default: {action: Allow}
  - targetRef: {kind: MeshSubset, tags: {kuma.io/zone: us-east, env: dev}}
    default: {action: Deny}
  - targetRef: {kind: MeshService, name: backend}
    default: {action: Allow}
  - targetRef: {kind: MeshServiceSubset, name: backend, tags: {version: v1}}
    default: {action: Deny}
)",
             {}},
        Case{"MtpTopLevelMeshService",
             "MeshTrafficPermission",
             "targetRef: {kind: MeshService, name: backend}\n"
             "from: [{targetRef: {kind: Mesh}, default: {action: Deny}}]",
             {}},
        Case{"MtpFullRules",
             "MeshTrafficPermission",
             R"(
targetRef: {kind: Mesh}
rules:
  - default:
      deny: [{spiffeID: {type: Exact, value: "spiffe://trust.domain/service"}}]
      allow: [{spiffeID: {type: Prefix, value: "spiffe://trust.domain"}}]
      allowWithShadowDeny: [{spiffeID: {type: Exact, value: "spiffe://trust.domain/service-2"}}]
)",
             {}},
        Case{"MtpSniAndSpiffe",
             "MeshTrafficPermission",
             R"(
targetRef: {kind: Dataplane, sectionName: ze-port}
rules:
  - default:
      allow:
        - spiffeID: {type: Exact, value: "spiffe://default/ns/backend-ns/sa/backend"}
          sni: {type: Exact, value: sni.extsvc.default.zone-1.aws-aurora.8443}
)",
             {}},
        // MeshTrafficPermission, invalid
        Case{"MtpEmptyFrom",
             "MeshTrafficPermission",
             "targetRef: {kind: Mesh}\nfrom: []",
             {{"spec", "at least one of 'from' or 'rules' has to be defined"}}},
        Case{"MtpFromAndRules",
             "MeshTrafficPermission",
             R"(
from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]
rules: [{default: {allow: [{spiffeID: {type: Exact, value: "spiffe://a/b"}}]}}]
)",
             {{"spec", "field 'from' must be empty when 'rules' is defined"}}},
        Case{"MtpSectionNameWithoutInbound",
             "MeshTrafficPermission",
             "targetRef: {kind: Dataplane, sectionName: test}",
             {{"spec.targetRef.sectionName", "can only be used with inbound policies"},
              {"spec", "at least one of 'from' or 'rules' has to be defined"}}},
        Case{"MtpUnsupportedFromKind",
             "MeshTrafficPermission",
             "targetRef: {kind: MeshService, name: backend}\n"
             "from: [{targetRef: {kind: MeshGatewayRoute, name: mgr-1}, default: {action: Allow}}]",
             {{"spec.from[0].targetRef.kind", "value 'MeshGatewayRoute' is not supported"}}},
        Case{"MtpDefaultIsNil",
             "MeshTrafficPermission",
             "targetRef: {kind: Mesh}\nfrom: [{targetRef: {kind: Mesh}}]",
             {{"spec.from[0].default.action", "must be defined"}}},
        Case{"MtpUnknownAction",
             "MeshTrafficPermission",
             "from: [{targetRef: {kind: Mesh}, default: {action: ALLOW}}]",
             {{"spec.from[0].default.action",
               "Unsupported value: \"ALLOW\": supported values: \"Allow\", \"Deny\", "
               "\"AllowWithShadowDeny\""}}},
        Case{"MtpEmptyRule",
             "MeshTrafficPermission",
             "targetRef: {kind: Mesh}\nrules: [{default: {deny: []}}]",
             {{"spec.rules[0]",
               "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined"}}},
        Case{"MtpInvalidSni",
             "MeshTrafficPermission",
             R"(
targetRef: {kind: Dataplane, sectionName: ze-port}
rules:
  - default:
      allow: [{sni: {type: Exact, value: ""}}]
      deny: [{sni: {type: Exact}}]
      allowWithShadowDeny: [{sni: {type: Exact, value: not_valid}}]
)",
             {{"spec.rules[0].allow[0].sni.value", "must be set"},
              {"spec.rules[0].allowWithShadowDeny[0].sni.value", kRfc1123},
              {"spec.rules[0].deny[0].sni.value", "must be set"}}},
        Case{"MtpInvalidSpiffeId",
             "MeshTrafficPermission",
             R"(
targetRef: {kind: Mesh}
rules:
  - default:
      deny: [{spiffeID: {type: Exact, value: some-service}}]
      allow: [{spiffeID: {type: Prefix, value: wrong}}]
      allowWithShadowDeny: [{spiffeID: {type: Exact, value: test}}]
)",
             {{"spec.rules[0].allow[0].spiffeID",
               "must be a valid Spiffe ID: scheme is missing or invalid"},
              {"spec.rules[0].allowWithShadowDeny[0].spiffeID",
               "must be a valid Spiffe ID: scheme is missing or invalid"},
              {"spec.rules[0].deny[0].spiffeID",
               "must be a valid Spiffe ID: scheme is missing or invalid"}}},
        Case{"MtpTargetRefFieldRules",
             "MeshTrafficPermission",
             R"(
targetRef: {kind: Mesh, name: x, tags: {a: b}}
from:
  - targetRef: {kind: MeshSubset, name: x, tags: {"invalidTag*": v, t: ""}}
    default: {action: Allow}
  - targetRef: {kind: MeshServiceSubset, tags: {version: v1}}
    default: {action: Allow}
  - targetRef: {kind: MeshService, tags: {a: b}}
    default: {action: Allow}
  - targetRef: {}
    default: {action: Allow}
)",
             {{"spec.targetRef.name", "using name with kind Mesh is not yet supported"},
              {"spec.targetRef.tags", "must not be set with kind Mesh"},
              {"spec.from[0].targetRef.name", "must not be set with kind MeshSubset"},
              {"spec.from[0].targetRef.tags[\"invalidTag*\"]",
               "tag name must consist of alphanumeric characters, dots, dashes, slashes and "
               "underscores"},
              {"spec.from[0].targetRef.tags[\"t\"]", "tag value must be non-empty"},
              {"spec.from[1].targetRef.name", "must be set with kind MeshServiceSubset"},
              {"spec.from[2].targetRef.tags", "must not be set with kind MeshService"},
              {"spec.from[2].targetRef.name", "must be set with kind MeshService"},
              {"spec.from[3].targetRef.kind", "must be defined"}}},
        // MeshTimeout
        Case{"MtValid",
             "MeshTimeout",
             R"(
targetRef: {kind: Mesh}
to:
  - targetRef: {kind: MeshService, name: backend}
    default:
      connectionTimeout: 10s
      idleTimeout: 1h
      http: {requestTimeout: 0s, streamIdleTimeout: 1h, maxStreamDuration: 0s}
)",
             {}},
        Case{"MtEmpty",
             "MeshTimeout",
             "targetRef: {kind: Mesh}",
             {{"spec", "at least one of 'from', 'to' or 'rules' has to be defined"}}},
        Case{"MtBadDurations",
             "MeshTimeout",
             R"(
to:
  - targetRef: {kind: Mesh}
    default:
      connectionTimeout: 0s
      idleTimeout: -1s
      http: {requestHeadersTimeout: 1s, maxConnectionDuration: 2d}
  - targetRef: {kind: Mesh}
    default: {}
)",
             {{"spec.to[0].default.connectionTimeout", "must be greater than zero when defined"},
              {"spec.to[0].default.idleTimeout", "must not be negative when defined"},
              {"spec.to[0].default.http.maxConnectionDuration",
               "time: unknown unit \"d\" in duration \"2d\""},
              {"spec.to[1].default", "at least one timeout should be configured"}}},
        Case{"MtHttpSectionNeedsTimeout",
             "MeshTimeout",
             "to: [{targetRef: {kind: Mesh}, default: {http: {requestHeadersTimeout: 1s}}}]",
             {{"spec.to[0].default.http",
               "at least one timeout in this section should be configured"}}},
        Case{"MtRouteTopLevel",
             "MeshTimeout",
             R"(
targetRef: {kind: MeshHTTPRoute, name: route-1}
from: [{targetRef: {kind: Mesh}, default: {idleTimeout: 1s}}]
to:
  - targetRef: {kind: MeshService, name: backend}
    default: {connectionTimeout: 1s, http: {requestTimeout: 1s, maxStreamDuration: 1s}}
)",
             {{"spec.from", "must not be defined"},
              {"spec.to[0].targetRef.kind", "value 'MeshService' is not supported"},
              {"spec.to[0].default.connectionTimeout",
               "can't be specified when top-level TargetRef is referencing MeshHTTPRoute"},
              {"spec.to[0].default.http.maxStreamDuration",
               "can't be specified when top-level TargetRef is referencing MeshHTTPRoute"}}},
        Case{"MtGatewayNeedsSystemRole",
             "MeshTimeout",
             "targetRef: {kind: MeshGateway, name: gw}\n"
             "to: [{targetRef: {kind: Mesh}, default: {idleTimeout: 1s}}]",
             {{"spec.targetRef.kind", "value 'MeshGateway' is not supported"}}},
        // MeshRetry
        Case{"MrValid",
             "MeshRetry",
             R"(
targetRef: {kind: Mesh}
to:
  - targetRef: {kind: Mesh}
    default:
      tcp: {maxConnectAttempt: 5}
      http:
        numRetries: 5
        perTryTimeout: 16s
        backOff: {baseInterval: 25ms, maxInterval: 250ms}
        retryOn: [5xx, "429", GET]
      grpc: {numRetries: 5, retryOn: [unavailable]}
)",
             {}},
        Case{"MrNoTo",
             "MeshRetry",
             "targetRef: {kind: Mesh}",
             {{"spec.to", "needs at least one item"}}},
        Case{"MrInvalid",
             "MeshRetry",
             R"(
to:
  - targetRef: {kind: Mesh}
    default: {}
  - targetRef: {kind: Mesh}
    default:
      tcp: {}
      http:
        backOff: {}
        retryOn: [foo, "999"]
        rateLimitedBackOff: {maxInterval: 0s}
      grpc: {retryOn: [bar]}
)",
             {{"spec.to[0].default.conf",
               "at least one of the 'tcp', 'http', 'grpc' must be specified"},
              {"spec.to[1].default.conf.tcp", "must not be empty"},
              {"spec.to[1].default.conf.http.backOff", "must not be empty"},
              {"spec.to[1].default.conf.http.rateLimitedBackOff.maxInterval",
               "must be defined and greater than zero"},
              {"spec.to[1].default.conf.http.rateLimitedBackOff.resetHeaders", "must be defined"},
              {"spec.to[1].default.conf.http.retryOn[0]", "unknown item 'foo'"},
              {"spec.to[1].default.conf.http.retryOn[1]", "unknown item '999'"},
              {"spec.to[1].default.conf.grpc.retryOn[0]", "unknown item 'bar'"}}},
        Case{"MrGatewayOnlyMeshInTo",
             "MeshRetry",
             "targetRef: {kind: MeshGateway, name: gw, tags: {listener: one}}\n"
             "to: [{targetRef: {kind: MeshService, name: b}, default: {tcp: {maxConnectAttempt: "
             "1}}}]",
             {{"spec.to[0].targetRef.kind", "value 'MeshService' is not supported"}}},
        // MeshCircuitBreaker
        Case{"McbValid",
             "MeshCircuitBreaker",
             R"(
targetRef: {kind: Mesh}
to:
  - targetRef: {kind: Mesh}
    default:
      connectionLimits: {maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3}
      outlierDetection:
        interval: 5s
        baseEjectionTime: 30s
        maxEjectionPercent: 20
        detectors:
          totalFailures: {consecutive: 10}
          successRate: {minimumHosts: 5, requestVolume: 10, standardDeviationFactor: "1.9"}
)",
             {}},
        Case{"McbInvalid",
             "MeshCircuitBreaker",
             R"(
from:
  - targetRef: {kind: MeshService, name: a}
    default: {}
to:
  - targetRef: {kind: Mesh}
    default:
      connectionLimits: {maxConnections: 0}
      outlierDetection: {interval: 0s, maxEjectionPercent: 101}
  - targetRef: {kind: Mesh}
    default:
      outlierDetection:
        detectors: {successRate: {standardDeviationFactor: "x"}, failurePercentage: {threshold: 200}}
)",
             {{"spec.from[0].targetRef.kind", "value 'MeshService' is not supported"},
              {"spec.from[0].default",
               "at least one of: 'connectionLimits' or 'outlierDetection' should be configured"},
              {"spec.to[0].default.connectionLimits.maxConnections", "must be greater than 0"},
              {"spec.to[0].default.outlierDetection.interval",
               "must be greater than zero when defined"},
              {"spec.to[0].default.outlierDetection.maxEjectionPercent",
               "must be in inclusive range [0, 100]"},
              {"spec.to[0].default.outlierDetection.detectors", "must be defined"},
              {"spec.to[1].default.outlierDetection.detectors.successRate.standardDeviationFactor",
               "invalid number"},
              {"spec.to[1].default.outlierDetection.detectors.failurePercentage.threshold",
               "must be in inclusive range [0, 100]"}}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(PolicyDeprecationsTest, MeshTrafficPermissionWarnsLikeKuma) {
  Resource r = Decode("MeshTrafficPermission",
                      "targetRef: {kind: MeshService, name: backend}\n"
                      "from: [{targetRef: {kind: MeshService, name: web}, default: {action: "
                      "Allow}}]");
  EXPECT_EQ(r.type().deprecations(r),
            (std::vector<std::string>{
                "'from' field is deprecated and will be removed in 3.0, use 'rules' with "
                "MeshIdentity (spiffeId) instead",
                "MeshService value for 'from[].targetRef.kind' is deprecated, use MeshSubset "
                "with 'kuma.io/service' instead",
                "MeshService value for 'targetRef.kind' is deprecated, use Dataplane with labels "
                "instead"}));
  Resource ok = Decode("MeshRetry", "targetRef: {kind: Mesh}\nto: []");
  EXPECT_TRUE(ok.type().deprecations(ok).empty());
}

TEST(PolicyDescriptorTest, KindsAreRegisteredAsKumaNamesThem) {
  struct Want {
    const char* type;
    const char* path;
    const char* singular;
    const char* short_name;
  } wants[] = {{"MeshTrafficPermission", "meshtrafficpermissions", "meshtrafficpermission", "mtp"},
               {"MeshTimeout", "meshtimeouts", "meshtimeout", "mt"},
               {"MeshRetry", "meshretries", "meshretry", "mr"},
               {"MeshCircuitBreaker", "meshcircuitbreakers", "meshcircuitbreaker", "mcb"}};
  const auto& registry = ResourceTypeRegistry::Builtin();
  for (const Want& w : wants) {
    const ResourceTypeDescriptor* d = registry.FindByPath(w.path);
    ASSERT_NE(d, nullptr) << w.path;
    EXPECT_EQ(d->name, w.type);
    EXPECT_EQ(registry.FindByCliArg(w.singular), d);
    EXPECT_EQ(registry.FindByCliArg(w.path), d);
    EXPECT_EQ(d->short_name, w.short_name);
    EXPECT_TRUE(d->IsMeshScoped());
    EXPECT_TRUE(d->is_policy);
    EXPECT_FALSE(d->spec_at_top_level);
  }
}

// Kuma's Universal YAML examples decode and encode back unchanged (meta times aside).
TEST(PolicyCodecTest, UniversalYamlRoundTripsUnchanged) {
  const char* docs[] = {
      R"(type: MeshTrafficPermission
mesh: default
name: allow-all
labels: {kuma.io/origin: zone}
spec:
  targetRef: {kind: Mesh}
  from:
    - targetRef: {kind: MeshSubset, tags: {kuma.io/zone: east}}
      default: {action: AllowWithShadowDeny}
)",
      R"(type: MeshTrafficPermission
mesh: default
name: rules
spec:
  targetRef: {kind: Dataplane, labels: {app: web}, sectionName: http}
  rules:
    - default:
        allow:
          - spiffeID: {type: Prefix, value: "spiffe://default/ns"}
            sni: {type: Exact, value: a.b}
)",
      R"(type: MeshTimeout
mesh: default
name: timeout
spec:
  targetRef: {kind: Mesh, proxyTypes: [Sidecar]}
  from:
    - targetRef: {kind: Mesh}
      default: {connectionTimeout: 10s, idleTimeout: 2h0m0s, http: {requestTimeout: 0s, streamIdleTimeout: 1h0m0s, maxStreamDuration: 0s}}
  to:
    - targetRef: {kind: MeshService, name: backend, namespace: ns, sectionName: http}
      default: {idleTimeout: 500ms}
)",
      R"(type: MeshRetry
mesh: default
name: retry
spec:
  targetRef: {kind: Mesh}
  to:
    - targetRef: {kind: Mesh}
      default:
        tcp: {maxConnectAttempt: 5}
        http:
          numRetries: 5
          perTryTimeout: 16s
          backOff: {baseInterval: 25ms, maxInterval: 250ms}
          rateLimitedBackOff: {resetHeaders: [{name: retry-after, format: Seconds}], maxInterval: 1m0s}
          retryOn: [5xx, "429"]
          retriableResponseHeaders: [{type: Exact, name: x-retry, value: "yes"}]
          hostSelection: [{predicate: OmitPreviousPriorities, updateFrequency: 2}]
          hostSelectionMaxAttempts: 3
        grpc: {numRetries: 5, retryOn: [unavailable]}
)",
      R"(type: MeshCircuitBreaker
mesh: default
name: cb
spec:
  targetRef: {kind: Mesh}
  to:
    - targetRef: {kind: Mesh}
      default:
        connectionLimits: {maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3}
        outlierDetection:
          disabled: false
          interval: 5s
          baseEjectionTime: 30s
          maxEjectionPercent: 20
          splitExternalAndLocalErrors: false
          detectors:
            totalFailures: {consecutive: 10}
            successRate: {minimumHosts: 5, requestVolume: 10, standardDeviationFactor: "1.9"}
          healthyPanicThreshold: 60
)"};
  for (const char* yaml : docs) {
    auto in = YamlToJson(yaml);
    ASSERT_TRUE(in.ok()) << in.status().message();
    auto decoded = DecodeResource(*in, ResourceTypeRegistry::Builtin());
    ASSERT_TRUE(decoded.ok()) << decoded.status().message();
    EXPECT_TRUE(decoded->warnings.empty()) << decoded->warnings.front();
    Resource& r = decoded->resource;
    ASSERT_TRUE(r.type().apply_defaults(r).ok());
    EXPECT_TRUE(r.type().validate(r).Ok()) << r.type().validate(r).ToString();
    Json out = EncodeUniversal(r);
    out.erase("creationTime");
    out.erase("modificationTime");
    out.erase("kri");
    EXPECT_EQ(out, *in) << yaml;
  }
}

TEST(PolicyCodecTest, DurationsAreServedInGoForm) {
  Resource r = Decode("MeshTimeout",
                      "to: [{targetRef: {kind: Mesh}, default: {idleTimeout: 1h, http: "
                      "{streamIdleTimeout: 90s}}}]");
  ASSERT_TRUE(r.type().apply_defaults(r).ok());
  Json spec = EncodeUniversal(r)["spec"];
  EXPECT_EQ(spec["to"][0]["default"]["idleTimeout"], "1h0m0s");
  EXPECT_EQ(spec["to"][0]["default"]["http"]["streamIdleTimeout"], "1m30s");
}

}  // namespace
}  // namespace meshplane
