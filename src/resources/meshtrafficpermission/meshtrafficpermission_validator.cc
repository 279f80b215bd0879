#include "resources/meshtrafficpermission/meshtrafficpermission_validator.h"

#include "resources/policy/policy_field_validators.h"
#include "resources/policy/target_ref_validator.h"

namespace meshplane {

namespace {

using kuma::policies::meshtrafficpermission::v1alpha1::MeshTrafficPermission;
using Match = MeshTrafficPermission::Match;

bool Lower(char c) { return c >= 'a' && c <= 'z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }

// Kuma's ValidateMatch.
ValidationError ValidateMatch(const Match& match) {
  ValidationError err;
  if (match.has_spiffeid()) {
    std::string e = SpiffeIdError(match.spiffeid().value());
    if (!e.empty()) {
      err.AddViolation("spiffeID", "must be a valid Spiffe ID: " + e);
    }
  }
  if (match.has_sni()) {
    const std::string& type = match.sni().type();
    if (type.empty()) {
      err.AddViolation("sni.type", "must be set");
    } else if (type != "Exact") {
      err.AddViolation("sni.type",
                       "unrecognized type " + GoQuote(type) + ", supported values are: Exact");
    }
    if (match.sni().value().empty()) {
      err.AddViolation("sni.value", "must be set");
    } else {
      for (const std::string& v : Dns1123SubdomainErrors(match.sni().value())) {
        err.AddViolation("sni.value", v);
      }
    }
  }
  return err;
}

ValidationError ValidateMatches(const char* field,
                                const google::protobuf::RepeatedPtrField<Match>& matches) {
  ValidationError err;
  for (int i = 0; i < matches.size(); ++i) {
    err.AddErrorAt(PathBuilder::RootedAt(field).Index(static_cast<size_t>(i)),
                   ValidateMatch(matches[i]));
  }
  return err;
}

}  // namespace

std::string SpiffeIdError(const std::string& id) {
  constexpr std::string_view kScheme = "spiffe://";
  if (id.empty()) {
    return "cannot be empty";
  }
  if (id.rfind(kScheme, 0) != 0) {
    return "scheme is missing or invalid";
  }
  std::string_view rest = std::string_view(id).substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string_view td = rest.substr(0, slash);
  if (td.empty()) {
    return "trust domain is missing";
  }
  for (char c : td) {
    if (!(Lower(c) || Digit(c) || c == '.' || c == '-' || c == '_')) {
      return "trust domain characters are limited to lowercase letters, numbers, dots, dashes, "
             "and underscores";
    }
  }
  if (slash == std::string_view::npos) {
    return "";
  }
  std::string_view path = rest.substr(slash);  // starts with '/'
  while (!path.empty()) {
    path.remove_prefix(1);
    size_t next = path.find('/');
    std::string_view segment = path.substr(0, next);
    if (segment.empty()) {
      return next == std::string_view::npos ? "path cannot have a trailing slash"
                                            : "path cannot contain empty segments";
    }
    if (segment == "." || segment == "..") {
      return "path cannot contain dot segments";
    }
    for (char c : segment) {
      if (!(Lower(c) || Digit(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '_')) {
        return "path segment characters are limited to letters, numbers, dots, dashes, and "
               "underscores";
      }
    }
    path = next == std::string_view::npos ? std::string_view() : path.substr(next);
  }
  return "";
}

std::vector<std::string> Dns1123SubdomainErrors(const std::string& value) {
  std::vector<std::string> out;
  if (value.size() > 253) {
    out.push_back("must be no more than 253 characters");
  }
  // [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*
  bool ok = !value.empty();
  size_t start = 0;
  while (ok && start <= value.size()) {
    size_t dot = value.find('.', start);
    std::string_view label =
        std::string_view(value).substr(start, dot == std::string::npos ? dot : dot - start);
    ok = !label.empty() && (Lower(label.front()) || Digit(label.front())) &&
         (Lower(label.back()) || Digit(label.back()));
    for (char c : label) {
      ok = ok && (Lower(c) || Digit(c) || c == '-');
    }
    if (dot == std::string::npos) {
      break;
    }
    start = dot + 1;
  }
  if (!ok) {
    out.push_back(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
        "or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
        "regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
  return out;
}

ValidationError ValidateMeshTrafficPermission(const MeshTrafficPermission& spec) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("spec");
  const bool affects_inbounds = spec.from_size() > 0 || spec.rules_size() > 0;
  if (spec.has_targetref()) {
    err.AddErrorAt(
        path.Field("targetRef"),
        ValidateTargetRef(spec.targetref(), {{kKindMesh, kKindMeshSubset, kKindMeshService,
                                              kKindMeshServiceSubset, kKindDataplane},
                                             false,
                                             affects_inbounds}));
  }
  if (spec.from_size() > 0 && spec.rules_size() > 0) {
    err.AddViolationAt(path, "field 'from' must be empty when 'rules' is defined");
  }
  if (spec.from_size() == 0 && spec.rules_size() == 0) {
    err.AddViolationAt(path, "at least one of 'from' or 'rules' has to be defined");
  }
  for (int i = 0; i < spec.rules_size(); ++i) {
    const auto& conf = spec.rules(i).default_();
    const PathBuilder rule = PathBuilder::RootedAt("rules").Index(static_cast<size_t>(i));
    ValidationError rule_err;
    if (conf.deny_size() == 0 && conf.allow_size() == 0 && conf.allowwithshadowdeny_size() == 0) {
      rule_err.AddViolationAt(rule,
                              "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be "
                              "defined");
    }
    rule_err.AddErrorAt(rule, ValidateMatches("allow", conf.allow()));
    rule_err.AddErrorAt(rule, ValidateMatches("allowWithShadowDeny", conf.allowwithshadowdeny()));
    rule_err.AddErrorAt(rule, ValidateMatches("deny", conf.deny()));
    err.AddErrorAt(path, rule_err);
  }
  for (int i = 0; i < spec.from_size(); ++i) {
    const auto& from = spec.from(i);
    const PathBuilder item = PathBuilder::RootedAt("from").Index(static_cast<size_t>(i));
    ValidationError from_err;
    from_err.AddErrorAt(
        item.Field("targetRef"),
        ValidateTargetRef(from.targetref(), {{kKindMesh, kKindMeshSubset, kKindMeshService,
                                              kKindMeshServiceSubset}}));
    const PathBuilder action = item.Field("default").Field("action");
    if (!from.default_().has_action() || from.default_().action().empty()) {
      from_err.AddViolationAt(action, "must be defined");
    } else {
      from_err.Append(
          ValidateEnum(action, from.default_().action(), {"Allow", "Deny", "AllowWithShadowDeny"}));
    }
    err.AddErrorAt(path, from_err);
  }
  return err;
}

std::vector<std::string> MeshTrafficPermissionDeprecations(const MeshTrafficPermission& spec) {
  std::vector<std::string> out;
  if (spec.from_size() > 0) {
    out.push_back(
        "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity "
        "(spiffeId) instead");
  }
  for (const auto& from : spec.from()) {
    if (from.targetref().kind() == kKindMeshService) {
      out.push_back(
          "MeshService value for 'from[].targetRef.kind' is deprecated, use MeshSubset with "
          "'kuma.io/service' instead");
    }
  }
  for (std::string& d :
       TopLevelTargetRefDeprecations(spec.has_targetref() ? &spec.targetref() : nullptr)) {
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace meshplane
