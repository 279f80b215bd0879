// The diagnostics server (Kuma's port 5680): `/healthy` (200 while the process serves HTTP),
// `/ready` (200 when the control plane is ready, 503 otherwise) and `/metrics` (the metrics
// registry in the Prometheus text format 0.0.4).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "metrics/metrics_registry.h"

namespace meshplane {

struct DiagnosticsOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 5680;  // 0: an ephemeral port, see DiagnosticsServer::port()
};

class HttpServer;

class DiagnosticsServer {
 public:
  // `ready` is called for every /ready request, from the server's io thread.
  DiagnosticsServer(MetricsRegistry& metrics, std::function<bool()> ready,
                    DiagnosticsOptions options);
  ~DiagnosticsServer();
  DiagnosticsServer(const DiagnosticsServer&) = delete;
  DiagnosticsServer& operator=(const DiagnosticsServer&) = delete;

  Status Start();
  uint16_t port() const;
  void Shutdown(std::chrono::milliseconds grace);

 private:
  std::unique_ptr<HttpServer> server_;
};

}  // namespace meshplane
