#include "ca/provided/provided_ca_plugin.h"

#include "ca/datasource_validator.h"
#include "ca/provided/ca_cert_validator.h"
#include "core/json_proto.h"
#include "mesh/v1alpha1/ca_config.pb.h"

namespace meshplane {

ValidationError ProvidedCaPlugin::ValidateBackend(
    const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
    const DataSourceLoader& loader) const {
  ValidationError err;
  const PathBuilder conf = PathBuilder::RootedAt("conf");

  kuma::plugins::ca::ProvidedCertificateAuthorityConfig cfg;
  Status decoded = StructToMessage(backend.conf(), &cfg, nullptr);
  if (!decoded.ok()) {
    err.AddViolationAt(conf, "could not convert backend config: " + decoded.message());
    return err;
  }

  ValidationError shape;
  if (!cfg.has_cert()) {
    shape.AddViolation("cert", "has to be defined");
  } else {
    shape.AddError("cert", ValidateDataSource(cfg.cert()));
  }
  if (!cfg.has_key()) {
    shape.AddViolation("key", "has to be defined");
  } else {
    shape.AddError("key", ValidateDataSource(cfg.key()));
  }
  if (shape.HasViolations()) {
    err.AddErrorAt(conf, shape);
    return err;
  }

  // Kuma loads the key first, so a missing key is what both fields report.
  Result<std::string> key = loader.Load(mesh, cfg.key());
  Result<std::string> cert = key.ok() ? loader.Load(mesh, cfg.cert()) : key;
  if (!cert.ok()) {
    err.AddViolationAt(conf.Field("cert"), cert.status().message());
    err.AddViolationAt(conf.Field("key"), cert.status().message());
    return err;
  }
  err.AddErrorAt(conf, ValidateCaCertificate(*cert, *key));
  return err;
}

std::vector<std::string> ProvidedCaPlugin::UsedSecrets(
    const std::string& mesh,
    const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend) const {
  kuma::plugins::ca::ProvidedCertificateAuthorityConfig cfg;
  if (!StructToMessage(backend.conf(), &cfg, nullptr).ok()) {
    return {};
  }
  std::vector<std::string> secrets;
  if (cfg.cert().has_secret()) {
    secrets.push_back(cfg.cert().secret());
  }
  if (cfg.key().has_secret()) {
    secrets.push_back(cfg.key().secret());
  }
  return secrets;
}

namespace {

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

Result<kuma::plugins::ca::ProvidedCertificateAuthorityConfig> DecodeConf(
    const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend) {
  kuma::plugins::ca::ProvidedCertificateAuthorityConfig cfg;
  Status decoded = StructToMessage(backend.conf(), &cfg, nullptr);
  if (!decoded.ok()) {
    return Status::BadRequest("could not convert backend config: " + decoded.message());
  }
  return cfg;
}

}  // namespace

Status ProvidedCaPlugin::EnsureBackend(
    const std::string& /*mesh*/,
    const kuma::mesh::v1alpha1::CertificateAuthorityBackend& /*backend*/, ResourceStore& /*tx*/,
    const ResourceTypeRegistry& /*registry*/, Timestamp /*now*/) const {
  return Status::Ok();
}

Result<SigningCa> ProvidedCaPlugin::LoadSigningCa(
    const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
    const SecretLookup& secrets) const {
  auto failed = [&](const Status& st) {
    return Status(st.code(), "failed to load CA key pair for Mesh " + Quoted(mesh) +
                                 " and backend " + Quoted(backend.name()) + ": " + st.message());
  };
  auto cfg = DecodeConf(backend);
  if (!cfg.ok()) {
    return failed(cfg.status());
  }
  DataSourceLoader loader(secrets);
  Result<std::string> cert = loader.Load(mesh, cfg->cert());
  if (!cert.ok()) {
    return failed(cert.status());
  }
  Result<std::string> key = loader.Load(mesh, cfg->key());
  if (!key.ok()) {
    return failed(key.status());
  }
  return SigningCa{std::move(cert).value(), std::move(key).value()};
}

Result<std::vector<std::string>> ProvidedCaPlugin::RootCertificates(
    const std::string& mesh, const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
    const SecretLookup& secrets) const {
  auto cfg = DecodeConf(backend);
  if (!cfg.ok()) {
    return cfg.status();
  }
  DataSourceLoader loader(secrets);
  Result<std::string> cert = loader.Load(mesh, cfg->cert());
  if (!cert.ok()) {
    return Status(cert.status().code(), "failed to load CA cert for Mesh " + Quoted(mesh) +
                                            " and backend " + Quoted(backend.name()) + ": " +
                                            cert.status().message());
  }
  return std::vector<std::string>{std::move(cert).value()};
}

}  // namespace meshplane
