#include "config/config_keys.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace meshplane {

namespace {

std::string Quote(const std::string& s) { return fmt::format("\"{}\"", s); }

// Go's strconv.ParseBool, which kuma-cp's envconfig uses for environment variables.
std::optional<bool> ParseGoBool(const std::string& s) {
  if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True") {
    return true;
  }
  if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") {
    return false;
  }
  return std::nullopt;
}

std::optional<int64_t> ParseDecimal(const std::string& s) {
  if (s.empty()) {
    return std::nullopt;
  }
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (*begin == '+') {
    ++begin;
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(begin, end, v);
  if (ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return v;
}

std::string JoinAllowed(const std::vector<std::string>& allowed) {
  std::string out;
  for (size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) {
      out += i + 1 == allowed.size() ? " or " : ", ";
    }
    out += allowed[i];
  }
  return out;
}

// Checks an integer against the key's range; `shown` is how the user wrote it.
std::optional<std::string> SetInteger(const ConfigKey& key, int64_t v, const std::string& shown,
                                      ControlPlaneConfig& config) {
  if (key.kind == ConfigValueKind::kPort) {
    if (v < 0 || v > 65535) {
      return fmt::format("{} is not a valid {}: expected an integer from 0 to 65535", shown,
                         key.noun);
    }
    std::get<PortField>(key.field)(config) = static_cast<uint16_t>(v);
    return std::nullopt;
  }
  if (v < key.min || v > key.max) {
    return fmt::format("{} is not a valid {}: expected an integer from {} to {}", shown, key.noun,
                       key.min, key.max);
  }
  std::get<IntField>(key.field)(config) = v;
  return std::nullopt;
}

bool IsIpLiteral(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

std::string RenderDefault(const ConfigKey& key) {
  if (!key.default_doc.empty()) {
    return key.default_doc;
  }
  return fmt::format("`{}`", key.default_value);
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() {
  static const std::vector<ConfigKey> kKeys = [] {
    std::vector<ConfigKey> keys;
    auto add = [&keys](ConfigKey k) { keys.push_back(std::move(k)); };
    add({.path = "mode",
         .env = "KUMA_MODE",
         .kind = ConfigValueKind::kEnum,
         .default_value = "zone",
         .description = "Control plane mode. meshplane runs as a standalone zone control plane, "
                        "so only `zone` is accepted; `global` is rejected at startup. The "
                        "deprecated `standalone` is read as `zone`, as kuma-cp does.",
         .field = StringField([](ControlPlaneConfig& c) -> std::string& { return c.mode; }),
         .allowed = {"zone", "global", "standalone"},
         .noun = "mode"});
    add({.path = "general.workDir",
         .env = "KUMA_GENERAL_WORK_DIR",
         .kind = ConfigValueKind::kString,
         .default_doc = "`$HOME/.meshplane`",
         .description = "Directory for the control plane's own files; the default SQLite "
                        "database lives here. Created at startup when missing.",
         .field =
             StringField([](ControlPlaneConfig& c) -> std::string& { return c.general.work_dir; }),
         .noun = "directory"});
    add({.path = "store.type",
         .env = "KUMA_STORE_TYPE",
         .kind = ConfigValueKind::kEnum,
         .default_value = "sqlite",
         .description = "Where resources are kept: `sqlite` (a database file that survives "
                        "restarts) or `memory` (SQLite in memory, lost when the process exits; "
                        "for tests and demos). `postgres` is recognised but not supported yet. "
                        "kuma-cp defaults to `memory`; meshplane defaults to `sqlite` so that a "
                        "restart keeps your meshes.",
         .field = StringField([](ControlPlaneConfig& c) -> std::string& { return c.store.type; }),
         .allowed = {"sqlite", "memory", "postgres", "kubernetes"},
         .noun = "store type"});
    add({.path = "store.sqlite.path",
         .env = "KUMA_STORE_SQLITE_PATH",
         .kind = ConfigValueKind::kString,
         .default_doc = "`<workDir>/meshplane.db`",
         .description = "The SQLite database file used when `store.type` is `sqlite`. Its "
                        "directory must exist (the work directory is created for you). Ignored "
                        "for `memory`.",
         .field =
             StringField([](ControlPlaneConfig& c) -> std::string& { return c.store.sqlite.path; }),
         .noun = "path"});
    add({.path = "store.unsafeDelete",
         .env = "KUMA_STORE_UNSAFE_DELETE",
         .kind = ConfigValueKind::kBool,
         .default_value = "false",
         .description = "Skip the checks that refuse some deletes (Kuma's delete validation), "
                        "as kuma-cp's `store.unsafeDelete` does.",
         .field = BoolField([](ControlPlaneConfig& c) -> bool& { return c.store.unsafe_delete; }),
         .noun = "boolean"});
    add({.path = "apiServer.http.port",
         .env = "KUMA_API_SERVER_HTTP_PORT",
         .kind = ConfigValueKind::kPort,
         .default_value = "5681",
         .description = "Port of the HTTP REST API, the one `kumactl` and `meshplane` commands "
                        "talk to. `0` picks a free port; the port in use is logged at startup.",
         .field =
             PortField([](ControlPlaneConfig& c) -> uint16_t& { return c.api_server.http.port; }),
         .noun = "port"});
    add({.path = "apiServer.http.interface",
         .env = "KUMA_API_SERVER_HTTP_INTERFACE",
         .kind = ConfigValueKind::kIpAddress,
         .default_value = "0.0.0.0",
         .description = "Address the HTTP API listens on: an IPv4 or IPv6 literal such as "
                        "`127.0.0.1` (this host only), `0.0.0.0` or `::`.",
         .field = StringField(
             [](ControlPlaneConfig& c) -> std::string& { return c.api_server.http.interface; }),
         .noun = "IP address"});
    add({.path = "apiServer.readOnly",
         .env = "KUMA_API_SERVER_READ_ONLY",
         .kind = ConfigValueKind::kBool,
         .default_value = "false",
         .description = "Serve the API read-only: PUT and DELETE answer 405 with Kuma's "
                        "message; reads work as usual.",
         .field = BoolField([](ControlPlaneConfig& c) -> bool& { return c.api_server.read_only; }),
         .noun = "boolean"});
    add({.path = "apiServer.maxBodyBytes",
         .env = "KUMA_API_SERVER_MAX_BODY_BYTES",
         .kind = ConfigValueKind::kInt,
         .default_value = "4194304",
         .default_doc = "`4194304` (4 MiB)",
         .description = "meshplane's own key (kuma-cp has none): the largest request body the "
                        "API accepts, in bytes. Larger requests are refused with 413 before "
                        "they are read.",
         .field = IntField(
             [](ControlPlaneConfig& c) -> int64_t& { return c.api_server.max_body_bytes; }),
         .min = 1024,
         .max = int64_t{1} << 30,
         .noun = "size"});
    add({.path = "diagnostics.serverPort",
         .env = "KUMA_DIAGNOSTICS_SERVER_PORT",
         .kind = ConfigValueKind::kPort,
         .default_value = "5680",
         .description = "Port of the diagnostics server: `/ready`, `/healthy` and `/metrics` "
                        "(Prometheus). `0` picks a free port.",
         .field = PortField(
             [](ControlPlaneConfig& c) -> uint16_t& { return c.diagnostics.server_port; }),
         .noun = "port"});
    add({.path = "dpServer.port",
         .env = "KUMA_DP_SERVER_PORT",
         .kind = ConfigValueKind::kPort,
         .default_value = "5678",
         .description = "Port of the data plane server (xDS and bootstrap for proxies). Accepted "
                        "and shown by `GET /config` for compatibility, but nothing listens on it "
                        "yet.",
         .field = PortField([](ControlPlaneConfig& c) -> uint16_t& { return c.dp_server.port; }),
         .noun = "port"});
    add({.path = "dpServer.authn.dpProxy.type",
         .env = "KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE",
         .kind = ConfigValueKind::kEnum,
         .default_value = "dpToken",
         .description = "How data plane proxies authenticate to the xDS server: `dpToken` (a "
                        "dataplane token, see `meshplane generate dataplane-token`) or `none` "
                        "(any proxy whose Dataplane exists may connect; for tests only).",
         .field = StringField(
             [](ControlPlaneConfig& c) -> std::string& { return c.dp_server.dp_proxy_authn_type; }),
         .allowed = {"dpToken", "none"},
         .noun = "authentication type"});
    add({.path = "defaults.skipMeshCreation",
         .env = "KUMA_DEFAULTS_SKIP_MESH_CREATION",
         .kind = ConfigValueKind::kBool,
         .default_value = "false",
         .description = "Do not create the Mesh `default`. Otherwise the control plane creates "
                        "it, with an empty spec, at every startup where it is missing (also "
                        "after you deleted it).",
         .field = BoolField(
             [](ControlPlaneConfig& c) -> bool& { return c.defaults.skip_mesh_creation; }),
         .noun = "boolean"});
    add({.path = "multizone.zone.name",
         .env = "KUMA_MULTIZONE_ZONE_NAME",
         .kind = ConfigValueKind::kString,
         .default_value = "default",
         .description = "Name of this zone control plane. Every metric carries it as its `zone` "
                        "label, and a resource that carries a `kuma.io/zone` label must name this "
                        "zone.",
         .field = StringField(
             [](ControlPlaneConfig& c) -> std::string& { return c.multizone.zone.name; }),
         .noun = "zone name"});
    add({.path = "ca.workloadCertificateKeyType",
         .env = "KUMA_CA_WORKLOAD_CERTIFICATE_KEY_TYPE",
         .kind = ConfigValueKind::kEnum,
         .default_value = "RSA",
         .description = "meshplane's own key (kuma-cp has none): the key type of the workload "
                        "(data plane proxy) certificates the control plane generates a key for: "
                        "`RSA` (2048 bits, as Kuma) or `ECDSA` (P-256, faster to make and to use). "
                        "Certificates requested with a CSR use the CSR's key. See docs/mtls.md.",
         .field = StringField([](ControlPlaneConfig& c) -> std::string& {
           return c.ca.workload_certificate_key_type;
         }),
         .allowed = {"RSA", "ECDSA"},
         .noun = "key type"});
    add({.path = "logging.level",
         .env = "KUMA_LOG_LEVEL",
         .kind = ConfigValueKind::kEnum,
         .default_value = "info",
         .description = "Log level: `off`, `error`, `warn`, `info`, `debug` or `trace`. "
                        "kuma-cp sets its level with the `--log-level` flag (`off`, `info`, "
                        "`debug`) and has no configuration key; this key and its variable are "
                        "meshplane's.",
         .field =
             StringField([](ControlPlaneConfig& c) -> std::string& { return c.logging.level; }),
         .allowed = {"off", "error", "warn", "info", "debug", "trace"},
         .noun = "log level"});
    return keys;
  }();
  return kKeys;
}

std::optional<std::string> SetConfigValueFromText(const ConfigKey& key, const std::string& text,
                                                  ControlPlaneConfig& config) {
  switch (key.kind) {
    case ConfigValueKind::kString:
      std::get<StringField>(key.field)(config) = text;
      return std::nullopt;
    case ConfigValueKind::kEnum:
      for (const std::string& a : key.allowed) {
        if (a == text) {
          std::get<StringField>(key.field)(config) = text;
          return std::nullopt;
        }
      }
      return fmt::format("{} is not a valid {}: expected {}", Quote(text), key.noun,
                         JoinAllowed(key.allowed));
    case ConfigValueKind::kIpAddress:
      if (!IsIpLiteral(text)) {
        return fmt::format(
            "{} is not a valid {}: expected an IPv4 or IPv6 address such as "
            "0.0.0.0 or 127.0.0.1",
            Quote(text), key.noun);
      }
      std::get<StringField>(key.field)(config) = text;
      return std::nullopt;
    case ConfigValueKind::kBool: {
      std::optional<bool> b = ParseGoBool(text);
      if (!b) {
        return fmt::format("{} is not a valid boolean: expected true or false", Quote(text));
      }
      std::get<BoolField>(key.field)(config) = *b;
      return std::nullopt;
    }
    case ConfigValueKind::kPort:
    case ConfigValueKind::kInt: {
      std::optional<int64_t> v = ParseDecimal(text);
      if (!v) {
        if (key.kind == ConfigValueKind::kPort) {
          return fmt::format("{} is not a valid port: expected an integer from 0 to 65535",
                             Quote(text));
        }
        return fmt::format("{} is not a valid {}: expected an integer from {} to {}", Quote(text),
                           key.noun, key.min, key.max);
      }
      return SetInteger(key, *v, Quote(text), config);
    }
  }
  return std::nullopt;
}

std::optional<std::string> SetConfigValueFromJson(const ConfigKey& key, const Json& value,
                                                  ControlPlaneConfig& config) {
  switch (key.kind) {
    case ConfigValueKind::kString:
    case ConfigValueKind::kEnum:
    case ConfigValueKind::kIpAddress:
      if (value.is_string()) {
        return SetConfigValueFromText(key, value.get<std::string>(), config);
      }
      if (value.is_number() || value.is_boolean()) {
        // YAML reads `name: 1` as a number; the user meant the text.
        return SetConfigValueFromText(key, value.dump(), config);
      }
      return fmt::format("expected a {}, got {}", key.noun, value.dump());
    case ConfigValueKind::kBool:
      if (value.is_boolean()) {
        std::get<BoolField>(key.field)(config) = value.get<bool>();
        return std::nullopt;
      }
      if (value.is_string()) {
        return SetConfigValueFromText(key, value.get<std::string>(), config);
      }
      return fmt::format("{} is not a valid boolean: expected true or false", value.dump());
    case ConfigValueKind::kPort:
    case ConfigValueKind::kInt:
      if (value.is_number_integer()) {
        if (value.is_number_unsigned() &&
            value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
          return SetInteger(key, std::numeric_limits<int64_t>::max(), value.dump(), config);
        }
        return SetInteger(key, value.get<int64_t>(), value.dump(), config);
      }
      if (value.is_string()) {
        return SetConfigValueFromText(key, value.get<std::string>(), config);
      }
      if (key.kind == ConfigValueKind::kPort) {
        return fmt::format("{} is not a valid port: expected an integer from 0 to 65535",
                           value.dump());
      }
      return fmt::format("{} is not a valid {}: expected an integer from {} to {}", value.dump(),
                         key.noun, key.min, key.max);
  }
  return std::nullopt;
}

Json ConfigValueToJson(const ConfigKey& key, const ControlPlaneConfig& config) {
  // The accessors take a mutable config; reading through them changes nothing.
  auto& c = const_cast<ControlPlaneConfig&>(config);
  return std::visit(
      [&c](auto field) -> Json {
        using T = std::decay_t<decltype(field(c))>;
        return Json(static_cast<T>(field(c)));
      },
      key.field);
}

std::string ConfigReferenceMarkdown() {
  std::string out =
      "| YAML path | Environment variable | Default | Description |\n"
      "|---|---|---|---|\n";
  for (const ConfigKey& key : ConfigKeys()) {
    out += fmt::format("| `{}` | `{}` | {} | {} |\n", key.path, key.env, RenderDefault(key),
                       key.description);
  }
  return out;
}

}  // namespace meshplane
