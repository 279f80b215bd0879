// The control-plane configuration (`meshplane run`), a subset of kuma-cp's configuration with
// Kuma's YAML paths and environment variable names. Loading follows kuma-cp: built-in defaults,
// then the YAML file (non-strict: unknown keys are reported as warnings and ignored), then
// environment variables, which win. Every key is described once, in config/config_keys.cc; that
// table drives loading, ConfigToJson (GET /config) and docs/configuration.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace meshplane {

struct ControlPlaneConfig {
  // `mode` (KUMA_MODE). Only "zone" is supported; "standalone" is read as "zone".
  std::string mode = "zone";

  struct General {
    // `general.workDir`; resolved to $HOME/.meshplane when not set.
    std::string work_dir;
  } general;

  struct Store {
    // "sqlite" (a file) or "memory" (SQLite in memory, lost on exit).
    std::string type = "sqlite";
    struct Sqlite {
      // Resolved to <workDir>/meshplane.db when not set.
      std::string path;
    } sqlite;
    bool unsafe_delete = false;
  } store;

  struct ApiServer {
    struct Http {
      uint16_t port = 5681;  // 0: an ephemeral port
      std::string interface = "0.0.0.0";
    } http;
    bool read_only = false;
    int64_t max_body_bytes = 0;  // set from the key table
  } api_server;

  struct Diagnostics {
    uint16_t server_port = 5680;  // 0: an ephemeral port
  } diagnostics;

  struct DpServer {
    uint16_t port = 5678;
    // `dpServer.authn.dpProxy.type`: "dpToken" (Universal default) or "none".
    std::string dp_proxy_authn_type = "dpToken";
  } dp_server;

  struct Defaults {
    bool skip_mesh_creation = false;
  } defaults;

  struct Multizone {
    struct Zone {
      std::string name = "default";
    } zone;
  } multizone;

  struct Ca {
    // "RSA" (2048 bits, Kuma's choice) or "ECDSA" (P-256): the key generated for a workload
    // certificate when the proxy does not bring a CSR.
    std::string workload_certificate_key_type = "RSA";
  } ca;

  struct Logging {
    // off, error, warn, info, debug or trace.
    std::string level = "info";
  } logging;

  // Problems that did not stop loading (unknown keys in the file, deprecated values), to be
  // logged once logging is set up. Not part of the configuration itself.
  std::vector<std::string> warnings;
};

// The built-in defaults, with `general.workDir` and `store.sqlite.path` left unresolved.
ControlPlaneConfig DefaultControlPlaneConfig();

// Loads defaults, then `file` (when given), then `env`. `env` also supplies HOME for the default
// work directory. Fails with kInvalidArgument listing every bad value, each naming its YAML key
// and environment variable.
Result<ControlPlaneConfig> LoadConfig(const std::optional<std::string>& file,
                                      const std::map<std::string, std::string>& env);

// LoadConfig with the environment of this process.
Result<ControlPlaneConfig> LoadConfigFromProcess(const std::optional<std::string>& file);

// The environment of this process as a map.
std::map<std::string, std::string> ProcessEnvironment();

// The effective configuration in Kuma's YAML-path shape, e.g.
// {"mode":"zone","general":{"workDir":...},"store":{"type":"sqlite",...},...}.
Json ConfigToJson(const ControlPlaneConfig& config);

}  // namespace meshplane
