// The interface of a CA backend plugin: what a `mtls.backends[]` entry of a given `type` means.
// Implementations live in their own folders (builtin/, provided/) and are installed by type name
// in a CaPluginRegistry. Plugins keep no per-mesh state: everything they need (the mesh name,
// the backend, a DataSourceLoader, later a store) is passed in, so one instance serves every
// mesh and every thread.
#pragma once

#include <string>
#include <vector>

#include "ca/datasource_loader.h"
#include "core/validation.h"
#include "mesh/v1alpha1/mesh.pb.h"

namespace meshplane {

class CaPlugin {
 public:
  virtual ~CaPlugin() = default;

  // The `type` this plugin serves, e.g. "builtin".
  virtual std::string Type() const = 0;

  // Checks that `backend` can work in `mesh` (Kuma's ValidateBackend). Runs on every create
  // and update of a Mesh that lists the backend, unless `mtls.skipValidation` is set.
  //
  // Violation paths are relative to the backend entry: `conf`, `conf.cert`, `conf.cert[0]`
  // for its configuration, `name` for its name. The mesh manager nests them under
  // `mtls.backends[<i>]`. Never fails for another reason: a failure to read the material the
  // backend points at is the user's to fix and is reported as a violation, as Kuma does.
  virtual ValidationError ValidateBackend(
      const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
      const DataSourceLoader& loader) const = 0;

  // Names of the mesh Secrets the backend depends on (Kuma's UsedSecrets): a Secret listed
  // here cannot be deleted while the backend is in the mesh. Never fails; a backend whose conf
  // does not decode uses no Secret.
  virtual std::vector<std::string> UsedSecrets(
      const std::string& mesh,
      const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend) const = 0;
};

}  // namespace meshplane
