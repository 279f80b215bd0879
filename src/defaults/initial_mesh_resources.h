// The resources every new Mesh starts with (Kuma's EnsureDefaultMeshResources,
// pkg/defaults/mesh): the data plane token signing key Secret
// `dataplane-token-signing-key-<mesh>-1`, always, and, unless skipped by the mesh's
// `skipCreatingInitialPolicies`, the default policies `mesh-timeout-all-<mesh>`,
// `mesh-gateways-timeout-all-<mesh>`, `mesh-circuit-breaker-all-<mesh>` and
// `mesh-retry-all-<mesh>` with Kuma's exact specs. All are owned by the mesh (deleted with it).
//
// Runs inside the mesh-create transaction (the Mesh lifecycle's after_create), never on update:
// a failure rolls the mesh back. Skip entries are exact type names; `MeshTimeout` skips both
// timeout policies; `*` skips every policy but not the signing key; unknown entries are ignored.
// A resource that already exists is left alone. The legacy TrafficPermission / TrafficRoute of
// `defaults.createMeshRoutingResources` are not created (those kinds are not served).
#pragma once

#include <string>

#include "core/error.h"
#include "core/resource.h"
#include "core/resource_type.h"
#include "store/resource_store.h"

namespace meshplane {

struct InitialMeshResourcesOptions {
  // Labels of the default policies, as Kuma's labels.Compute sets them on a zone control plane:
  // kuma.io/mesh always; kuma.io/origin=zone, kuma.io/zone=<zone_name> and
  // kuma.io/env=<environment> when `zone_labels`.
  bool zone_labels = true;
  std::string zone_name = "default";
  std::string environment = "universal";
};

Status CreateInitialMeshResources(const Resource& mesh, ResourceStore& tx,
                                  const ResourceTypeRegistry& registry,
                                  const InitialMeshResourcesOptions& opts = {});

// The default policy names Kuma gives mesh `mesh`, by type, in creation order.
struct InitialPolicy {
  std::string type;
  std::string name;
};
std::vector<InitialPolicy> InitialPolicyNames(const std::string& mesh);

}  // namespace meshplane
