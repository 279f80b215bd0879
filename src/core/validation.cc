#include "core/validation.h"

#include <cstdint>
#include <cstdio>

namespace meshplane {

PathBuilder PathBuilder::RootedAt(std::string_view name) { return PathBuilder(std::string(name)); }

PathBuilder PathBuilder::Field(std::string_view name) const {
  if (path_.empty()) {
    return PathBuilder(std::string(name));
  }
  return PathBuilder(path_ + "." + std::string(name));
}

PathBuilder PathBuilder::Index(size_t i) const {
  return PathBuilder(path_ + "[" + std::to_string(i) + "]");
}

PathBuilder PathBuilder::Key(std::string_view key) const {
  return PathBuilder(path_ + "[" + GoQuote(key) + "]");
}

namespace {

// Length of the valid UTF-8 sequence at s[i] and its code point; 0 when the bytes are invalid.
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
  if (len == 0 || i + len > s.size()) {
    return 0;
  }
  uint32_t v = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) {
      return 0;
    }
    v = (v << 6) | (t & 0x3F);
  }
  bool overlong = (len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000);
  if (overlong || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
    return 0;
  }
  *cp = v;
  return len;
}

// The non-ASCII code points Go's strconv.IsPrint rejects that user text plausibly holds: C1
// controls, non-ASCII spaces and line separators, the BOM and non-characters.
bool IsGoPrintable(uint32_t cp) {
  if (cp < 0x80) {
    return cp >= 0x20 && cp != 0x7f;
  }
  return !(cp <= 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 ||
           cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xFFFE || cp == 0xFFFF);
}

}  // namespace

std::string GoQuote(std::string_view s) {
  std::string out = "\"";
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = 0;
    size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) {
      // Invalid UTF-8: Go escapes the byte, which also keeps the result valid UTF-8.
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned char>(s[i]));
      out += buf;
      ++i;
      continue;
    }
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (IsGoPrintable(cp)) {
          out.append(s.substr(i, len));
        } else {
          char buf[16];
          if (cp < 0x80) {
            std::snprintf(buf, sizeof(buf), "\\x%02x", cp);
          } else if (cp <= 0xFFFF) {
            std::snprintf(buf, sizeof(buf), "\\u%04x", cp);
          } else {
            std::snprintf(buf, sizeof(buf), "\\U%08x", cp);
          }
          out += buf;
        }
    }
    i += len;
  }
  out += "\"";
  return out;
}

void ValidationError::AddViolation(std::string_view field, std::string_view message) {
  violations_.push_back(Violation{std::string(field), std::string(message)});
}

void ValidationError::AddError(std::string_view prefix, const ValidationError& child) {
  for (const auto& v : child.violations_) {
    std::string field;
    if (v.field.empty()) {
      field = std::string(prefix);
    } else if (prefix.empty()) {
      field = v.field;
    } else if (v.field.front() == '[') {
      field = std::string(prefix) + v.field;
    } else {
      field = std::string(prefix) + "." + v.field;
    }
    violations_.push_back(Violation{std::move(field), v.message});
  }
}

void ValidationError::Append(const ValidationError& other) {
  violations_.insert(violations_.end(), other.violations_.begin(), other.violations_.end());
}

std::string ValidationError::ToString() const {
  std::string out;
  for (size_t i = 0; i < violations_.size(); ++i) {
    if (i > 0) {
      out += "; ";
    }
    out += violations_[i].field + ": " + violations_[i].message;
  }
  return out;
}

}  // namespace meshplane
