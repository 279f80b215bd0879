#include "core/meta_validator.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace meshplane {

namespace {

constexpr const char* kOriginLabel = "kuma.io/origin";
constexpr const char* kDisplayNameLabel = "kuma.io/display-name";

constexpr size_t kMaxNameLength = 253;
constexpr size_t kDns1035LabelMaxLength = 63;
constexpr size_t kDns1123SubdomainMaxLength = 253;
constexpr size_t kQualifiedNameMaxLength = 63;
constexpr size_t kLabelValueMaxLength = 63;

constexpr const char* kIdentifierErrMsg =
    "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric character";
constexpr const char* kBackwardCompatErrMsg =
    "invalid characters. Valid characters are numbers, lowercase latin letters and '-', '_', '.' "
    "symbols.";

// The patterns (and messages) of k8s.io/apimachinery/pkg/util/validation.
constexpr const char* kDns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
constexpr const char* kDns1035LabelErrMsg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character";
constexpr const char* kDns1123SubdomainFmt =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr const char* kDns1123SubdomainErrMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character";
constexpr const char* kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr const char* kQualifiedNameErrMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
constexpr const char* kLabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr const char* kLabelValueErrMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character";

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return IsLowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool IsDns1123Label(std::string_view s) {
  if (s.empty() || !IsLowerAlnum(s.front()) || !IsLowerAlnum(s.back())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) { return IsLowerAlnum(c) || c == '-'; });
}

// Labels of IsDns1123Label joined by single dots.
bool IsDns1123Subdomain(std::string_view s) {
  while (true) {
    size_t dot = s.find('.');
    if (!IsDns1123Label(s.substr(0, dot))) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    s.remove_prefix(dot + 1);
  }
}

