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

}  // namespace meshplane
