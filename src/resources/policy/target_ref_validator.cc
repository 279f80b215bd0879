#include "resources/policy/target_ref_validator.h"

#include <algorithm>

namespace meshplane {

namespace {

using kuma::common::v1alpha1::TargetRef;

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool AllOf(const std::string& s, const std::string& extra, bool lower_only) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    if (lower_only) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.find(c) != std::string::npos;
    }
    return IsAlnum(c) || extra.find(c) != std::string::npos;
  });
}

std::vector<std::string> SortedKeys(const TagMap& tags) {
  std::vector<std::string> keys;
  keys.reserve(tags.size());
  for (const auto& [k, v] : tags) {
    keys.push_back(k);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

enum class ValueRule { kTag, kSelector };

ValidationError ValidateTagKeyValues(const PathBuilder& path, const TagMap& tags, ValueRule rule) {
  ValidationError err;
  for (const std::string& key : SortedKeys(tags)) {
    if (key.empty()) {
      err.AddViolationAt(path, "tag name must be non-empty");
    }
    if (!AllOf(key, ".-_:/", false)) {
      err.AddViolationAt(path.Key(key),
                         "tag name must consist of alphanumeric characters, dots, dashes, slashes "
                         "and underscores");
    }
    const std::string& value = tags.at(key);
    if (value.empty()) {
      err.AddViolationAt(path.Key(key), "tag value must be non-empty");
    }
    if (rule == ValueRule::kSelector) {
      if (value != "*" && !AllOf(value, ".-_:/", false)) {
        err.AddViolationAt(path.Key(key),
                           "tag value must consist of alphanumeric characters, dots, dashes, "
                           "slashes and underscores or be \"*\"");
      }
    } else if (!AllOf(value, ".-_:", false)) {
      err.AddViolationAt(path.Key(key),
                         "tag value must consist of alphanumeric characters, dots, dashes and "
                         "underscores");
    }
  }
  return err;
}

void Disallowed(ValidationError& err, const char* field, bool set, const std::string& kind) {
  if (set) {
    err.AddViolation(field, "must not be set with kind " + kind);
  }
}

void Required(ValidationError& err, const char* field, bool set, const std::string& kind) {
  if (!set) {
    err.AddViolation(field, "must be set with kind " + kind);
  }
}

void ValidateName(ValidationError& err, const std::string& name) {
  if (!AllOf(name, ".-_", true)) {
    err.AddViolation("name",
                     "invalid characters: must consist of lower case alphanumeric characters, "
                     "'-', '.' and '_'.");
  }
}

}  // namespace

ValidationError ValidateTags(const PathBuilder& path, const TagMap& tags) {
  return ValidateTagKeyValues(path, tags, ValueRule::kTag);
}

ValidationError ValidateSelector(const PathBuilder& path, const TagMap& tags) {
  return ValidateTagKeyValues(path, tags, ValueRule::kSelector);
}

ValidationError ValidateTargetRef(const TargetRef& ref, const TargetRefOptions& opts) {
  ValidationError err;
  const std::string& kind = ref.kind();
  if (kind.empty()) {
    err.AddViolation("kind", "must be defined");
    return err;
  }
  if (std::find(opts.supported_kinds.begin(), opts.supported_kinds.end(), kind) ==
      opts.supported_kinds.end()) {
    err.AddViolation("kind", "value '" + kind + "' is not supported");
    return err;
  }
  const bool has_name = !ref.name().empty();
  const bool has_mesh = !ref.mesh().empty();
  const bool has_tags = !ref.tags().empty();
  const bool has_labels = !ref.labels().empty();
  const bool has_namespace = !ref.namespace_().empty();
  const bool has_section = !ref.sectionname().empty();
  const bool has_proxy_types = ref.proxytypes_size() > 0;

  if (kind == kKindMesh) {
    if (has_name) {
      err.AddViolation("name", "using name with kind Mesh is not yet supported");
    }
    Disallowed(err, "mesh", has_mesh, kind);
    Disallowed(err, "tags", has_tags, kind);
    Disallowed(err, "labels", has_labels, kind);
    Disallowed(err, "namespace", has_namespace, kind);
    Disallowed(err, "sectionName", has_section, kind);
  } else if (kind == kKindDataplane) {
    Disallowed(err, "tags", has_tags, kind);
    Disallowed(err, "mesh", has_mesh, kind);
    Disallowed(err, "proxyTypes", has_proxy_types, kind);
    if (has_labels && (has_name || has_namespace)) {
      err.AddViolation("labels", "either labels or name and namespace must be specified");
    }
    if (!opts.is_inbound_policy && has_section) {
      err.AddViolation("sectionName", "can only be used with inbound policies");
    }
  } else if (kind == kKindMeshSubset) {
    Disallowed(err, "name", has_name, kind);
    Disallowed(err, "mesh", has_mesh, kind);
    err.Append(ValidateTags(PathBuilder::RootedAt("tags"), ref.tags()));
    Disallowed(err, "labels", has_labels, kind);
    Disallowed(err, "namespace", has_namespace, kind);
    Disallowed(err, "sectionName", has_section, kind);
  } else if (kind == kKindMeshService || kind == kKindMeshHTTPRoute) {
    ValidateName(err, ref.name());
    Disallowed(err, "mesh", has_mesh, kind);
    Disallowed(err, "tags", has_tags, kind);
    Disallowed(err, "proxyTypes", has_proxy_types, kind);
    if (!has_labels) {
      Required(err, "name", has_name, kind);
    }
    if (has_labels && (has_name || has_namespace)) {
      err.AddViolation("labels", "either labels or name and namespace must be specified");
    }
    if (has_labels && has_section) {
      err.AddViolation("sectionName", "sectionName should not be combined with labels");
    }
  } else if (kind == kKindMeshServiceSubset || kind == kKindMeshGateway) {
    Required(err, "name", has_name, kind);
    ValidateName(err, ref.name());
    Disallowed(err, "mesh", has_mesh, kind);
    Disallowed(err, "proxyTypes", has_proxy_types, kind);
    err.Append(ValidateSelector(PathBuilder::RootedAt("tags"), ref.tags()));
    if (kind == kKindMeshGateway && has_tags && !opts.gateway_listener_tags_allowed) {
      Disallowed(err, "tags", true, kind);
    }
    Disallowed(err, "labels", has_labels, kind);
    Disallowed(err, "namespace", has_namespace, kind);
    Disallowed(err, "sectionName", has_section, kind);
  } else if (kind == kKindMeshExternalService || kind == kKindMeshMultiZoneService) {
    ValidateName(err, ref.name());
    Disallowed(err, "mesh", has_mesh, kind);
    Disallowed(err, "tags", has_tags, kind);
    Disallowed(err, "proxyTypes", has_proxy_types, kind);
    if (!has_labels) {
      Required(err, "name", has_name, kind);
    }
    if (has_labels && (has_name || has_namespace)) {
      err.AddViolation("labels", "either labels or name must be specified");
    }
    if (kind == kKindMeshExternalService) {
      Disallowed(err, "sectionName", has_section, kind);
    }
  }
  return err;
}

std::vector<std::string> TopLevelTargetRefDeprecations(const TargetRef* ref) {
  if (ref == nullptr) {
    return {};
  }
  const std::string& kind = ref->kind();
  if (kind == kKindMeshService || kind == kKindMeshServiceSubset || kind == kKindMeshSubset) {
    return {kind + " value for 'targetRef.kind' is deprecated, use Dataplane with labels instead"};
  }
  return {};
}

}  // namespace meshplane
