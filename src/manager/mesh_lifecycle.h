// The Mesh kind's manager rules (Kuma's MeshValidator,
// pkg/core/managers/apis/mesh/mesh_validator.go), checked after spec validation:
//  - create: the name is at most 63 characters; every CA backend is valid;
//  - update: the CA cannot change while mTLS stays enabled; every CA backend is valid;
//  - delete: no Dataplane is left in the mesh.
// and its side effects, inside the write's transaction (better than Kuma, which leaves a created
// mesh behind when its CA cannot be made):
//  - after create and after update: the CA of every listed backend exists (EnsureMeshCas: the
//    builtin root CA Secrets, owned by the Mesh so that deleting the mesh deletes them). A
//    failure fails the whole write and stores nothing. Concurrent writers are serialised by the
//    store's transactions, so a mesh never ends up with two CAs for one backend.
//  - after create only: the initial resources of every new mesh (signing key, default
//    policies; see defaults/initial_mesh_resources.h).
// Rejections are kValidation statuses carrying Kuma's field paths and messages.
#pragma once

#include <string>

#include "ca/ca_plugin_registry.h"
#include "ca/datasource_loader.h"
#include "core/validation.h"
#include "defaults/initial_mesh_resources.h"
#include "manager/resource_manager.h"
#include "mesh/v1alpha1/mesh.pb.h"

namespace meshplane {

// Installs the rules above for kind "Mesh". `plugins` must outlive `manager`. A created mesh
// gets its initial resources (defaults/initial_mesh_resources.h) in the create transaction.
void RegisterMeshLifecycle(ResourceManager& manager,
                           const CaPluginRegistry& plugins = CaPluginRegistry::Builtin(),
                           InitialMeshResourcesOptions initial = {});

// Kuma's ValidateMTLSBackends: for each backend in order, its type must be installed (the
// first unknown type is reported at `mtls.backends[i].type` and ends the check), and, unless
// `mtls.skipValidation`, the plugin's violations are reported under `mtls.backends[i]`.
// `mesh_name` is the mesh the backends' secrets are read from.
ValidationError ValidateMtlsBackends(const std::string& mesh_name,
                                     const kuma::mesh::v1alpha1::Mesh& mesh,
                                     const CaPluginRegistry& plugins,
                                     const DataSourceLoader& loader);

}  // namespace meshplane
