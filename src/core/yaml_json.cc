#include "core/yaml_json.h"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <sstream>

namespace meshplane {

namespace {

bool IsYamlNull(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// go-yaml v2's boolean table.
int YamlBool(const std::string& s) {
  static const char* kTrue[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
                                "on", "On", "ON"};
  static const char* kFalse[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE",
                                 "off", "Off", "OFF"};
  for (const char* t : kTrue) {
    if (s == t) return 1;
  }
  for (const char* f : kFalse) {
    if (s == f) return 0;
  }
  return -1;
}

bool YamlNumber(const std::string& s, Json* out) {
  static const std::regex kInt(R"(^[-+]?(0|[1-9][0-9_]*)$)");
  static const std::regex kHex(R"(^[-+]?0x[0-9a-fA-F_]+$)");
  static const std::regex kOct(R"(^[-+]?0[0-7_]+$)");
  static const std::regex kFloat(R"(^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$)");
  std::string clean;
  for (char c : s) {
    if (c != '_') clean += c;
  }
  try {
    if (std::regex_match(s, kInt)) {
      if (clean[0] == '-') {
        *out = std::stoll(clean);
      } else {
        *out = std::stoull(clean[0] == '+' ? clean.substr(1) : clean);
      }
      return true;
    }
    if (std::regex_match(s, kHex)) {
      bool neg = clean[0] == '-';
      size_t start = clean.find('x') + 1;
      long long v = std::stoll(clean.substr(start), nullptr, 16);
      *out = neg ? -v : v;
      return true;
    }
    if (std::regex_match(s, kOct)) {
      bool neg = clean[0] == '-';
      size_t start = (clean[0] == '-' || clean[0] == '+') ? 1 : 0;
      long long v = std::stoll(clean.substr(start), nullptr, 8);
      *out = neg ? -v : v;
      return true;
    }
    if (std::regex_match(s, kFloat)) {
      *out = std::stod(clean);
      return true;
    }
  } catch (const std::exception&) {
    return false;  // out of range: keep it a string
  }
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") {
    *out = std::numeric_limits<double>::infinity();
    return true;
  }
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") {
    *out = -std::numeric_limits<double>::infinity();
    return true;
  }
  return false;
}

Json ScalarToJson(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  const std::string& tag = node.Tag();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") {
    return s;  // quoted or explicitly a string
  }
  if (tag == "tag:yaml.org,2002:null") {
    return nullptr;
  }
  if (IsYamlNull(s)) {
    return nullptr;
  }
  int b = YamlBool(s);
  if (b >= 0) {
    return b == 1;
  }
  Json n;
  if (YamlNumber(s, &n)) {
    return n;
  }
  return s;
}

std::string KeyToString(const YAML::Node& key) {
  if (key.IsScalar()) {
    return key.Scalar();
  }
  YAML::Emitter e;
  e << YAML::Flow << key;
  return e.c_str();
}

Json NodeToJson(const YAML::Node& node, int depth) {
  if (depth > 200) {
    throw std::runtime_error("document nested too deeply");
  }
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      return ScalarToJson(node);
    case YAML::NodeType::Sequence: {
      Json arr = Json::array();
      for (const auto& item : node) {
        arr.push_back(NodeToJson(item, depth + 1));
      }
      return arr;
    }
    case YAML::NodeType::Map: {
      Json obj = Json::object();
      for (const auto& kv : node) {
        obj[KeyToString(kv.first)] = NodeToJson(kv.second, depth + 1);
      }
      return obj;
    }
  }
  return nullptr;
}

bool IsBlankOrComment(const std::string& doc) {
  std::istringstream in(doc);
  std::string line;
  while (std::getline(in, line)) {
    size_t p = line.find_first_not_of(" \t\r");
    if (p != std::string::npos && line[p] != '#') {
      return false;
    }
  }
  return true;
}

