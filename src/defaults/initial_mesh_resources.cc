#include "defaults/initial_mesh_resources.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/json.h"
#include "core/json_proto.h"
#include "defaults/signing_key.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/secret/secret_type.h"

namespace meshplane {

namespace {

// Kuma's default policy specs (pkg/defaults/mesh/*.go, base values from
// pkg/plugins/policies/core/defaults/consts.go), durations as metav1.Duration serializes them.
Json SidecarTimeoutSpec() {
  return Json::parse(R"({
    "targetRef": {"kind": "Mesh", "proxyTypes": ["Sidecar"]},
    "from": [{"targetRef": {"kind": "Mesh"},
              "default": {"connectionTimeout": "10s", "idleTimeout": "2h0m0s",
                          "http": {"requestTimeout": "0s", "streamIdleTimeout": "1h0m0s",
                                   "maxStreamDuration": "0s"}}}],
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"connectionTimeout": "5s", "idleTimeout": "1h0m0s",
                        "http": {"requestTimeout": "15s", "streamIdleTimeout": "30m0s"}}}]
  })");
}

Json GatewayTimeoutSpec() {
  return Json::parse(R"({
    "targetRef": {"kind": "Mesh", "proxyTypes": ["Gateway"]},
    "from": [{"targetRef": {"kind": "Mesh"},
              "default": {"idleTimeout": "5m0s",
                          "http": {"streamIdleTimeout": "5s", "requestHeadersTimeout": "500ms"}}}],
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"idleTimeout": "1h0m0s", "http": {"streamIdleTimeout": "5s"}}}]
  })");
}

Json CircuitBreakerSpec() {
  return Json::parse(R"({
    "targetRef": {"kind": "Mesh"},
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"connectionLimits": {"maxConnections": 1024, "maxPendingRequests": 1024,
                                             "maxRequests": 1024, "maxRetries": 3}}}]
  })");
}

Json RetrySpec() {
  return Json::parse(R"({
    "targetRef": {"kind": "Mesh"},
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"tcp": {"maxConnectAttempt": 5},
                        "http": {"numRetries": 5, "perTryTimeout": "16s",
                                 "backOff": {"baseInterval": "25ms", "maxInterval": "250ms"}},
                        "grpc": {"numRetries": 5, "perTryTimeout": "16s",
                                 "backOff": {"baseInterval": "25ms", "maxInterval": "250ms"}}}}]
  })");
}

Json SpecOf(const std::string& name, const std::string& mesh) {
  if (name == "mesh-timeout-all-" + mesh) {
    return SidecarTimeoutSpec();
  }
  if (name == "mesh-gateways-timeout-all-" + mesh) {
    return GatewayTimeoutSpec();
  }
  if (name == "mesh-circuit-breaker-all-" + mesh) {
    return CircuitBreakerSpec();
  }
  return RetrySpec();
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

Status EnsureSigningKey(const std::string& mesh, ResourceStore& tx, const OwnerRef& owner,
                        const ResourceTypeRegistry& registry) {
  const ResourceTypeDescriptor* secret_type = registry.FindByName(kSecretTypeName);
  if (secret_type == nullptr) {
    return Status::Ok();  // a registry without secrets (tests of other kinds) has no keys
  }
  const std::string prefix = DataplaneTokenSigningKeyPrefix(mesh);
  ListOptions opts;
  opts.mesh = mesh;
  opts.name_contains = prefix;
  Result<ResourceList> secrets = tx.List(*secret_type, opts);
  if (!secrets.ok()) {
    return secrets.status();
  }
  for (const Resource& s : secrets->items) {
    if (s.meta().name.rfind(prefix + "-", 0) == 0) {
      return Status::Ok();  // a key exists; tokens signed with it stay valid
    }
  }
  Result<std::string> pem = NewSigningKeyPem();
  if (!pem.ok()) {
    return pem.status();
  }
  Resource key = NewSecret(*secret_type, mesh, prefix + "-1", *pem);
  MP_RETURN_IF_ERROR(tx.Create(key, CreateOptions{{}, owner}));
  spdlog::info("default signing key created mesh={} name={}", mesh, key.meta().name);
  return Status::Ok();
}

}  // namespace

std::vector<InitialPolicy> InitialPolicyNames(const std::string& mesh) {
  return {{"MeshTimeout", "mesh-timeout-all-" + mesh},
          {"MeshTimeout", "mesh-gateways-timeout-all-" + mesh},
          {"MeshCircuitBreaker", "mesh-circuit-breaker-all-" + mesh},
          {"MeshRetry", "mesh-retry-all-" + mesh}};
}

Status CreateInitialMeshResources(const Resource& mesh, ResourceStore& tx,
                                  const ResourceTypeRegistry& registry,
                                  const InitialMeshResourcesOptions& opts) {
  const std::string& mesh_name = mesh.meta().name;
  const OwnerRef owner{mesh.type().name, ResourceKey{"", mesh_name}};
  MP_RETURN_IF_ERROR(EnsureSigningKey(mesh_name, tx, owner, registry));

  const auto& skip = mesh.SpecAs<kuma::mesh::v1alpha1::Mesh>().skipcreatinginitialpolicies();
  if (Contains(skip, "*")) {
    spdlog::info("skipping all default policy creation mesh={}", mesh_name);
    return Status::Ok();
  }
  Labels labels{{"kuma.io/mesh", mesh_name}};
  if (opts.zone_labels) {
    labels["kuma.io/origin"] = "zone";
    labels["kuma.io/zone"] = opts.zone_name;
    labels["kuma.io/env"] = opts.environment;
  }
  for (const InitialPolicy& policy : InitialPolicyNames(mesh_name)) {
    if (Contains(skip, policy.type)) {
      spdlog::info("skipping default {} creation mesh={} name={}", policy.type, mesh_name,
                   policy.name);
      continue;
    }
    const ResourceTypeDescriptor* type = registry.FindByName(policy.type);
    if (type == nullptr) {
      continue;  // a registry without this kind (tests of other kinds)
    }
    Result<Resource> existing = tx.Get(*type, ResourceKey{mesh_name, policy.name});
    if (existing.ok()) {
      spdlog::info("default {} already exists mesh={} name={}", policy.type, mesh_name,
                   policy.name);
      continue;
    }
    if (!existing.status().IsNotFound()) {
      return existing.status();
    }
    Resource r(*type);
    r.meta().mesh = mesh_name;
    r.meta().name = policy.name;
    r.meta().labels = labels;
    MP_RETURN_IF_ERROR(JsonToMessage(SpecOf(policy.name, mesh_name), &r.spec(), nullptr));
    MP_RETURN_IF_ERROR(tx.Create(r, CreateOptions{{}, owner}));
    spdlog::info("default {} created mesh={} name={}", policy.type, mesh_name, policy.name);
  }
  return Status::Ok();
}

}  // namespace meshplane
