#include "ca/builtin/builtin_ca_plugin.h"

#include <re2/re2.h>

#include <algorithm>

#include "core/duration.h"
#include "core/json_proto.h"
#include "mesh/v1alpha1/ca_config.pb.h"

namespace meshplane {

namespace {

// Kuma checks the cert Secret's name, which must be usable as a Kubernetes Secret name.
constexpr size_t kMaxSecretNameLength = 255;

// govalidator.IsDNSName, which Kuma uses on the Secret name: labels of 1-63 characters from
// [A-Za-z0-9_-] not starting with '-', separated by dots, optionally ending in '.' or '_', at most
// 255 characters not counting dots. (Its "not an IP" clause cannot matter here: the name always
// contains "ca-builtin-cert-", which no IP literal does.)
bool IsGovalidatorDnsName(const std::string& name) {
  static const RE2 kDnsName(
      R"(^([a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62}){1}(\.[a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62})*[\._]?$)");
  if (name.empty()) {
    return false;
  }
  size_t without_dots =
      name.size() - static_cast<size_t>(std::count(name.begin(), name.end(), '.'));
  if (without_dots > kMaxSecretNameLength) {
    return false;
  }
  return RE2::FullMatch(name, kDnsName);
}

bool HasUpperCase(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsSupportedRsaKeySize(uint32_t bits) { return bits == 2048 || bits == 3072 || bits == 4096; }

}  // namespace

std::string BuiltinCaCertSecretName(const std::string& mesh, const std::string& backend) {
  return mesh + ".ca-builtin-cert-" + backend;
}

std::string BuiltinCaKeySecretName(const std::string& mesh, const std::string& backend) {
  return mesh + ".ca-builtin-key-" + backend;
}

ValidationError BuiltinCaPlugin::ValidateBackend(
    const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
    const DataSourceLoader& /*loader*/) const {
  ValidationError err;
  const PathBuilder conf = PathBuilder::RootedAt("conf");

  kuma::plugins::ca::BuiltinCertificateAuthorityConfig cfg;
  Status decoded = StructToMessage(backend.conf(), &cfg, nullptr);
  if (!decoded.ok()) {
    // Kuma goes on to check the name after a conf it cannot read; so do we.
    err.AddViolationAt(conf, "could not convert backend config: " + decoded.message());
  } else if (cfg.has_cacert()) {
    const PathBuilder ca_cert = conf.Field("caCert");
    const std::string& expiration = cfg.cacert().expiration();
    if (!expiration.empty() && !ParseKumaDuration(expiration).has_value()) {
      err.AddViolationAt(ca_cert.Field("expiration"), "has to be a valid format");
    }
    // 0 is how Kuma spells "the default" (2048), so it stays accepted.
    if (cfg.cacert().has_rsabits() && cfg.cacert().rsabits().value() != 0 &&
        !IsSupportedRsaKeySize(cfg.cacert().rsabits().value())) {
      err.AddViolationAt(ca_cert.Field("RSAbits"), "must be one of 2048, 3072 or 4096");
    }
  }

  const std::string secret_name = BuiltinCaCertSecretName(mesh, backend.name());
  const PathBuilder name = PathBuilder::RootedAt("name");
  if (secret_name.size() > kMaxSecretNameLength) {
    err.AddViolationAt(name, "Backend name is too long. Max length: 255");
  }
  if (!IsGovalidatorDnsName(secret_name) || HasUpperCase(secret_name)) {
    err.AddViolationAt(name, GoQuote(backend.name()) + " name must be valid dns name");
  }
  return err;
}

std::vector<std::string> BuiltinCaPlugin::UsedSecrets(
    const std::string& mesh,
    const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend) const {
  return {BuiltinCaCertSecretName(mesh, backend.name()),
          BuiltinCaKeySecretName(mesh, backend.name())};
}

}  // namespace meshplane
