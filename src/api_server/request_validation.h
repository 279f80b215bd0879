// Request-level checks of a REST PUT (Kuma's validateResourceRequest, spec §5.5) and the
// immutable computed labels of an update. They run after the spec has been validated.
#pragma once

#include <string>

#include "core/resource.h"
#include "core/resource_type.h"
#include "core/validation.h"

namespace meshplane {

struct PutRequestContext {
  const ResourceTypeDescriptor& type;
  std::string url_name;
  std::string url_mesh;   // empty for global kinds
  std::string body_type;  // `type` of the body as sent (empty when absent)
  std::string mode;       // control plane mode: "zone" or "global"
  std::string zone;       // this control plane's zone name
};

// In Kuma's order: name vs URL, type vs URL, mesh vs URL (mesh-scoped kinds), labels (origin
// value, mode and zone rules, Kubernetes syntax), then ValidateMeta.
ValidationError ValidatePutRequest(const PutRequestContext& ctx, const ResourceMeta& body_meta);

// `kuma.io/origin`, `kuma.io/zone` and `kuma.io/display-name` cannot be removed or changed by
// an update.
ValidationError ValidateImmutableLabels(const Labels& previous, const Labels& next);

}  // namespace meshplane
