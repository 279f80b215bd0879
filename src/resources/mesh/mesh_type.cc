#include "resources/mesh/mesh_type.h"

#include "core/meta_validator.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/mesh/mesh_defaulter.h"
#include "resources/mesh/mesh_validator.h"

namespace meshplane {

void RegisterMeshType(ResourceTypeRegistry& registry) {
  ResourceTypeDescriptor d;
  d.name = kMeshTypeName;
  d.plural_path = "meshes";
  d.cli_singular = "mesh";
  d.cli_plural = "meshes";
  d.short_name = "m";
  d.singular_display = "Mesh";
  d.plural_display = "Meshes";
  d.scope = ResourceScope::kGlobal;
  d.include_in_federation = true;
  d.spec_at_top_level = true;
  d.spec_descriptor = kuma::mesh::v1alpha1::Mesh::descriptor();
  d.validate = [](const Resource& r) {
    return ValidateMesh(r.SpecAs<kuma::mesh::v1alpha1::Mesh>());
  };
  d.apply_defaults = [](Resource& r) {
    return ApplyMeshDefaults(r.SpecAs<kuma::mesh::v1alpha1::Mesh>());
  };
  d.deprecations = [](const Resource& r) { return NameDeprecationWarnings(r); };
  registry.Register(std::move(d));
}

const ResourceTypeDescriptor& MeshType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kMeshTypeName);
}

}  // namespace meshplane
