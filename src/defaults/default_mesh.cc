#include "defaults/default_mesh.h"

#include <spdlog/spdlog.h>

#include "core/resource.h"
#include "manager/resource_manager.h"
#include "resources/mesh/mesh_type.h"

namespace meshplane {

Status EnsureDefaultMesh(ResourceManager& manager, bool skip) {
  if (skip) {
    spdlog::info(
        "skipping default Mesh creation because KUMA_DEFAULTS_SKIP_MESH_CREATION is set to true");
    return Status::Ok();
  }
  const ResourceTypeDescriptor& mesh_type = MeshType();
  Result<Resource> existing = manager.Get(mesh_type, ResourceKey{"", kDefaultMeshName});
  if (existing.ok()) {
    return Status::Ok();
  }
  if (!existing.status().IsNotFound()) {
    return existing.status();
  }
  Resource mesh(mesh_type);  // empty spec: mTLS off, passthrough on, all default policies
  mesh.meta().name = kDefaultMeshName;
  Status created = manager.Create(mesh);
  if (created.code() == ErrorCode::kAlreadyExists) {
    // Another instance sharing the store created it between our Get and Create.
    return Status::Ok();
  }
  if (!created.ok()) {
    return created;
  }
  spdlog::info("default Mesh created");
  return Status::Ok();
}

}  // namespace meshplane
