// The `builtin` CA backend: meshplane generates and keeps the mesh's root CA itself, stored as
// two Secrets of the mesh (`<mesh>.ca-builtin-cert-<backend>`, `<mesh>.ca-builtin-key-<backend>`).
//
// ValidateBackend follows Kuma's rules (pkg/plugins/ca/builtin/manager.go) with two deliberate
// differences that a user only notices as clearer errors:
//  - the backend-name violations are reported at `name` (the manager shows
//    `mtls.backends[<i>].name`) instead of Kuma's `mtls.backends[<i>].conf.mtls.backends.name`;
//  - `conf.caCert.expiration` and `conf.caCert.RSAbits` are checked up front, so a value that
//    cannot produce a CA is rejected when the Mesh is written rather than when the CA is made.
#pragma once

#include <string>
#include <vector>

#include "ca/ca_plugin.h"

namespace meshplane {

inline constexpr const char* kBuiltinCaType = "builtin";

// Names of the Secrets holding a builtin backend's root certificate and key (Kuma's
// BuiltinCertSecretName / BuiltinKeySecretName; the mesh prefix keeps them unique on k8s).
std::string BuiltinCaCertSecretName(const std::string& mesh, const std::string& backend);
std::string BuiltinCaKeySecretName(const std::string& mesh, const std::string& backend);

class BuiltinCaPlugin : public CaPlugin {
 public:
  std::string Type() const override { return kBuiltinCaType; }

  ValidationError ValidateBackend(const std::string& mesh,
                                  const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                                  const DataSourceLoader& loader) const override;
  std::vector<std::string> UsedSecrets(
      const std::string& mesh,
      const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend) const override;

  // Creates the root CA (builtin_root_ca.h) when neither Secret exists: cert Secret first, then
  // key Secret, both owned by the Mesh; logs `CA created`. Both present: nothing. Only one
  // present (someone deleted the other): an error naming the missing Secret, instead of Kuma's
  // silent mismatched pair.
  Status EnsureBackend(const std::string& mesh,
                       const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                       ResourceStore& tx, const ResourceTypeRegistry& registry,
                       Timestamp now) const override;
  Result<SigningCa> LoadSigningCa(const std::string& mesh,
                                  const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                                  const SecretLookup& secrets) const override;
  Result<std::vector<std::string>> RootCertificates(
      const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
      const SecretLookup& secrets) const override;
};

}  // namespace meshplane
