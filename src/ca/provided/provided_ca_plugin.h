// The `provided` CA backend: the user supplies the mesh's CA certificate (or chain) and its key
// through two DataSources, `conf.cert` and `conf.key`. meshplane never creates or changes them.
//
// ValidateBackend applies Kuma's rules in Kuma's order (pkg/plugins/ca/provided/manager.go,
// ca_cert_validator.go), with Kuma's messages:
//  1. `conf` must decode (stop otherwise);
//  2. `cert` and `key` must be defined and well-formed DataSources;
//  3. only then the key and then the certificate are loaded; a load failure is reported on both
//     `conf.cert` and `conf.key`;
//  4. they must form a TLS key pair (`conf.cert`), and every certificate k of the chain must be a
//     CA allowed to sign certificates and not to agree keys (`conf.cert[k]`).
#pragma once

#include <string>
#include <vector>

#include "ca/ca_plugin.h"

namespace meshplane {

inline constexpr const char* kProvidedCaType = "provided";

class ProvidedCaPlugin : public CaPlugin {
 public:
  std::string Type() const override { return kProvidedCaType; }

  ValidationError ValidateBackend(const std::string& mesh,
                                  const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                                  const DataSourceLoader& loader) const override;
  std::vector<std::string> UsedSecrets(
      const std::string& mesh,
      const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend) const override;

  // Nothing to create: the user owns the material.
  Status EnsureBackend(const std::string& mesh,
                       const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                       ResourceStore& tx, const ResourceTypeRegistry& registry,
                       Timestamp now) const override;
  // `conf.cert` (the whole chain) and `conf.key`, re-read from their DataSources on every call
  // (nothing is cached, as in Kuma), so a rotated Secret or file is picked up at once.
  Result<SigningCa> LoadSigningCa(const std::string& mesh,
                                  const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                                  const SecretLookup& secrets) const override;
  Result<std::vector<std::string>> RootCertificates(
      const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
      const SecretLookup& secrets) const override;
};

}  // namespace meshplane
