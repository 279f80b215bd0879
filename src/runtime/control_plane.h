// The control-plane process (`meshplane run`): opens the store, builds the resource manager,
// ensures the default mesh, and serves the REST API and the diagnostics endpoints.
// Readiness (GET /ready on the diagnostics port) turns true only once the store is open, the
// default mesh is ensured and the API server is listening. Stop() drains in-flight API requests
// before the store closes, so a request that got a 2xx answer has been committed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/error.h"

namespace meshplane {

class ApiServer;
class DiagnosticsServer;
class InstrumentedStore;
class MetricsRegistry;
class ResourceManager;
class ResourceStore;

class ControlPlane {
 public:
  explicit ControlPlane(ControlPlaneConfig config);
  ~ControlPlane();
  ControlPlane(const ControlPlane&) = delete;
  ControlPlane& operator=(const ControlPlane&) = delete;

  // Starts every component; on failure stops what was started and returns why.
  Status Start();
  // Graceful stop; safe to call more than once, and without Start().
  void Stop();

  // The ports actually bound (useful when the configuration asked for port 0).
  uint16_t api_port() const;
  uint16_t diagnostics_port() const;
  bool ready() const { return ready_.load(); }
  const ControlPlaneConfig& config() const { return config_; }
  // Valid after a successful Start().
  ResourceManager& manager();

  // How long Stop() lets in-flight API requests finish.
  static constexpr std::chrono::milliseconds kShutdownGrace{10000};

 private:
  ControlPlaneConfig config_;
  std::unique_ptr<MetricsRegistry> metrics_;
  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<InstrumentedStore> instrumented_store_;
  std::unique_ptr<ResourceManager> manager_;
  std::unique_ptr<DiagnosticsServer> diagnostics_;
  std::unique_ptr<ApiServer> api_;
  std::atomic<bool> ready_{false};
  bool stopped_ = false;
};

// Runs the control plane until SIGTERM or SIGINT, then stops it gracefully. Returns the process
// exit code: 0 after a clean shutdown, 1 when startup failed.
int RunControlPlane(const ControlPlaneConfig& config);

// `meshplane run [--config-file FILE]`: loads the configuration from `config_file` and the
// environment; prints configuration errors to stderr and returns 1 on them, otherwise runs.
int RunFromCommandLine(const std::optional<std::string>& config_file);

}  // namespace meshplane
