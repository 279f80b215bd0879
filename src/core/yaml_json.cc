#include "core/yaml_json.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace meshplane {

namespace {

// Documents nested deeper than this are rejected. Resources are a handful of levels deep; the
// limit keeps every recursive walk (ours, nlohmann's, protobuf's) far from the stack's end.
constexpr int kMaxNestingDepth = 100;

// A conversion failure with the message sigs.k8s.io/yaml would give (after its prefix).
class ConversionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checks the stream the way go-yaml's reader does: valid UTF-8 made only of YAML printable
// characters (tab, line breaks, and no other control characters). This also guarantees that every
// string handed on is valid UTF-8, which nlohmann's dump() requires.
void CheckReadable(const std::string& text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else {
      throw ConversionError("yaml: invalid leading UTF-8 octet");
    }
    if (i + len > n) {
      throw ConversionError("yaml: incomplete UTF-8 octet sequence");
    }
    for (size_t k = 1; k < len; ++k) {
      unsigned char t = static_cast<unsigned char>(text[i + k]);
      if ((t & 0xC0) != 0x80) {
        throw ConversionError("yaml: invalid trailing UTF-8 octet");
      }
      cp = (cp << 6) | (t & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) {
      throw ConversionError("yaml: invalid length of a UTF-8 sequence");
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      throw ConversionError("yaml: invalid Unicode character");
    }
    bool printable = cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) ||
                     cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF) ||
                     (cp >= 0xE000 && cp <= 0xFFFD && (cp != 0xFEFF || i == 0)) ||
                     (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!printable) {
      throw ConversionError("yaml: control characters are not allowed");
    }
    i += len;
  }
}

// --- Plain scalar resolution, as go-yaml v2's resolve() ---------------------------------------

bool IsDigits(std::string_view s, int base) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    int v = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : 99;
    if (v >= base) {
      return false;
    }
  }
  return true;
}

// Go's strconv.ParseUint(s, 0, 64) on an unsigned, underscore-free text: 0x/0o/0b prefixes, a
// leading 0 for octal, decimal otherwise.
bool ParseGoUnsigned(std::string_view s, uint64_t* out) {
  int base = 10;
  if (s.size() >= 2 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') {
      base = 16;
      s.remove_prefix(2);
    } else if (p == 'o' || p == 'O') {
      base = 8;
      s.remove_prefix(2);
    } else if (p == 'b' || p == 'B') {
      base = 2;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  if (!IsDigits(s, base)) {
    return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out, base);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool IsYamlStyleFloat(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) {
      return false;
    }
  } else {
    if (digits() == 0) {
      return false;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    if (digits() == 0) {
      return false;
    }
  }
  return i == s.size();
}

// Go's ParseFloat for texts already known to be decimal: fails on overflow, not on underflow.
bool ParseFiniteDouble(const std::string& s, double* out) {
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || std::isinf(d)) {
    return false;
  }
  *out = d;
  return true;
}

enum class PlainKind { kString, kNull, kBool, kInt, kUint, kFloat, kMerge };

struct PlainValue {
  PlainKind kind = PlainKind::kString;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
};

PlainValue ResolvePlain(const std::string& s) {
  PlainValue v;
  static const char* kTrue[] = {"y",    "Y",    "yes", "Yes", "YES", "true",
                                "True", "TRUE", "on",  "On",  "ON"};
  static const char* kFalse[] = {"n",     "N",     "no",  "No",  "NO", "false",
                                 "False", "FALSE", "off", "Off", "OFF"};
  static const char* kNull[] = {"", "~", "null", "Null", "NULL"};
  for (const char* t : kTrue) {
    if (s == t) {
      v.kind = PlainKind::kBool;
      v.b = true;
      return v;
    }
  }
  for (const char* f : kFalse) {
    if (s == f) {
      v.kind = PlainKind::kBool;
      return v;
    }
  }
  for (const char* z : kNull) {
    if (s == z) {
      v.kind = PlainKind::kNull;
      return v;
    }
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    v.kind = PlainKind::kFloat;
    v.f = std::numeric_limits<double>::quiet_NaN();
    return v;
  }
  for (const char* inf : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
    if (s == inf) {
      v.kind = PlainKind::kFloat;
      v.f = std::numeric_limits<double>::infinity();
      return v;
    }
  }
  for (const char* inf : {"-.inf", "-.Inf", "-.INF"}) {
    if (s == inf) {
      v.kind = PlainKind::kFloat;
      v.f = -std::numeric_limits<double>::infinity();
      return v;
    }
  }
  if (s == "<<") {
    v.kind = PlainKind::kMerge;
    return v;
  }
  char first = s[0];
  if (first == '.') {
    double d;
    if (IsYamlStyleFloat(s) && ParseFiniteDouble(s, &d)) {
      v.kind = PlainKind::kFloat;
      v.f = d;
    }
    return v;
  }
  if (!(first == '+' || first == '-' || (first >= '0' && first <= '9'))) {
    return v;
  }
  std::string plain;
  plain.reserve(s.size());
  for (char c : s) {
    if (c != '_') {
      plain += c;
    }
  }
  std::string_view body = plain;
  bool neg = false;
  bool signed_text = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    signed_text = true;
    body.remove_prefix(1);
  }
  uint64_t mag;
  if (ParseGoUnsigned(body, &mag)) {
    constexpr uint64_t kMaxInt = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (!neg && mag <= kMaxInt) {
      v.kind = PlainKind::kInt;
      v.i = static_cast<int64_t>(mag);
      return v;
    }
    if (neg && mag <= kMaxInt + 1) {
      v.kind = PlainKind::kInt;
      v.i = mag == kMaxInt + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(mag);
      return v;
    }
    if (!signed_text) {
      v.kind = PlainKind::kUint;
      v.u = mag;
      return v;
    }
  }
  double d;
  if (IsYamlStyleFloat(plain) && ParseFiniteDouble(plain, &d)) {
    v.kind = PlainKind::kFloat;
    v.f = d;
  }
  return v;
}

