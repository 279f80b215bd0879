#include "api_server/request_validation.h"

#include "core/meta_validator.h"

namespace meshplane {

namespace {

constexpr const char* kOriginLabel = "kuma.io/origin";
constexpr const char* kZoneLabel = "kuma.io/zone";
constexpr const char* kMeshLabel = "kuma.io/mesh";
constexpr const char* kDisplayNameLabel = "kuma.io/display-name";

std::string LabelOr(const Labels& labels, const std::string& key, const std::string& fallback) {
  auto it = labels.find(key);
  return it == labels.end() ? fallback : it->second;
}

ValidationError ValidateLabelsForMode(const PutRequestContext& ctx, const ResourceMeta& meta) {
  // ValidateLabels reports the origin value first (at most one violation), then the
  // Kubernetes syntax of every label; Kuma checks the mode rules in between.
  ValidationError syntax = ValidateLabels(meta.labels);
  const auto& all = syntax.Violations();
  size_t origin_violations = 0;
  const PathBuilder root = PathBuilder::RootedAt("labels");
  const std::string origin_field = root.Key(kOriginLabel).String();
  auto origin = meta.labels.find(kOriginLabel);
  if (origin != meta.labels.end() && origin->second != "global" && origin->second != "zone" &&
      !all.empty() && all.front().field == origin_field) {
    origin_violations = 1;
  }
  ValidationError out;
  for (size_t i = 0; i < origin_violations; ++i) {
    out.AddViolation(all[i].field, all[i].message);
  }
  const std::string origin_value = LabelOr(meta.labels, kOriginLabel, "");
  if (ctx.mode == "global") {
    if (origin != meta.labels.end() && origin_value != "global") {
      out.AddViolationAt(root.Key(kOriginLabel), "the origin label must be set to 'global'");
    }
  } else if (origin_value != "global") {
    auto zone = meta.labels.find(kZoneLabel);
    if (zone != meta.labels.end() && zone->second != ctx.zone) {
      out.AddViolationAt(root.Key(kZoneLabel),
                         std::string(kZoneLabel) + " label should have " + ctx.zone + " value");
    }
    auto mesh = meta.labels.find(kMeshLabel);
    if (mesh != meta.labels.end() && mesh->second != meta.mesh) {
      out.AddViolationAt(
          root.Key(kMeshLabel),
          std::string(kMeshLabel) + " label must not differ from mesh set on resource");
    }
  }
  for (size_t i = origin_violations; i < all.size(); ++i) {
    out.AddViolation(all[i].field, all[i].message);
  }
  return out;
}

}  // namespace

ValidationError ValidatePutRequest(const PutRequestContext& ctx, const ResourceMeta& body_meta) {
  ValidationError err;
  if (ctx.url_name != body_meta.name) {
    err.AddViolation("name", "name from the URL has to be the same as in body");
  }
  if (ctx.body_type != ctx.type.name) {
    err.AddViolation("type", "type from the URL has to be the same as in body");
  }
  if (ctx.type.IsMeshScoped() && ctx.url_mesh != body_meta.mesh) {
    err.AddViolation("mesh", "mesh from the URL has to be the same as in body");
  }
  err.Append(ValidateLabelsForMode(ctx, body_meta));
  err.AddError("", ValidateMeta(ctx.type, body_meta.name, body_meta.mesh));
  return err;
}

ValidationError ValidateImmutableLabels(const Labels& previous, const Labels& next) {
  ValidationError err;
  for (const char* key : {kOriginLabel, kZoneLabel, kDisplayNameLabel}) {
    auto before = previous.find(key);
    if (before == previous.end()) {
      continue;
    }
    auto after = next.find(key);
    PathBuilder path = PathBuilder::RootedAt("labels").Key(key);
    if (after == next.end()) {
      err.AddViolationAt(path,
                         "is immutable, cannot be removed (was " + GoQuote(before->second) + ")");
    } else if (after->second != before->second) {
      err.AddViolationAt(path, "is immutable, cannot be changed from " + GoQuote(before->second) +
                                   " to " + GoQuote(after->second));
    }
  }
  return err;
}

}  // namespace meshplane
