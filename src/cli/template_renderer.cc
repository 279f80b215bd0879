#include "cli/template_renderer.h"

#include <mstch/mstch.hpp>

#include <exception>
#include <functional>

namespace meshplane {

namespace {

Status BadVarFlag(const std::string& value) {
  return Status::InvalidArgument("invalid argument " + GoQuote(value) +
                                 " for \"-v, --var\" flag: " + value +
                                 " must be formatted as key=value");
}

// Splits one flag value into CSV fields (the format pflag reads StringToString values in).
Result<std::vector<std::string>> SplitCsv(const std::string& value) {
  std::vector<std::string> fields;
  size_t i = 0;
  while (true) {
    std::string field;
    if (i < value.size() && value[i] == '"') {
      ++i;
      bool closed = false;
      while (i < value.size()) {
        if (value[i] == '"') {
          if (i + 1 < value.size() && value[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += value[i++];
      }
      if (!closed || (i < value.size() && value[i] != ',')) {
        return BadVarFlag(value);
      }
    } else {
      while (i < value.size() && value[i] != ',') {
        field += value[i++];
      }
    }
    fields.push_back(std::move(field));
    if (i >= value.size()) {
      break;
    }
    ++i;  // the comma
  }
  return fields;
}

// `a.b.c=v` as {"a": {"b": {"c": "v"}}}.
mstch::node NestedValue(const std::string& key, const std::string& value, std::string* first) {
  size_t dot = key.find('.');
  if (dot == std::string::npos) {
    *first = key;
    return value;
  }
  *first = key.substr(0, dot);
  std::string inner_first;
  mstch::node inner = NestedValue(key.substr(dot + 1), value, &inner_first);
  return mstch::map{{inner_first, inner}};
}

// mstch's escape function is process-global; swap it in for one render only.
class ScopedEscape {
 public:
  explicit ScopedEscape(std::function<std::string(const std::string&)> escape)
      : saved_(mstch::config::escape) {
    mstch::config::escape = std::move(escape);
  }
  ~ScopedEscape() { mstch::config::escape = saved_; }
  ScopedEscape(const ScopedEscape&) = delete;
  ScopedEscape& operator=(const ScopedEscape&) = delete;

 private:
  std::function<std::string(const std::string&)> saved_;
};

}  // namespace

Result<TemplateVars> ParseTemplateVars(const std::vector<std::string>& flag_values) {
  TemplateVars vars;
  for (const auto& value : flag_values) {
    auto fields = SplitCsv(value);
    if (!fields.ok()) {
      return fields.status();
    }
    for (const auto& field : *fields) {
      size_t eq = field.find('=');
      if (eq == std::string::npos) {
        return BadVarFlag(value);
      }
      vars.emplace_back(field.substr(0, eq), field.substr(eq + 1));
    }
  }
  return vars;
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '"':
        out += "&#34;";
        break;
      case '\0':
        out += "\xEF\xBF\xBD";  // U+FFFD, as Go does
        break;
      default:
        out += c;
    }
  }
  return out;
}

Result<std::string> RenderTemplate(const std::string& text, const TemplateVars& vars) {
  mstch::map context;
  for (const auto& [key, value] : vars) {
    std::string first;
    mstch::node node = NestedValue(key, value, &first);
    context.erase(first);  // shallow merge: a later key with the same first segment wins
    context.emplace(first, std::move(node));
  }
  try {
    ScopedEscape escape(HtmlEscape);
    return mstch::render(text, context);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("error rendering template: ") + e.what());
  }
}

}  // namespace meshplane