// [a-z]([-a-z0-9]*[a-z0-9])?
bool IsDns1035LabelSyntax(std::string_view s) {
  return IsDns1123Label(s) && s.front() >= 'a' && s.front() <= 'z';
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool IsQualifiedNamePart(std::string_view s) {
  if (s.empty() || !IsAlnum(s.front()) || !IsAlnum(s.back())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

// ^[0-9a-z-_.]*$
bool IsBackwardCompatIdentifier(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsLowerAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

// k8s MaxLenError.
std::string MaxLenError(size_t length) {
  return "must be no more than " + std::to_string(length) + " characters";
}

// k8s RegexError, including its quirk of a double space before each "or".
std::string RegexError(std::string msg, const char* fmt,
                       std::initializer_list<const char*> examples) {
  if (examples.size() == 0) {
    return msg + " (regex used for validation is '" + fmt + "')";
  }
  msg += " (e.g. ";
  bool first = true;
  for (const char* example : examples) {
    if (!first) {
      msg += " or ";
    }
    first = false;
    msg += "'";
    msg += example;
    msg += "', ";
  }
  msg += "regex used for validation is '";
  msg += fmt;
  msg += "')";
  return msg;
}

std::vector<std::string> Dns1123SubdomainErrors(const std::string& value) {
  std::vector<std::string> errs;
  if (value.size() > kDns1123SubdomainMaxLength) {
    errs.push_back(MaxLenError(kDns1123SubdomainMaxLength));
  }
  if (!IsDns1123Subdomain(value)) {
    errs.push_back(RegexError(kDns1123SubdomainErrMsg, kDns1123SubdomainFmt, {"example.com"}));
  }
  return errs;
}

// k8s IsQualifiedName (the label key syntax): an optional DNS subdomain prefix and '/', then a
// name part of at most 63 characters.
std::vector<std::string> QualifiedNameErrors(const std::string& value) {
  std::vector<std::string> errs;
  size_t slashes = std::count(value.begin(), value.end(), '/');
  std::string name = value;
  if (slashes == 1) {
    size_t slash = value.find('/');
    std::string prefix = value.substr(0, slash);
    name = value.substr(slash + 1);
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      for (const std::string& msg : Dns1123SubdomainErrors(prefix)) {
        errs.push_back("prefix part " + msg);
      }
    }
  } else if (slashes > 1) {
    errs.push_back(
        "a qualified name " +
        RegexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}) +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    return errs;
  }
  if (name.empty()) {
    errs.push_back("name part must be non-empty");
  } else if (name.size() > kQualifiedNameMaxLength) {
    errs.push_back("name part " + MaxLenError(kQualifiedNameMaxLength));
  }
  if (!IsQualifiedNamePart(name)) {
    errs.push_back("name part " + RegexError(kQualifiedNameErrMsg, kQualifiedNameFmt,
                                             {"MyName", "my.name", "123-abc"}));
  }
  return errs;
}

// k8s IsValidLabelValue.
std::vector<std::string> LabelValueErrors(const std::string& value) {
  std::vector<std::string> errs;
  if (value.size() > kLabelValueMaxLength) {
    errs.push_back(MaxLenError(kLabelValueMaxLength));
  }
  if (!value.empty() && !IsQualifiedNamePart(value)) {
    errs.push_back(RegexError(kLabelValueErrMsg, kLabelValueFmt, {"MyValue", "my_value", "12345"}));
  }
  return errs;
}

// Kuma's validateIdentifier: the first failing rule only.
void ValidateIdentifier(ValidationError& err, std::string_view field, const std::string& value,
                        bool (*matches)(std::string_view), const char* invalid_msg) {
  if (value.empty()) {
    err.AddViolation(field, "cannot be empty");
  } else if (value.size() > kMaxNameLength) {
    err.AddViolation(field, "value length must less or equal 253");
  } else if (!matches(value)) {
    err.AddViolation(field, invalid_msg);
  }
}

}  // namespace

ValidationError ValidateMeta(const ResourceTypeDescriptor& type, const std::string& name,
                             const std::string& mesh) {
  ValidationError err;
  ValidateIdentifier(err, "name", name, IsDns1123Subdomain, kIdentifierErrMsg);
  if (type.IsMeshScoped()) {
    // Meshes created before names were tightened may contain '_', so the old rule applies.
    ValidateIdentifier(err, "mesh", mesh, IsBackwardCompatIdentifier, kBackwardCompatErrMsg);
  }
  return err;
}

ValidationError ValidateLabels(const Labels& labels) {
  ValidationError err;
  PathBuilder root = PathBuilder::RootedAt("labels");
  if (auto origin = labels.find(kOriginLabel);
      origin != labels.end() && origin->second != "global" && origin->second != "zone") {
    err.AddViolationAt(root.Key(kOriginLabel),
                       "unknown resource origin " + GoQuote(origin->second));
  }
  for (const auto& [key, value] : labels) {
    for (const std::string& msg : QualifiedNameErrors(key)) {
      err.AddViolationAt(root.Key(key), msg);
    }
    for (const std::string& msg : LabelValueErrors(value)) {
      err.AddViolationAt(root.Key(key), msg);
    }
  }
  return err;
}

std::vector<std::string> Dns1035LabelErrors(const std::string& value) {
  std::vector<std::string> errs;
  if (value.size() > kDns1035LabelMaxLength) {
    errs.push_back(MaxLenError(kDns1035LabelMaxLength));
  }
  if (!IsDns1035LabelSyntax(value)) {
    errs.push_back(RegexError(kDns1035LabelErrMsg, kDns1035LabelFmt, {"my-name", "abc-123"}));
  }
  return errs;
}

std::vector<std::string> NameDeprecationWarnings(const Resource& r) {
  const Labels& labels = r.meta().labels;
  auto display = labels.find(kDisplayNameLabel);
  const std::string& name = display != labels.end() ? display->second : r.meta().name;
  std::vector<std::string> errs = Dns1035LabelErrors(name);
  if (errs.empty()) {
    return {};
  }
  std::string joined;
  for (size_t i = 0; i < errs.size(); ++i) {
    if (i > 0) {
      joined += "; ";
    }
    joined += errs[i];
  }
  return {
      "Invalid " + r.type().name + " resource name: '" + name +
      "'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: " + joined};
}

}  // namespace meshplane
