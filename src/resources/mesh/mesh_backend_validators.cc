#include "resources/mesh/mesh_backend_validators.h"

#include <set>
#include <string>

#include "core/json_proto.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "mesh/v1alpha1/metrics.pb.h"
#include "resources/mesh/go_regexp.h"
#include "resources/mesh/go_url.h"

namespace meshplane {

namespace mv1 = kuma::mesh::v1alpha1;

namespace {

// Converts `conf` into `typed`; on failure records Kuma's message on the config itself.
// Unknown keys are ignored, as Kuma's decoder does.
bool ParseConfig(const google::protobuf::Struct& conf, google::protobuf::Message* typed,
                 ValidationError* err) {
  Status st = StructToMessage(conf, typed, nullptr);
  if (!st.ok()) {
    err->AddViolation("", "could not parse config: " + st.message());
    return false;
  }
  return true;
}

}  // namespace

ValidationError ValidateFileLoggingConfig(const google::protobuf::Struct& conf) {
  ValidationError err;
  mv1::FileLoggingBackendConfig cfg;
  if (ParseConfig(conf, &cfg, &err) && cfg.path().empty()) {
    err.AddViolation("path", "cannot be empty");
  }
  return err;
}

ValidationError ValidateTcpLoggingConfig(const google::protobuf::Struct& conf) {
  ValidationError err;
  mv1::TcpLoggingBackendConfig cfg;
  if (!ParseConfig(conf, &cfg, &err)) {
    return err;
  }
  if (cfg.address().empty()) {
    err.AddViolation("address", "cannot be empty");
    return err;
  }
  std::optional<GoHostPort> hp = GoSplitHostPort(cfg.address());
  if (!hp || hp->host.empty() || hp->port.empty()) {
    err.AddViolation("address", "has to be in format of HOST:PORT");
  }
  return err;
}

ValidationError ValidateZipkinTracingConfig(const google::protobuf::Struct& conf) {
  ValidationError err;
  mv1::ZipkinTracingBackendConfig cfg;
  if (!ParseConfig(conf, &cfg, &err)) {
    return err;
  }
  const std::string& api = cfg.apiversion();
  if (!api.empty() && api != "httpJsonV1" && api != "httpJson" && api != "httpProto") {
    err.AddViolation("apiVersion",
                     "has invalid value. Allowed values: httpJsonV1, httpJson, httpProto");
  }
  if (cfg.url().empty()) {
    err.AddViolation("url", "cannot be empty");
    return err;
  }
  // Go's url.ParseRequestURI decides validity. Note what it accepts: "zipkin:9411" is a URI with
  // scheme "zipkin" and opaque part "9411", so it is not "invalid URL" but has no host and thus
  // no port ("port has to be explicitly specified"), while "127.0.0.1:9411" (no scheme, no
  // leading '/') is an invalid request URI.
  std::optional<GoRequestUri> uri = GoParseRequestUri(cfg.url());
  if (!uri) {
    err.AddViolation("url", "invalid URL");
  } else if (uri->Port().empty()) {
    err.AddViolation("url", "port has to be explicitly specified");
  }
  return err;
}

ValidationError ValidateDatadogTracingConfig(const google::protobuf::Struct& conf) {
  ValidationError err;
  mv1::DatadogTracingBackendConfig cfg;
  if (!ParseConfig(conf, &cfg, &err)) {
    return err;
  }
  if (cfg.address().empty()) {
    err.AddViolation("address", "cannot be empty");
  }
  if (cfg.port() == 0 || cfg.port() > 65535) {
    err.AddViolation("port", "port must be in the range [1, 65535]");
  }
  return err;
}

ValidationError ValidatePrometheusMetricsConfig(const google::protobuf::Struct& conf) {
  ValidationError err;
  mv1::PrometheusMetricsBackendConfig cfg;
  if (!ParseConfig(conf, &cfg, &err)) {
    return err;
  }
  if (cfg.has_skipmtls() && cfg.has_tls()) {
    bool skip = cfg.skipmtls().value();
    auto mode = cfg.tls().mode();
    bool consistent = (!skip && mode == mv1::PrometheusTlsConfig::activeMTLSBackend) ||
                      (skip && mode == mv1::PrometheusTlsConfig::disabled);
    if (!consistent) {
      err.AddViolation("", "skipMTLS and tls configuration cannot be defined together");
      return err;
    }
  }
  if (std::optional<std::string> re_err = GoRegexpCompileError(cfg.envoy().filterregex())) {
    err.AddViolationAt(PathBuilder::RootedAt("envoy").Field("filterRegex"),
                       "provided regexp isn't correct: " + *re_err);
    return err;
  }
  std::set<std::string> used;
  for (int j = 0; j < cfg.aggregate_size(); ++j) {
    const std::string& name = cfg.aggregate(j).name();
    if (!used.insert(name).second) {
      err.AddViolationAt(PathBuilder::RootedAt("aggregate").Index(j).Field("name"),
                         "duplicate entry: " + name + ", values have to be unique");
    }
  }
  return err;
}

}  // namespace meshplane