bool NeedsQuotes(const std::string& s) {
  if (s.empty() || IsYamlNull(s) || YamlBool(s) >= 0) {
    return true;
  }
  Json n;
  if (YamlNumber(s, &n) || s == ".nan" || s == ".NaN" || s == ".NAN") {
    return true;
  }
  if (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' || s.back() == '\t') {
    return true;
  }
  static const std::string kLeading = "-?:,[]{}#&*!|>'\"%@`";
  if (kLeading.find(s.front()) != std::string::npos) {
    // "-foo" and ":foo" are fine as plain scalars only when not followed by a space; quote
    // them all for simplicity.
    return true;
  }
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos ||
      s.back() == ':') {
    return true;
  }
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
  }
  return false;
}

std::string QuoteString(const std::string& s) {
  return NeedsQuotes(s) ? Json(s).dump() : s;
}

std::string ScalarText(const Json& j) {
  if (j.is_string()) {
    return QuoteString(j.get<std::string>());
  }
  if (j.is_null()) {
    return "null";
  }
  return j.dump();
}

bool IsEmptyContainer(const Json& j) { return (j.is_object() || j.is_array()) && j.empty(); }

void Emit(const Json& j, int indent, std::ostringstream& out);

void EmitMap(const Json& j, int indent, std::ostringstream& out) {
  std::string pad(indent, ' ');
  for (const auto& [k, v] : j.items()) {
    out << pad << QuoteString(k) << ":";
    if (v.is_object() && !v.empty()) {
      out << "\n";
      EmitMap(v, indent + 2, out);
    } else if (v.is_array() && !v.empty()) {
      out << "\n";
      Emit(v, indent, out);
    } else if (IsEmptyContainer(v)) {
      out << (v.is_object() ? " {}\n" : " []\n");
    } else {
      out << " " << ScalarText(v) << "\n";
    }
  }
}

void Emit(const Json& j, int indent, std::ostringstream& out) {
  std::string pad(indent, ' ');
  if (j.is_object()) {
    if (j.empty()) {
      out << pad << "{}\n";
    } else {
      EmitMap(j, indent, out);
    }
  } else if (j.is_array()) {
    if (j.empty()) {
      out << pad << "[]\n";
      return;
    }
    for (const auto& item : j) {
      if (item.is_object() && !item.empty()) {
        // First key on the dash line, the rest aligned under it.
        std::ostringstream inner;
        EmitMap(item, indent + 2, inner);
        std::string text = inner.str();
        out << pad << "- " << text.substr(indent + 2);
      } else if (item.is_array() && !item.empty()) {
        out << pad << "-\n";
        Emit(item, indent + 2, out);
      } else if (IsEmptyContainer(item)) {
        out << pad << "- " << (item.is_object() ? "{}" : "[]") << "\n";
      } else {
        out << pad << "- " << ScalarText(item) << "\n";
      }
    }
  } else {
    out << pad << ScalarText(j) << "\n";
  }
}

}  // namespace

Result<Json> YamlToJson(const std::string& text) {
  try {
    YAML::Node node = YAML::Load(text);
    return NodeToJson(node, 0);
  } catch (const YAML::Exception& e) {
    return Status::BadRequest(std::string("error converting YAML to JSON: ") + e.what());
  } catch (const std::exception& e) {
    return Status::BadRequest(std::string("error converting YAML to JSON: ") + e.what());
  }
}

std::vector<std::string> SplitYamlDocuments(const std::string& text) {
  std::vector<std::string> docs;
  std::istringstream in(text);
  std::string line;
  std::string current;
  auto flush = [&] {
    if (!IsBlankOrComment(current)) {
      docs.push_back(current);
    }
    current.clear();
  };
  while (std::getline(in, line)) {
    std::string trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' ')) {
      trimmed.pop_back();
    }
    if (trimmed == "---") {
      flush();
      continue;
    }
    current += line + "\n";
  }
  flush();
  return docs;
}

Result<std::vector<Json>> YamlDocumentsToJson(const std::string& text) {
  std::vector<Json> out;
  auto docs = SplitYamlDocuments(text);
  for (size_t i = 0; i < docs.size(); ++i) {
    auto j = YamlToJson(docs[i]);
    if (!j.ok()) {
      return Status::BadRequest("document " + std::to_string(i) + ": " + j.status().message());
    }
    out.push_back(std::move(j).value());
  }
  return out;
}

std::string JsonToYaml(const Json& json) {
  std::ostringstream out;
  Emit(json, 0, out);
  return out.str();
}

}  // namespace meshplane