// json.Marshal refuses non-finite numbers, and so does sigs.k8s.io/yaml.
Json FloatToJson(double f) {
  if (std::isnan(f)) {
    throw ConversionError("json: unsupported value: NaN");
  }
  if (std::isinf(f)) {
    throw ConversionError(f > 0 ? "json: unsupported value: +Inf"
                                : "json: unsupported value: -Inf");
  }
  return f;
}

bool IsPlain(const YAML::Node& node) { return node.Tag() == "?"; }

Json ScalarToJson(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  const std::string& tag = node.Tag();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") {
    return s;  // quoted, a block scalar, or explicitly a string
  }
  if (tag == "tag:yaml.org,2002:null") {
    return nullptr;
  }
  PlainValue v = ResolvePlain(s);
  switch (v.kind) {
    case PlainKind::kNull:
      return nullptr;
    case PlainKind::kBool:
      return v.b;
    case PlainKind::kInt:
      return v.i;
    case PlainKind::kUint:
      return v.u;
    case PlainKind::kFloat:
      return FloatToJson(v.f);
    case PlainKind::kString:
    case PlainKind::kMerge:
      break;
  }
  return s;
}

// Go's strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for float map keys.
std::string FormatGoFloat32(double d) {
  float f = static_cast<float>(d);
  if (std::isnan(f)) {
    return ".nan";
  }
  if (std::isinf(f)) {
    return f > 0 ? ".inf" : "-.inf";
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), f, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // e.g. "-1.2345e+06"
  bool neg = sci[0] == '-';
  if (neg) {
    sci.erase(0, 1);
  }
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, e);
  int exp = std::stoi(sci.substr(e + 1));
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  std::string out = neg ? "-" : "";
  if (f == 0) {
    return out + "0";
  }
  if (exp < -4 || exp >= 6) {
    out += digits[0];
    if (digits.size() > 1) {
      out += "." + digits.substr(1);
    }
    char ebuf[16];
    std::snprintf(ebuf, sizeof(ebuf), "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    return out + ebuf;
  }
  if (exp < 0) {
    return out + "0." + std::string(-exp - 1, '0') + digits;
  }
  if (static_cast<int>(digits.size()) <= exp + 1) {
    return out + digits + std::string(exp + 1 - digits.size(), '0');
  }
  return out + digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
}

// Map keys become strings as sigs.k8s.io/yaml converts them.
std::string KeyToString(const YAML::Node& key) {
  if (!key.IsScalar()) {
    if (key.IsNull()) {
      throw ConversionError("unsupported map key of type: <nil>");
    }
    throw ConversionError("yaml: invalid map key: a map or a sequence cannot be a key");
  }
  Json k = ScalarToJson(key);
  if (k.is_string()) {
    return k.get<std::string>();
  }
  if (k.is_boolean()) {
    return k.get<bool>() ? "true" : "false";
  }
  if (k.is_number_unsigned()) {
    throw ConversionError("unsupported map key of type: uint64, key: " + key.Scalar());
  }
  if (k.is_number_integer()) {
    return std::to_string(k.get<int64_t>());
  }
  if (k.is_number_float()) {
    return FormatGoFloat32(k.get<double>());
  }
  throw ConversionError("unsupported map key of type: <nil>");
}

bool IsMergeKey(const YAML::Node& key) {
  return key.IsScalar() && IsPlain(key) && key.Scalar() == "<<";
}

class NodeConverter {
 public:
  // Aliases can make a small document expand exponentially; go-yaml refuses such documents and so
  // do we. The budget is far above what a document of this size holds without aliases.
  explicit NodeConverter(size_t text_size) : budget_(10000 + 16 * text_size) {}

