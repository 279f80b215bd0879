// MeshContext: an immutable snapshot of everything xDS generation reads for one mesh: the Mesh,
// its Dataplanes and its MeshTrafficPermissions, taken from the store at one moment. Contexts are
// built by the xDS server when store events say a mesh changed, and shared (read-only, by
// shared_ptr) by every generation that uses them.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/mesh/v1alpha1/dataplane.pb.h"
#include "api/mesh/v1alpha1/mesh.pb.h"
#include "core/error.h"
#include "core/resource.h"
#include "core/resource_type.h"
#include "policies/mtp/mtp_types.h"

namespace meshplane {
class ResourceStore;
}

namespace meshplane::xds {

struct DataplaneEntry {
  std::string name;
  int64_t version = 0;
  Labels labels;
  kuma::mesh::v1alpha1::Dataplane spec;
};

struct MeshContext {
  std::string mesh;
  int64_t mesh_version = 0;
  kuma::mesh::v1alpha1::Mesh spec;
  // The zone of this control plane (multizone.zone.name).
  std::string local_zone;
  // Every Dataplane of the mesh, ordered by name.
  std::vector<DataplaneEntry> dataplanes;
  // Every MeshTrafficPermission of the mesh; `mtps[i].spec` points into `mtp_specs`.
  std::deque<mtp::MeshTrafficPermission> mtp_specs;
  std::vector<mtp::MtpPolicy> mtps;

  const DataplaneEntry* FindDataplane(std::string_view name) const;
  bool MtlsEnabled() const { return !spec.mtls().enabledbackend().empty(); }
};

// Reads the mesh and its resources from `store`. kNotFound when the mesh does not exist.
Result<std::shared_ptr<const MeshContext>> BuildMeshContext(ResourceStore& store,
                                                            const ResourceTypeRegistry& registry,
                                                            const std::string& mesh,
                                                            const std::string& local_zone);

}  // namespace meshplane::xds
