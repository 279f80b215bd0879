#include "resources/mesh/mesh_validator.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/duration.h"
#include "resources/mesh/mesh_backend_validators.h"

namespace meshplane {

namespace mv1 = kuma::mesh::v1alpha1;

namespace {

// Kuma allows a single CA backend even though the field is a list (AllowedMTLSBackends).
constexpr int kAllowedMtlsBackends = 1;

std::string NameAlreadyUsed(const std::string& name) {
  return GoQuote(name) + " name is already used for another backend";
}

PathBuilder BackendPath(int i) { return PathBuilder::RootedAt("backends").Index(i); }

ValidationError ValidateMtls(const mv1::Mesh::Mtls& mtls) {
  ValidationError err;
  if (mtls.backends_size() > kAllowedMtlsBackends) {
    err.AddViolationAt(
        PathBuilder::RootedAt("backends"),
        "cannot have more than " + std::to_string(kAllowedMtlsBackends) + " backends");
  }
  std::set<std::string> used;
  for (int i = 0; i < mtls.backends_size(); ++i) {
    const mv1::CertificateAuthorityBackend& backend = mtls.backends(i);
    if (!used.insert(backend.name()).second) {
      err.AddViolationAt(BackendPath(i).Field("name"), NameAlreadyUsed(backend.name()));
    }
    // Kuma reports this at the index-less, lowercase `dpcert.rotation.expiration`; meshplane
    // names the offending backend instead, so the user can find it.
    if (backend.has_dpcert() && !ParseKumaDuration(backend.dpcert().rotation().expiration())) {
      err.AddViolationAt(BackendPath(i).Field("dpCert").Field("rotation").Field("expiration"),
                         "has to be a valid format");
    }
  }
  if (!mtls.enabledbackend().empty() && !used.contains(mtls.enabledbackend())) {
    err.AddViolation("enabledBackend", "has to be set to one of the backends in the mesh");
  }
  return err;
}

ValidationError ValidateLoggingBackend(const mv1::LoggingBackend& backend) {
  ValidationError err;
  if (backend.name().empty()) {
    err.AddViolation("name", "cannot be empty");
  }
  if (backend.type() == "file") {
    err.AddError("config", ValidateFileLoggingConfig(backend.conf()));
  } else if (backend.type() == "tcp") {
    err.AddError("config", ValidateTcpLoggingConfig(backend.conf()));
  } else {
    err.AddViolation("type", "unknown backend type. Available backends: \"tcp\", \"file\"");
  }
  return err;
}

ValidationError ValidateLogging(const mv1::Logging& logging) {
  ValidationError err;
  std::set<std::string> used;
  for (int i = 0; i < logging.backends_size(); ++i) {
    const mv1::LoggingBackend& backend = logging.backends(i);
    err.AddErrorAt(BackendPath(i), ValidateLoggingBackend(backend));
    // Checked after the backend's own rules, so an empty second name gets both messages.
    if (!used.insert(backend.name()).second) {
      err.AddViolationAt(BackendPath(i).Field("name"), NameAlreadyUsed(backend.name()));
    }
  }
  if (!logging.defaultbackend().empty() && !used.contains(logging.defaultbackend())) {
    err.AddViolation("defaultBackend", "has to be set to one of the logging backend in mesh");
  }
  return err;
}

ValidationError ValidateTracingBackend(const mv1::TracingBackend& backend) {
  ValidationError err;
  if (backend.name().empty()) {
    err.AddViolation("name", "cannot be empty");
  }
  // Unset sampling counts as 0 here (Kuma reads GetValue()); the runtime default is 100.
  double sampling = backend.sampling().value();
  if (sampling < 0.0 || sampling > 100.0) {
    err.AddViolation("sampling", "has to be in [0.0 - 100.0] range");
  }
  if (backend.type() == "zipkin") {
    err.AddError("config", ValidateZipkinTracingConfig(backend.conf()));
  } else if (backend.type() == "datadog") {
    err.AddError("config", ValidateDatadogTracingConfig(backend.conf()));
  } else {
    err.AddViolation("type", "unknown backend type. Available backends: \"zipkin\", \"datadog\"");
  }
  return err;
}

ValidationError ValidateTracing(const mv1::Tracing& tracing) {
  ValidationError err;
  std::set<std::string> used;
  for (int i = 0; i < tracing.backends_size(); ++i) {
    const mv1::TracingBackend& backend = tracing.backends(i);
    err.AddErrorAt(BackendPath(i), ValidateTracingBackend(backend));
    if (!used.insert(backend.name()).second) {
      err.AddViolationAt(BackendPath(i).Field("name"), NameAlreadyUsed(backend.name()));
    }
  }
  if (!tracing.defaultbackend().empty() && !used.contains(tracing.defaultbackend())) {
    err.AddViolation("defaultBackend", "has to be set to one of the tracing backend in mesh");
  }
  return err;
}

ValidationError ValidateMetrics(const mv1::Metrics& metrics) {
  ValidationError err;
  std::set<std::string> used;
  for (int i = 0; i < metrics.backends_size(); ++i) {
    const mv1::MetricsBackend& backend = metrics.backends(i);
    // Unlike logging and tracing, the duplicate check comes first here.
    if (used.contains(backend.name())) {
      err.AddViolationAt(BackendPath(i).Field("name"), NameAlreadyUsed(backend.name()));
    }
    if (backend.type() != "prometheus") {
      err.AddViolationAt(BackendPath(i).Field("type"),
                         "unknown backend type. Available backends: \"prometheus\"");
    } else {
      err.AddErrorAt(BackendPath(i).Field("conf"), ValidatePrometheusMetricsConfig(backend.conf()));
    }
    used.insert(backend.name());
  }
  if (!metrics.enabledbackend().empty() && !used.contains(metrics.enabledbackend())) {
    err.AddViolation("enabledBackend", "has to be set to one of the backends in the mesh");
  }
  return err;
}

bool IsTagNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == ':' || c == '/';
}

// ^[a-zA-Z0-9.\-_:/]*$
bool IsTagName(const std::string& s) { return std::all_of(s.begin(), s.end(), IsTagNameChar); }

// ^([a-zA-Z0-9.\-_:/]*|\*)$
bool IsSelectorValue(const std::string& s) { return s == "*" || IsTagName(s); }

// Kuma's ValidateSelector with RequireAtLeastOneTag. Keys are visited in sorted (byte) order, as
// Go's sort.Strings orders them, and every rule is checked for every key.
ValidationError ValidateSelector(const PathBuilder& path,
                                 const google::protobuf::Map<std::string, std::string>& tags) {
  ValidationError err;
  if (tags.empty()) {
    err.AddViolationAt(path, "must have at least one tag");
  }
  std::vector<std::string> keys;
  keys.reserve(tags.size());
  for (const auto& [key, value] : tags) {
    keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  for (const std::string& key : keys) {
    if (key.empty()) {
      err.AddViolationAt(path, "tag name must be non-empty");
    }
    if (!IsTagName(key)) {
      err.AddViolationAt(path.Key(key),
                         "tag name must consist of alphanumeric characters, dots, dashes, slashes "
                         "and underscores");
    }
    const std::string& value = tags.at(key);
    if (value.empty()) {
      err.AddViolationAt(path.Key(key), "tag value must be non-empty");
    }
    if (!IsSelectorValue(value)) {
      err.AddViolationAt(path.Key(key),
                         "tag value must consist of alphanumeric characters, dots, dashes, "
                         "slashes and underscores or be \"*\"");
    }
  }
  return err;
}

ValidationError ValidateConstraints(const mv1::Mesh::Constraints& constraints) {
  ValidationError err;
  if (!constraints.has_dataplaneproxy()) {
    return err;
  }
  const auto& dpp = constraints.dataplaneproxy();
  PathBuilder root = PathBuilder::RootedAt("dataplaneProxy");
  for (int i = 0; i < dpp.requirements_size(); ++i) {
    err.Append(ValidateSelector(root.Field("requirements").Index(i).Field("tags"),
                                dpp.requirements(i).tags()));
  }
  for (int i = 0; i < dpp.restrictions_size(); ++i) {
    err.Append(ValidateSelector(root.Field("restrictions").Index(i).Field("tags"),
                                dpp.restrictions(i).tags()));
  }
  return err;
}

}  // namespace

ValidationError ValidateMesh(const mv1::Mesh& mesh) {
  ValidationError err;
  // Sections in Kuma's order; every section runs, whatever the earlier ones found.
  if (mesh.has_mtls()) {
    err.AddError("mtls", ValidateMtls(mesh.mtls()));
  }
  if (mesh.has_logging()) {
    err.AddError("logging", ValidateLogging(mesh.logging()));
  }
  if (mesh.has_tracing()) {
    err.AddError("tracing", ValidateTracing(mesh.tracing()));
  }
  if (mesh.has_metrics()) {
    err.AddError("metrics", ValidateMetrics(mesh.metrics()));
  }
  if (mesh.has_constraints()) {
    err.AddError("constraints", ValidateConstraints(mesh.constraints()));
  }
  // Reported at `mtls` rather than `routing.zoneEgress`, as Kuma does.
  if (mesh.has_routing() && mesh.routing().zoneegress() && mesh.mtls().enabledbackend().empty()) {
    err.AddViolation("mtls", "has to be set when zoneEgress enabled");
  }
  return err;
}

}  // namespace meshplane