  // `depth` counts the containers enclosing `node`; the root has none.
  Json Convert(const YAML::Node& node, int depth) {
    if ((node.IsSequence() || node.IsMap()) && depth + 1 > kMaxNestingDepth) {
      throw ConversionError("document nested too deeply (more than " +
                            std::to_string(kMaxNestingDepth) + " levels)");
    }
    if (++produced_ > budget_) {
      throw ConversionError("yaml: document contains excessive aliasing");
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
          arr.push_back(Convert(item, depth + 1));
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        Json obj = Json::object();
        for (const auto& kv : node) {
          if (IsMergeKey(kv.first)) {
            Merge(kv.second, depth, &obj);
            continue;
          }
          obj[KeyToString(kv.first)] = Convert(kv.second, depth + 1);
        }
        return obj;
      }
    }
    return nullptr;
  }

 private:
  // `<<: *base` or `<<: [*a, *b]` (earlier maps win), as go-yaml v2 merges.
  void Merge(const YAML::Node& value, int depth, Json* obj) {
    auto merge_map = [&](const YAML::Node& m) {
      if (!m.IsMap()) {
        throw ConversionError("yaml: map merge requires map or sequence of maps as the value");
      }
      Json part = Convert(m, depth);
      for (auto& [k, v] : part.items()) {
        (*obj)[k] = std::move(v);
      }
    };
    if (value.IsSequence()) {
      for (size_t i = value.size(); i > 0; --i) {
        merge_map(value[i - 1]);
      }
    } else {
      merge_map(value);
    }
  }

  size_t budget_;
  size_t produced_ = 0;
};

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

// --- Emitting ---------------------------------------------------------------------------------

// Decodes one UTF-8 sequence at s[i]; invalid bytes decode as U+FFFD, one byte long.
uint32_t NextCodePoint(const std::string& s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  size_t len = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char t = static_cast<unsigned char>(s[*i + k]);
    if ((t & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (t & 0x3F);
  }
  *i += len;
  return cp;
}

// Printable in a YAML stream and not a YAML 1.1 line break (NEL, LS, PS).
bool IsPlainPrintable(uint32_t cp) {
  return (cp >= 0x20 && cp <= 0x7E) ||
         (cp >= 0xA0 && cp <= 0xD7FF && cp != 0x2028 && cp != 0x2029) ||
         (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A YAML double-quoted scalar; everything that is not plainly printable is escaped.
std::string DoubleQuoted(const std::string& s) {
  std::string out = "\"";
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = NextCodePoint(s, &i);
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\r':
        out += "\\r";
        continue;
      default:
        break;
    }
    if (IsPlainPrintable(cp)) {
      AppendUtf8(cp, &out);
    } else {
      char buf[16];
      if (cp <= 0xFF) {
        std::snprintf(buf, sizeof(buf), "\\x%02X", cp);
      } else if (cp <= 0xFFFF) {
        std::snprintf(buf, sizeof(buf), "\\u%04X", cp);
      } else {
        std::snprintf(buf, sizeof(buf), "\\U%08X", cp);
      }
      out += buf;
    }
  }
  out += "\"";
  return out;
}

bool NeedsQuotes(const std::string& s) {
  if (s.empty() || ResolvePlain(s).kind != PlainKind::kString) {
    return true;
  }
  if (s.front() == ' ' || s.back() == ' ') {
    return true;
  }
  static const std::string kLeading = "-?:,[]{}#&*!|>'\"%@`";
  if (kLeading.find(s.front()) != std::string::npos) {
    // "-foo" and ":foo" would be fine as plain scalars; quoting them all is simpler.
    return true;
  }
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.back() == ':' ||
      s.compare(0, 3, "...") == 0) {
    return true;
  }
  size_t i = 0;
  while (i < s.size()) {
    if (!IsPlainPrintable(NextCodePoint(s, &i))) {
      return true;
    }
  }
  return false;
}

std::string QuoteString(const std::string& s) { return NeedsQuotes(s) ? DoubleQuoted(s) : s; }

std::string ScalarText(const Json& j) {
  if (j.is_string()) {
    return QuoteString(j.get<std::string>());
  }
  if (j.is_null()) {
    return "null";
  }
  if (j.is_number_float()) {
    double d = j.get<double>();
    if (std::isnan(d)) {
      return ".nan";
    }
    if (std::isinf(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
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

// A line that starts a new document: `---` alone or followed by blanks (and maybe a comment or
// content, which then belongs to the new document).
bool IsDocumentSeparator(const std::string& line, std::string* rest) {
  if (line.compare(0, 3, "---") != 0) {
    return false;
  }
  if (line.size() > 3 && line[3] != ' ' && line[3] != '\t' && line[3] != '\r') {
    return false;  // "---foo" is a plain scalar
  }
  *rest = line.size() > 3 ? line.substr(4) : "";
  while (!rest->empty() && (rest->back() == '\r' || rest->back() == ' ' || rest->back() == '\t')) {
    rest->pop_back();
  }
  return true;
}

}  // namespace

Result<Json> YamlToJson(const std::string& text) {
  try {
    CheckReadable(text);
    YAML::Node node = YAML::Load(text);
    NodeConverter converter(text.size());
    return converter.Convert(node, 0);
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
    std::string rest;
    if (IsDocumentSeparator(line, &rest)) {
      flush();
      if (!rest.empty()) {
        current += rest + "\n";
      }
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
