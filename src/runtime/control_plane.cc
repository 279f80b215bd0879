#include "runtime/control_plane.h"

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "api_server/api_server.h"
#include "ca/ca_plugin_registry.h"
#include "ca/mesh_ca.h"
#include "core/resource_type.h"
#include "defaults/default_mesh.h"
#include "diagnostics/diagnostics_server.h"
#include "manager/dataplane_lifecycle.h"
#include "manager/mesh_lifecycle.h"
#include "manager/resource_manager.h"
#include "manager/secret_lifecycle.h"
#include "metrics/instrumented_store.h"
#include "metrics/metrics_registry.h"
#include "runtime/cluster_identity.h"
#include "store/store_factory.h"

namespace meshplane {

namespace {

// kuma-cp's diagnostics server listens on every interface; there is no setting for it.
constexpr const char* kDiagnosticsAddress = "0.0.0.0";

spdlog::level::level_enum LogLevelOf(const std::string& level) {
  if (level == "off") {
    return spdlog::level::off;
  }
  if (level == "error") {
    return spdlog::level::err;
  }
  if (level == "warn") {
    return spdlog::level::warn;
  }
  if (level == "debug") {
    return spdlog::level::debug;
  }
  if (level == "trace") {
    return spdlog::level::trace;
  }
  return spdlog::level::info;
}

std::string HostPort(const std::string& address, uint16_t port) {
  if (address.find(':') != std::string::npos) {
    return fmt::format("[{}]:{}", address, port);  // IPv6 literal
  }
  return fmt::format("{}:{}", address, port);
}

std::string StoreDescription(const ControlPlaneConfig& config) {
  if (config.store.type == "memory") {
    return "memory (SQLite in memory; resources are lost on exit)";
  }
  return fmt::format("sqlite {}", config.store.sqlite.path);
}

// The default mesh is retried briefly: another instance on the same database may hold the
// write lock for longer than SQLite's busy timeout while it creates the mesh's resources.
Status EnsureDefaultMeshWithRetry(ResourceManager& manager, bool skip) {
  Status status;
  for (int attempt = 0; attempt < 5; ++attempt) {
    status = EnsureDefaultMesh(manager, skip);
    if (status.ok() || status.code() != ErrorCode::kUnavailable) {
      return status;
    }
    spdlog::warn("could not ensure the default Mesh yet, retrying: {}", status.message());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return status;
}

}  // namespace

ControlPlane::ControlPlane(ControlPlaneConfig config) : config_(std::move(config)) {}

ControlPlane::~ControlPlane() { Stop(); }

ResourceManager& ControlPlane::manager() { return *manager_; }

uint16_t ControlPlane::api_port() const { return api_ ? api_->port() : 0; }

uint16_t ControlPlane::diagnostics_port() const { return diagnostics_ ? diagnostics_->port() : 0; }

Status ControlPlane::Start() {
  stopped_ = false;
  const ControlPlaneConfig& c = config_;

  std::error_code ec;
  std::filesystem::create_directories(c.general.work_dir, ec);
  if (ec) {
    return Status::Unavailable(
        fmt::format("cannot create work directory \"{}\" (general.workDir): {}", c.general.work_dir,
                    ec.message()));
  }

  auto store = OpenResourceStore(StoreOptions{c.store.type, c.store.sqlite.path});
  if (!store.ok()) {
    return Status(store.status().code(), fmt::format("cannot open the {} store: {}", c.store.type,
                                                     store.status().message()));
  }
  store_ = std::move(store).value();

  // Every metric carries the zone, as in kuma-cp.
  metrics_ = std::make_unique<MetricsRegistry>(
      std::map<std::string, std::string>{{"zone", c.multizone.zone.name}});
  instrumented_store_ = std::make_unique<InstrumentedStore>(*store_, *metrics_);
  manager_ = std::make_unique<ResourceManager>(
      *instrumented_store_, ResourceTypeRegistry::Builtin(), ManagerOptions{c.store.unsafe_delete});
  InitialMeshResourcesOptions initial;
  initial.zone_name = c.multizone.zone.name;
  RegisterMeshLifecycle(*manager_, CaPluginRegistry::Builtin(), initial);
  RegisterSecretLifecycle(*manager_);
  RegisterDataplaneLifecycle(*manager_, c.multizone.zone.name);

  // Diagnostics first, so that /healthy answers (and /ready says "not yet") while starting.
  diagnostics_ = std::make_unique<DiagnosticsServer>(
      *metrics_, [this] { return ready_.load(); },
      DiagnosticsOptions{.address = kDiagnosticsAddress, .port = c.diagnostics.server_port});
  Status st = diagnostics_->Start();
  if (!st.ok()) {
    Stop();
    return Status(
        st.code(),
        fmt::format("cannot start the diagnostics server on {} (diagnostics.serverPort): {}",
                    HostPort(kDiagnosticsAddress, c.diagnostics.server_port), st.message()));
  }

  st = EnsureDefaultMeshWithRetry(*manager_, c.defaults.skip_mesh_creation);
  if (!st.ok()) {
    Stop();
    return Status(st.code(), "could not create the default Mesh: " + st.message());
  }
  // Meshes stored before their CA could be made get it now rather than at their next update.
  if (Result<int> failed = EnsureAllMeshCas(manager_->store(), ResourceTypeRegistry::Builtin(),
                                            CaPluginRegistry::Builtin(), Clock::now());
      !failed.ok()) {
    spdlog::warn("could not ensure the CAs of stored meshes: {}", failed.status().message());
  }

  auto cluster_id = LoadOrCreateClusterId(c);
  if (!cluster_id.ok()) {
    Stop();
    return cluster_id.status();
  }

  ApiServerOptions api_options;
  api_options.address = c.api_server.http.interface;
  api_options.port = c.api_server.http.port;
  api_options.threads =
      std::clamp<int>(static_cast<int>(std::thread::hardware_concurrency()), 2, 8);
  api_options.read_only = c.api_server.read_only;
  api_options.mode = c.mode;
  api_options.max_body_bytes = static_cast<size_t>(c.api_server.max_body_bytes);
  api_options.config = ConfigToJson(c);
  api_options.instance_id = NewInstanceId();
  api_options.cluster_id = *cluster_id;
  api_options.zone = c.multizone.zone.name;
  // The config loader only admits RSA or ECDSA, so this parse cannot fail.
  if (Result<WorkloadKeyType> key_type = ParseWorkloadKeyType(c.ca.workload_certificate_key_type);
      key_type.ok()) {
    api_options.workload_key_type = *key_type;
  }
  api_ = std::make_unique<ApiServer>(*manager_, *metrics_, std::move(api_options));
  st = api_->Start();
  if (!st.ok()) {
    Stop();
    return Status(
        st.code(),
        fmt::format("cannot start the API server on {} (apiServer.http.port): {}",
                    HostPort(c.api_server.http.interface, c.api_server.http.port), st.message()));
  }

  ready_.store(true);
  return Status::Ok();
}

void ControlPlane::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  ready_.store(false);
  // Order matters: no new requests, in-flight ones finish, then the store goes away.
  if (api_) {
    api_->Shutdown(kShutdownGrace);
  }
  if (diagnostics_) {
    diagnostics_->Shutdown(std::chrono::milliseconds(1000));
  }
  api_.reset();
  diagnostics_.reset();
  manager_.reset();
  instrumented_store_.reset();
  store_.reset();
  metrics_.reset();
}

int RunControlPlane(const ControlPlaneConfig& config) {
  spdlog::set_level(LogLevelOf(config.logging.level));
  for (const std::string& warning : config.warnings) {
    spdlog::warn("{}", warning);
  }

  // Block SIGTERM/SIGINT before any thread exists, so that every thread inherits the mask and
  // the signals are only ever taken by the sigwait() below — no work in a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t previous_mask;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous_mask);
  // A client that disconnects mid-response must not kill the process.
  signal(SIGPIPE, SIG_IGN);

  spdlog::info("meshplane {} starting (mode: {}, zone: {}, store: {})", MESHPLANE_VERSION,
               config.mode, config.multizone.zone.name, StoreDescription(config));
  spdlog::info("work directory {}", config.general.work_dir);

  int exit_code = 0;
  {
    ControlPlane cp(config);
    Status st = cp.Start();
    if (!st.ok()) {
      spdlog::error("startup failed: {}", st.message());
      exit_code = 1;
    } else {
      if (config.api_server.read_only) {
        spdlog::info("API server is read-only (apiServer.readOnly)");
      }
      spdlog::info("dpServer.port {} is configured but not served yet", config.dp_server.port);
      spdlog::info("control plane ready: API http://{}, diagnostics http://{}",
                   HostPort(config.api_server.http.interface, cp.api_port()),
                   HostPort(kDiagnosticsAddress, cp.diagnostics_port()));

      int sig = 0;
      while (sigwait(&stop_signals, &sig) != 0) {
      }
      spdlog::info("received {}, shutting down", sig == SIGTERM ? "SIGTERM" : "SIGINT");
      cp.Stop();
      spdlog::info("stopped");
    }
  }
  pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
  spdlog::default_logger()->flush();
  return exit_code;
}

int RunFromCommandLine(const std::optional<std::string>& config_file) {
  Result<ControlPlaneConfig> config = LoadConfigFromProcess(config_file);
  if (!config.ok()) {
    std::cerr << "Error: " << config.status().message() << "\n";
    return 1;
  }
  return RunControlPlane(*config);
}

}  // namespace meshplane
