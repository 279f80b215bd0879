#include "resources/dataplane/dataplane_type.h"

#include "core/meta_validator.h"
#include "core/zone_labels.h"
#include "mesh/v1alpha1/dataplane.pb.h"
#include "resources/dataplane/dataplane_validator.h"

namespace meshplane {

void RegisterDataplaneType(ResourceTypeRegistry& registry) {
  ResourceTypeDescriptor d;
  d.name = kDataplaneTypeName;
  d.plural_path = "dataplanes";
  d.cli_singular = "dataplane";
  d.cli_plural = "dataplanes";
  d.short_name = "dp";
  d.singular_display = "Dataplane";
  d.plural_display = "Dataplanes";
  d.scope = ResourceScope::kMesh;
  d.include_in_federation = true;
  d.spec_at_top_level = true;
  d.spec_descriptor = kuma::mesh::v1alpha1::Dataplane::descriptor();
  d.validate = [](const Resource& r) {
    return ValidateDataplane(r.SpecAs<kuma::mesh::v1alpha1::Dataplane>());
  };
  d.computed_labels = [](Labels& labels, const std::string& mesh, const std::string& zone) {
    AddZoneOriginLabels(labels, mesh.empty() ? "default" : mesh, zone);
  };
  d.deprecations = [](const Resource& r) { return NameDeprecationWarnings(r); };
  registry.Register(std::move(d));
}

const ResourceTypeDescriptor& DataplaneType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kDataplaneTypeName);
}

}  // namespace meshplane
