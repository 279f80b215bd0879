// The REST API server (Kuma's port 5681): Kuma-compatible resource endpoints for every kind in
// the manager's registry, the index, /config, /_resources and /who-am-i. Every request is
// counted and timed in `api_server_http_requests_total` and
// `api_server_http_request_duration_seconds` {handler (the route template), method, code}, and
// logged at debug level without its body.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ca/workload_cert_issuer.h"
#include "ca/workload_cert_metrics.h"
#include "core/error.h"
#include "core/json.h"
#include "manager/resource_manager.h"
#include "metrics/metrics_registry.h"

namespace meshplane {

struct ApiServerOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 5681;  // 0: an ephemeral port, see ApiServer::port()
  int threads = 2;
  bool read_only = false;
  std::string mode = "zone";  // selects the read-only message and the label rules
  size_t max_body_bytes = 4 * 1024 * 1024;
  Json config;  // served by GET /config
  std::string instance_id;
  std::string cluster_id;
  std::string zone = "default";  // the zone name that `kuma.io/zone` labels must carry
  // The key type of workload certificates issued without a CSR (ca.workloadCertificateKeyType).
  WorkloadKeyType workload_key_type = WorkloadKeyType::kRsa2048;
};

class HttpServer;
class Router;
class ResourceEndpoints;
struct HttpServerRequest;
struct HttpServerResponse;

class ApiServer {
 public:
  ApiServer(ResourceManager& manager, MetricsRegistry& metrics, ApiServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds and serves; kUnavailable when the address cannot be bound.
  Status Start();
  uint16_t port() const;
  // Stops accepting, finishes the requests in flight (up to `grace`) and stops.
  void Shutdown(std::chrono::milliseconds grace);

 private:
  HttpServerResponse Dispatch(const HttpServerRequest& request);

  ApiServerOptions options_;
  std::unique_ptr<Router> router_;
  std::vector<std::unique_ptr<ResourceEndpoints>> endpoints_;
  HistogramFamily& request_duration_;
  CounterFamily& requests_total_;
  WorkloadCertificateMetrics certificate_metrics_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace meshplane
