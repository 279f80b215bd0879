// The interface of a CA backend plugin: what a `mtls.backends[]` entry of a given `type` means.
// Implementations live in their own folders (builtin/, provided/) and are installed by type name
// in a CaPluginRegistry. Plugins keep no per-mesh state: everything they need (the mesh name,
// the backend, a DataSourceLoader, later a store) is passed in, so one instance serves every
// mesh and every thread.
#pragma once

#include <string>
#include <vector>

#include "ca/datasource_loader.h"
#include "core/error.h"
#include "core/resource.h"
#include "core/resource_type.h"
#include "core/validation.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "store/resource_store.h"

namespace meshplane {

// The CA a backend signs workload certificates with, as PEM: `cert_chain_pem` holds the issuing
// certificate first (then, for a provided chain, its parents) and `key_pem` its private key.
struct SigningCa {
  std::string cert_chain_pem;
  std::string key_pem;
};

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

  // Makes sure the backend's CA material exists (Kuma's EnsureBackends), writing through `tx`,
  // the transaction of the Mesh write: builtin creates its root CA Secrets, owned by the Mesh,
  // when they are missing and never touches existing ones; provided does nothing. `now` is the
  // creation time of anything generated. A failure fails (and rolls back) the Mesh write.
  virtual Status EnsureBackend(const std::string& mesh,
                               const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                               ResourceStore& tx, const ResourceTypeRegistry& registry,
                               Timestamp now) const = 0;

  // The CA that signs the mesh's workload certificates. Fails with the backend's reason (e.g.
  // Kuma's `failed to load CA key pair for Mesh "m" and backend "b": ...`).
  virtual Result<SigningCa> LoadSigningCa(
      const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
      const SecretLookup& secrets) const = 0;

  // The PEM the mesh's proxies trust (Kuma's GetRootCert): builtin its root; provided the whole
  // `conf.cert` (a chain stays one element, as in Kuma).
  virtual Result<std::vector<std::string>> RootCertificates(
      const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
      const SecretLookup& secrets) const = 0;
};

}  // namespace meshplane
