#include "manager/mesh_lifecycle.h"

#include "ca/mesh_ca.h"
#include "ca/store_secret_lookup.h"
#include "resources/mesh/mesh_type.h"

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::Mesh;

// Kuma's limit on mesh names, kept so that meshes move between the two unchanged.
constexpr size_t kMaxMeshNameLength = 63;

bool MtlsEnabled(const Mesh& mesh) { return !mesh.mtls().enabledbackend().empty(); }

Status ToStatus(ValidationError err) {
  return err.HasViolations() ? Status::Invalid(std::move(err)) : Status::Ok();
}

Status ValidateCreate(const Resource& r, ResourceStore& tx, const ResourceTypeRegistry& registry,
                      const CaPluginRegistry& plugins) {
  if (r.meta().name.size() > kMaxMeshNameLength) {
    ValidationError err;
    err.AddViolation("name", "cannot be longer than 63 characters");
    return Status::Invalid(std::move(err));
  }
  DataSourceLoader loader(StoreSecretLookup(tx, registry));
  return ToStatus(ValidateMtlsBackends(r.meta().name, r.SpecAs<Mesh>(), plugins, loader));
}

Status ValidateUpdate(const Resource& previous, const Resource& next, ResourceStore& tx,
                      const ResourceTypeRegistry& registry, const CaPluginRegistry& plugins) {
  const Mesh& before = previous.SpecAs<Mesh>();
  const Mesh& after = next.SpecAs<Mesh>();
  // Proxies would otherwise lose trust in each other mid-switch: certificates signed by the old
  // CA are not trusted by proxies that already moved to the new one.
  if (MtlsEnabled(before) && MtlsEnabled(after) &&
      before.mtls().enabledbackend() != after.mtls().enabledbackend()) {
    ValidationError err;
    err.AddViolation("mtls.enabledBackend",
                     "Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then "
                     "change the CA");
    return Status::Invalid(std::move(err));
  }
  DataSourceLoader loader(StoreSecretLookup(tx, registry));
  return ToStatus(ValidateMtlsBackends(previous.meta().name, after, plugins, loader));
}

Status ValidateDelete(const Resource& r, ResourceStore& tx, const ResourceTypeRegistry& registry) {
  // The Dataplane kind is not served yet; with no kind there can be no Dataplane, so there is
  // nothing to protect. The check starts working as soon as the kind is registered.
  const ResourceTypeDescriptor* dataplane = registry.FindByName("Dataplane");
  if (dataplane == nullptr) {
    return Status::Ok();
  }
  ListOptions opts;
  opts.mesh = r.meta().name;
  opts.page_size = 1;
  Result<ResourceList> dataplanes = tx.List(*dataplane, opts);
  if (!dataplanes.ok()) {
    return Status(dataplanes.status().code(),
                  "unable to list Dataplanes: " + dataplanes.status().message());
  }
  if (dataplanes->total > 0 || !dataplanes->items.empty()) {
    ValidationError err;
    err.AddViolation("mesh", "unable to delete mesh, there are still some dataplanes attached");
    return Status::Invalid(std::move(err));
  }
  return Status::Ok();
}

}  // namespace

ValidationError ValidateMtlsBackends(const std::string& mesh_name, const Mesh& mesh,
                                     const CaPluginRegistry& plugins,
                                     const DataSourceLoader& loader) {
  ValidationError err;
  const PathBuilder backends = PathBuilder::RootedAt("mtls").Field("backends");
  for (int i = 0; i < mesh.mtls().backends_size(); ++i) {
    const auto& backend = mesh.mtls().backends(i);
    const PathBuilder path = backends.Index(static_cast<size_t>(i));
    const CaPlugin* plugin = plugins.Find(backend.type());
    if (plugin == nullptr) {
      err.AddViolationAt(path.Field("type"), "could not find installed plugin for this type");
      return err;
    }
    if (mesh.mtls().skipvalidation()) {
      continue;
    }
    err.AddErrorAt(path, plugin->ValidateBackend(mesh_name, backend, loader));
  }
  return err;
}

void RegisterMeshLifecycle(ResourceManager& manager, const CaPluginRegistry& plugins,
                           InitialMeshResourcesOptions initial) {
  const ResourceTypeRegistry* registry = &manager.registry();
  const CaPluginRegistry* installed = &plugins;
  KindLifecycle lifecycle;
  lifecycle.validate_create = [registry, installed](const Resource& r, ResourceStore& tx) {
    return ValidateCreate(r, tx, *registry, *installed);
  };
  lifecycle.validate_update = [registry, installed](const Resource& previous, const Resource& next,
                                                    ResourceStore& tx) {
    return ValidateUpdate(previous, next, tx, *registry, *installed);
  };
  lifecycle.validate_delete = [registry](const Resource& r, ResourceStore& tx) {
    return ValidateDelete(r, tx, *registry);
  };
  // The mesh is already stored here, so it can own the CA Secrets and initial resources; a
  // failure rolls everything back. Kuma's order: CAs first, then the default resources.
  lifecycle.after_create = [registry, installed, initial](const Resource& r, ResourceStore& tx) {
    MP_RETURN_IF_ERROR(
        EnsureMeshCas(r.meta().name, r.SpecAs<Mesh>(), tx, *registry, *installed, Clock::now()));
    return CreateInitialMeshResources(r, tx, *registry, initial);
  };
  lifecycle.after_update = [registry, installed](const Resource& previous, const Resource& next,
                                                 ResourceStore& tx) {
    return EnsureMeshCas(previous.meta().name, next.SpecAs<Mesh>(), tx, *registry, *installed,
                         Clock::now());
  };
  manager.RegisterLifecycle(kMeshTypeName, std::move(lifecycle));
}

}  // namespace meshplane
