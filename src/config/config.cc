#include "config/config.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "config/config_keys.h"
#include "core/yaml_json.h"

extern char** environ;

namespace meshplane {

namespace {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream ss(path);
  std::string part;
  while (std::getline(ss, part, '.')) {
    parts.push_back(part);
  }
  return parts;
}

// The value at a dotted path of the file's document, or null when any segment is missing.
const Json* FindAtPath(const Json& doc, const std::string& path) {
  const Json* node = &doc;
  for (const std::string& part : SplitPath(path)) {
    if (!node->is_object()) {
      return nullptr;
    }
    auto it = node->find(part);
    if (it == node->end()) {
      return nullptr;
    }
    node = &*it;
  }
  return node;
}

// Walks the file's document and reports what no key reads: unknown keys become warnings
// (kuma-cp ignores them too), and a scalar where a section is expected is an error.
void CheckKnownKeys(const Json& node, const std::string& prefix, const std::set<std::string>& keys,
                    const std::set<std::string>& sections, const std::string& file,
                    std::vector<std::string>& warnings, std::vector<std::string>& errors) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string path = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (keys.count(path) > 0) {
      continue;
    }
    if (sections.count(path) > 0) {
      if (it->is_object()) {
        CheckKnownKeys(*it, path, keys, sections, file, warnings, errors);
      } else if (!it->is_null()) {
        errors.push_back(fmt::format("{} in \"{}\": expected a mapping of settings, got {}", path,
                                     file, it->dump()));
      }
      continue;
    }
    warnings.push_back(fmt::format("ignoring unknown configuration key {} in \"{}\"", path, file));
  }
}

Status LoadFile(const std::string& file, ControlPlaneConfig& config,
                std::vector<std::string>& errors) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(
        fmt::format("cannot read config file \"{}\": {}", file, std::strerror(errno)));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  Result<Json> doc = YamlToJson(buffer.str());
  if (!doc.ok()) {
    return Status::InvalidArgument(
        fmt::format("config file \"{}\" is not valid YAML: {}", file, doc.status().message()));
  }
  if (doc->is_null()) {
    return Status::Ok();  // an empty file: defaults
  }
  if (!doc->is_object()) {
    return Status::InvalidArgument(fmt::format(
        "config file \"{}\" must be a YAML mapping of settings, got {}", file, doc->dump()));
  }

  std::set<std::string> keys;
  std::set<std::string> sections;
  for (const ConfigKey& key : ConfigKeys()) {
    keys.insert(key.path);
    // Every proper prefix of a key is a section: "apiServer", "apiServer.http".
    for (size_t dot = key.path.find('.'); dot != std::string::npos;
         dot = key.path.find('.', dot + 1)) {
      sections.insert(key.path.substr(0, dot));
    }
  }
  CheckKnownKeys(*doc, "", keys, sections, file, config.warnings, errors);

  for (const ConfigKey& key : ConfigKeys()) {
    const Json* value = FindAtPath(*doc, key.path);
    // `key:` with no value means "not set", as in Kuma's defaults file.
    if (value == nullptr || value->is_null()) {
      continue;
    }
    if (value->is_object() || value->is_array()) {
      errors.push_back(fmt::format("{} in \"{}\": expected a single value, got {} ({})", key.path,
                                   file, value->dump(), key.env));
      continue;
    }
    if (std::optional<std::string> err = SetConfigValueFromJson(key, *value, config)) {
      errors.push_back(fmt::format("{} in \"{}\": {} ({})", key.path, file, *err, key.env));
    }
  }
  return Status::Ok();
}

void LoadEnv(const std::map<std::string, std::string>& env, ControlPlaneConfig& config,
             std::vector<std::string>& errors) {
  for (const ConfigKey& key : ConfigKeys()) {
    auto it = env.find(key.env);
    // An empty variable counts as unset, so `KUMA_X=` cannot silently blank a setting.
    if (it == env.end() || it->second.empty()) {
      continue;
    }
    if (std::optional<std::string> err = SetConfigValueFromText(key, it->second, config)) {
      errors.push_back(fmt::format("{}: {} ({})", key.env, *err, key.path));
    }
  }
}

