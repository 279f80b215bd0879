#include "ca/builtin/builtin_ca_plugin.h"

#include <re2/re2.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "ca/builtin/builtin_root_ca.h"
#include "core/duration.h"
#include "core/json_proto.h"
#include "mesh/v1alpha1/ca_config.pb.h"
#include "resources/secret/secret_type.h"

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

namespace {

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

Status CreateSecretOwnedByMesh(ResourceStore& tx, const ResourceTypeDescriptor& secret_type,
                               const std::string& mesh, const std::string& name,
                               const std::string& data, Timestamp now) {
  Resource secret = NewSecret(secret_type, mesh, name, data);
  CreateOptions opts;
  opts.creation_time = now;
  opts.owner = OwnerRef{"Mesh", ResourceKey{"", mesh}};
  Status st = tx.Create(secret, opts);
  // Kuma ignores "already exists": whoever created it first made the CA.
  if (st.code() == ErrorCode::kAlreadyExists) {
    return Status::Ok();
  }
  return st;
}

}  // namespace

Status BuiltinCaPlugin::EnsureBackend(
    const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
    ResourceStore& tx, const ResourceTypeRegistry& registry, Timestamp now) const {
  const ResourceTypeDescriptor* secret_type = registry.FindByName(kSecretTypeName);
  if (secret_type == nullptr) {
    return Status::Internal("the Secret kind is not registered; cannot store the CA");
  }
  const std::string cert_name = BuiltinCaCertSecretName(mesh, backend.name());
  const std::string key_name = BuiltinCaKeySecretName(mesh, backend.name());
  Result<Resource> cert = tx.Get(*secret_type, ResourceKey{mesh, cert_name});
  if (!cert.ok() && !cert.status().IsNotFound()) {
    return cert.status();
  }
  Result<Resource> key = tx.Get(*secret_type, ResourceKey{mesh, key_name});
  if (!key.ok() && !key.status().IsNotFound()) {
    return key.status();
  }
  if (cert.ok() && key.ok()) {
    return Status::Ok();
  }
  if (cert.ok() != key.ok()) {
    const std::string& missing = cert.ok() ? key_name : cert_name;
    const std::string& present = cert.ok() ? cert_name : key_name;
    return Status::BadRequest("CA of backend " + Quoted(backend.name()) + " in mesh " +
                              Quoted(mesh) + " is incomplete: Secret " + Quoted(missing) +
                              " is missing; delete Secret " + Quoted(present) +
                              " to have a new CA generated");
  }

  kuma::plugins::ca::BuiltinCertificateAuthorityConfig cfg;
  Status decoded = StructToMessage(backend.conf(), &cfg, nullptr);
  if (!decoded.ok()) {
    return Status::BadRequest("could not convert backend config: " + decoded.message());
  }
  int bits = kDefaultCaRsaBits;
  if (cfg.cacert().has_rsabits() && cfg.cacert().rsabits().value() != 0) {
    bits = static_cast<int>(cfg.cacert().rsabits().value());
  }
  std::chrono::seconds validity = kDefaultCaValidity;
  if (!cfg.cacert().expiration().empty()) {
    std::optional<std::chrono::milliseconds> parsed = ParseKumaDuration(cfg.cacert().expiration());
    if (!parsed.has_value() || parsed->count() <= 0) {
      return Status::BadRequest("could not create the CA of backend " + Quoted(backend.name()) +
                                ": invalid caCert.expiration " + Quoted(cfg.cacert().expiration()));
    }
    validity = std::chrono::duration_cast<std::chrono::seconds>(*parsed);
  }
  Result<GeneratedRootCa> ca = GenerateBuiltinRootCa(mesh, bits, validity, now);
  if (!ca.ok()) {
    return Status(ca.status().code(), "could not create the CA of backend " +
                                          Quoted(backend.name()) + ": " + ca.status().message());
  }
  MP_RETURN_IF_ERROR(CreateSecretOwnedByMesh(tx, *secret_type, mesh, cert_name, ca->cert_pem, now));
  MP_RETURN_IF_ERROR(CreateSecretOwnedByMesh(tx, *secret_type, mesh, key_name, ca->key_pem, now));
  spdlog::info("CA created mesh={} backend={} notAfter={}", mesh, backend.name(),
               FormatRfc3339(ca->not_after));
  return Status::Ok();
}

Result<SigningCa> BuiltinCaPlugin::LoadSigningCa(
    const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
    const SecretLookup& secrets) const {
  auto failed = [&](const Status& st) {
    return Status(st.code(), "failed to load CA key pair for Mesh " + Quoted(mesh) +
                                 " and backend " + Quoted(backend.name()) + ": " + st.message());
  };
  Result<std::string> cert = secrets(mesh, BuiltinCaCertSecretName(mesh, backend.name()));
  if (!cert.ok()) {
    return failed(cert.status());
  }
  Result<std::string> key = secrets(mesh, BuiltinCaKeySecretName(mesh, backend.name()));
  if (!key.ok()) {
    return failed(key.status());
  }
  return SigningCa{std::move(cert).value(), std::move(key).value()};
}

Result<std::vector<std::string>> BuiltinCaPlugin::RootCertificates(
    const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
    const SecretLookup& secrets) const {
  Result<std::string> cert = secrets(mesh, BuiltinCaCertSecretName(mesh, backend.name()));
  if (!cert.ok()) {
    return Status(cert.status().code(), "failed to load CA cert for Mesh " + Quoted(mesh) +
                                            " and backend " + Quoted(backend.name()) + ": " +
                                            cert.status().message());
  }
  return std::vector<std::string>{std::move(cert).value()};
}

}  // namespace meshplane
