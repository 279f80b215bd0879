#include "core/validation.h"

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

std::string GoQuote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
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