// Checks that need the merged configuration, and fills in derived defaults.
void Finish(const std::map<std::string, std::string>& env, ControlPlaneConfig& config,
            std::vector<std::string>& errors) {
  if (config.mode == "standalone") {
    config.warnings.push_back(
        "mode \"standalone\" is deprecated and is treated as \"zone\" (KUMA_MODE)");
    config.mode = "zone";
  }
  if (config.mode == "global") {
    errors.push_back(
        "mode: \"global\" is not supported yet: meshplane runs only as a zone control plane; "
        "use mode zone (KUMA_MODE)");
  }
  if (config.store.type == "postgres" || config.store.type == "kubernetes") {
    errors.push_back(
        fmt::format("store.type: \"{}\" is not supported yet: use \"sqlite\" (a database file) or "
                    "\"memory\" (KUMA_STORE_TYPE)",
                    config.store.type));
  }
  if (config.multizone.zone.name.empty()) {
    errors.push_back("multizone.zone.name: must not be empty (KUMA_MULTIZONE_ZONE_NAME)");
  }
  const uint16_t api = config.api_server.http.port;
  if (api != 0 && api == config.diagnostics.server_port) {
    errors.push_back(
        fmt::format("apiServer.http.port and diagnostics.serverPort are both {}: they must differ "
                    "(KUMA_API_SERVER_HTTP_PORT, KUMA_DIAGNOSTICS_SERVER_PORT)",
                    api));
  }

  if (config.general.work_dir.empty()) {
    auto home = env.find("HOME");
    if (home == env.end() || home->second.empty()) {
      errors.push_back(
          "general.workDir: not set and HOME is not set either; set KUMA_GENERAL_WORK_DIR");
    } else {
      config.general.work_dir = home->second + "/.meshplane";
    }
  }
  if (config.store.sqlite.path.empty() && !config.general.work_dir.empty()) {
    config.store.sqlite.path = config.general.work_dir + "/meshplane.db";
  }
}

}  // namespace

ControlPlaneConfig DefaultControlPlaneConfig() {
  ControlPlaneConfig config;
  for (const ConfigKey& key : ConfigKeys()) {
    if (!key.default_value.empty()) {
      // The table's defaults are constants; a bad one is a programming error caught by tests.
      SetConfigValueFromText(key, key.default_value, config);
    }
  }
  return config;
}

Result<ControlPlaneConfig> LoadConfig(const std::optional<std::string>& file,
                                      const std::map<std::string, std::string>& env) {
  ControlPlaneConfig config = DefaultControlPlaneConfig();
  std::vector<std::string> errors;
  if (file) {
    MP_RETURN_IF_ERROR(LoadFile(*file, config, errors));
  }
  LoadEnv(env, config, errors);
  if (errors.empty()) {
    Finish(env, config, errors);
  }
  if (!errors.empty()) {
    std::string message = "invalid configuration:";
    for (const std::string& e : errors) {
      message += "\n  " + e;
    }
    return Status::InvalidArgument(message);
  }
  return config;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string::npos) {
      continue;
    }
    env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return env;
}

Result<ControlPlaneConfig> LoadConfigFromProcess(const std::optional<std::string>& file) {
  return LoadConfig(file, ProcessEnvironment());
}

Json ConfigToJson(const ControlPlaneConfig& config) {
  Json out = Json::object();
  for (const ConfigKey& key : ConfigKeys()) {
    Json* node = &out;
    for (const std::string& part : SplitPath(key.path)) {
      node = &(*node)[part];
    }
    *node = ConfigValueToJson(key, config);
  }
  return out;
}

}  // namespace meshplane
