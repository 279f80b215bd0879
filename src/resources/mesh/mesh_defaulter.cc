#include "resources/mesh/mesh_defaulter.h"

#include "core/json_proto.h"
#include "core/well_known_tags.h"
#include "mesh/v1alpha1/metrics.pb.h"

namespace meshplane {

namespace mv1 = kuma::mesh::v1alpha1;

namespace {

constexpr uint32_t kDefaultPrometheusPort = 5670;
constexpr const char* kDefaultPrometheusPath = "/metrics";
constexpr const char* kDefaultPrometheusService = "dataplane-metrics";

// Derives `tls` from the legacy `skipMTLS` flag. A providedTLS mode wins over skipMTLS, which is
// then dropped; any other explicit combination is left as written.
void DefaultPrometheusTls(mv1::PrometheusMetricsBackendConfig& cfg) {
  if (!cfg.has_tls()) {
    bool skip = cfg.has_skipmtls() && cfg.skipmtls().value();
    cfg.mutable_tls()->set_mode(skip ? mv1::PrometheusTlsConfig::disabled
                                     : mv1::PrometheusTlsConfig::activeMTLSBackend);
    return;
  }
  if (cfg.has_skipmtls() && cfg.tls().mode() == mv1::PrometheusTlsConfig::providedTLS) {
    cfg.clear_skipmtls();
  }
}

}  // namespace

Status ApplyMeshDefaults(mv1::Mesh& mesh) {
  if (!mesh.has_metrics()) {
    return Status::Ok();
  }
  for (mv1::MetricsBackend& backend : *mesh.mutable_metrics()->mutable_backends()) {
    if (backend.type() != "prometheus") {
      continue;
    }
    mv1::PrometheusMetricsBackendConfig cfg;
    Status st = StructToMessage(backend.conf(), &cfg, nullptr);
    if (!st.ok()) {
      // A plain error, not a ValidationError: Kuma's REST layer answers it with HTTP 500.
      return Status::Internal("could not convert the backend: " + st.message());
    }
    DefaultPrometheusTls(cfg);
    if (cfg.port() == 0) {
      cfg.set_port(kDefaultPrometheusPort);
    }
    if (cfg.path().empty()) {
      cfg.set_path(kDefaultPrometheusPath);
    }
    if (cfg.tags().empty()) {
      (*cfg.mutable_tags())[kServiceTag] = kDefaultPrometheusService;
    }
    // Writing the typed config back drops unknown keys and renders activeMTLSBackend as `tls: {}`.
    MessageToStruct(cfg, backend.mutable_conf());
  }
  return Status::Ok();
}

}  // namespace meshplane
