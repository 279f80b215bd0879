#include "cli/resource_output.h"

#include <algorithm>
#include <set>
#include <vector>

#include "core/yaml_json.h"

namespace meshplane {

namespace {

bool IsMetaKey(const std::string& key) {
  static const std::set<std::string> kMeta = {
      "type", "mesh", "name", "creationTime", "modificationTime", "labels", "kri"};
  return kMeta.count(key) > 0;
}

}  // namespace

bool ParseOutputFormat(const std::string& text, OutputFormat* out) {
  if (text == "table") {
    *out = OutputFormat::kTable;
  } else if (text == "wide") {
    *out = OutputFormat::kWide;
  } else if (text == "yaml") {
    *out = OutputFormat::kYaml;
  } else if (text == "json") {
    *out = OutputFormat::kJson;
  } else {
    return false;
  }
  return true;
}

std::string JsonText(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json SortKeys(const Json& value) {
  if (value.is_object()) {
    std::vector<std::string> keys;
    for (const auto& [k, _] : value.items()) {
      keys.push_back(k);
    }
    std::sort(keys.begin(), keys.end());
    Json out = Json::object();
    for (const auto& k : keys) {
      out[k] = SortKeys(value.at(k));
    }
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& item : value) {
      out.push_back(SortKeys(item));
    }
    return out;
  }
  return value;
}

std::string SortedYaml(const Json& value) { return JsonToYaml(SortKeys(value)); }

std::string ResourceYaml(const Json& resource, const ResourceTypeDescriptor& type) {
  if (!resource.is_object() || !type.spec_at_top_level) {
    return SortedYaml(resource);
  }
  Json meta = Json::object();
  Json spec = Json::object();
  for (const auto& [k, v] : resource.items()) {
    (IsMetaKey(k) ? meta : spec)[k] = v;
  }
  std::string text = SortedYaml(meta);
  // An empty spec prints nothing rather than a `{}` line that would not parse back.
  if (!spec.empty()) {
    text += SortedYaml(spec);
  }
  return text;
}

}  // namespace meshplane
