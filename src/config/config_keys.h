// The one table of configuration keys: YAML path, environment variable, default, value type
// and description. Loading, ConfigToJson and the reference table in docs/configuration.md are
// all derived from it, so a key cannot be documented but not loaded, or the other way round.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config/config.h"
#include "core/json.h"

namespace meshplane {

enum class ConfigValueKind {
  kString,
  kBool,
  kPort,       // 0..65535; 0 picks an ephemeral port
  kInt,        // int64 within [min, max]
  kEnum,       // one of `allowed`
  kIpAddress,  // an IPv4 or IPv6 literal
};

// Accessors into ControlPlaneConfig. Plain function pointers keep the table constant.
using StringField = std::string& (*)(ControlPlaneConfig&);
using BoolField = bool& (*)(ControlPlaneConfig&);
using PortField = uint16_t& (*)(ControlPlaneConfig&);
using IntField = int64_t& (*)(ControlPlaneConfig&);
using ConfigField = std::variant<StringField, BoolField, PortField, IntField>;

struct ConfigKey {
  std::string path{};  // Kuma's YAML path, e.g. "apiServer.http.port"
  std::string env{};   // e.g. "KUMA_API_SERVER_HTTP_PORT"
  ConfigValueKind kind = ConfigValueKind::kString;
  // Parsed like any other value of the key. Empty for keys whose default is derived.
  std::string default_value{};
  // What the docs show as the default (markdown); empty means `default_value`.
  std::string default_doc{};
  // Markdown, one paragraph.
  std::string description{};
  ConfigField field{};
  // For kEnum: the accepted values. Some may be recognised but rejected later (e.g. mode
  // `global`), so that the error can say "not supported yet" instead of "not valid".
  std::vector<std::string> allowed{};
  // For kInt.
  int64_t min = 0;
  int64_t max = 0;
  // What a value is called in errors: "port", "store type", ...
  std::string noun{};
};

// Every key, in the order of docs/configuration.md and of GET /config.
const std::vector<ConfigKey>& ConfigKeys();

// Parses `text` (from an environment variable or the default) as a value of `key` and stores
// it in `config`. On failure returns the reason without the key, e.g.
// `"abc" is not a valid port: expected an integer from 0 to 65535`.
std::optional<std::string> SetConfigValueFromText(const ConfigKey& key, const std::string& text,
                                                  ControlPlaneConfig& config);
// The same for a value read from the YAML file (already converted to JSON).
std::optional<std::string> SetConfigValueFromJson(const ConfigKey& key, const Json& value,
                                                  ControlPlaneConfig& config);
// The value of `key` in `config` as JSON (numbers for ports and integers).
Json ConfigValueToJson(const ConfigKey& key, const ControlPlaneConfig& config);

// The reference table of docs/configuration.md, rendered from ConfigKeys().
std::string ConfigReferenceMarkdown();

}  // namespace meshplane
