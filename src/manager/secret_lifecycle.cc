#include "manager/secret_lifecycle.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/mesh/mesh_type.h"
#include "resources/secret/secret_type.h"

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::Mesh;

Status ValidateDelete(const Resource& secret, ResourceStore& tx,
                      const ResourceTypeRegistry& registry, const CaPluginRegistry& plugins) {
  const ResourceTypeDescriptor* mesh_type = registry.FindByName(kMeshTypeName);
  if (mesh_type == nullptr) {
    return Status::Ok();
  }
  const std::string& mesh_name = secret.meta().mesh;
  auto mesh = tx.Get(*mesh_type, ResourceKey{"", mesh_name});
  if (!mesh.ok()) {
    // With its mesh gone nothing can reference the secret any more.
    return mesh.status().IsNotFound() ? Status::Ok() : mesh.status();
  }
  ValidationError err;
  for (const auto& backend : mesh->SpecAs<Mesh>().mtls().backends()) {
    const CaPlugin* plugin = plugins.Find(backend.type());
    if (plugin == nullptr) {
      // The mesh validator rejects unknown types, so this is a plugin removed since; like Kuma,
      // it does not block the delete.
      spdlog::info(
          "secret {}/{}: CA backend {} has type {} which is not installed; not checking it",
          mesh_name, secret.meta().name, backend.name(), backend.type());
      continue;
    }
    std::vector<std::string> used = plugin->UsedSecrets(mesh_name, backend);
    if (std::find(used.begin(), used.end(), secret.meta().name) != used.end()) {
      err.AddViolation("name", SecretInUseMessage(secret.meta().name, mesh_name, backend.name()));
    }
  }
  return err.HasViolations() ? Status::Invalid(std::move(err)) : Status::Ok();
}

}  // namespace

std::string SecretInUseMessage(const std::string& secret, const std::string& mesh,
                               const std::string& backend) {
  return "The secret " + GoQuote(secret) +
         " that you are trying to remove is currently in use in " + "Mesh " + GoQuote(mesh) +
         " in mTLS backend " + GoQuote(backend) + ". Please remove the reference from the " +
         GoQuote(backend) + " backend before removing the secret.";
}

void RegisterSecretLifecycle(ResourceManager& manager, const CaPluginRegistry& plugins) {
  const ResourceTypeRegistry* registry = &manager.registry();
  const CaPluginRegistry* installed = &plugins;
  KindLifecycle lifecycle;
  lifecycle.validate_delete = [registry, installed](const Resource& r, ResourceStore& tx) {
    return ValidateDelete(r, tx, *registry, *installed);
  };
  manager.RegisterLifecycle(kSecretTypeName, std::move(lifecycle));
}

}  // namespace meshplane
