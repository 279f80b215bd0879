#include "api_server/dataplane_filters.h"

#include <algorithm>
#include <cctype>

#include "mesh/v1alpha1/dataplane.pb.h"
#include "resources/dataplane/dataplane_helpers.h"

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::Dataplane;

enum class GatewayMode { kAny, kGateway, kNotGateway, kBuiltin, kDelegated };

}  // namespace

Status ParseDataplaneFilters(const QueryParams& query, const std::string& route_pattern,
                             std::function<bool(const Resource&)>* predicate) {
  std::string mode = query.Get("gateway");
  std::transform(mode.begin(), mode.end(), mode.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  GatewayMode gateway = GatewayMode::kAny;
  if (mode == "true") {
    gateway = GatewayMode::kGateway;
  } else if (mode == "false") {
    gateway = GatewayMode::kNotGateway;
  } else if (mode == "builtin") {
    gateway = GatewayMode::kBuiltin;
  } else if (mode == "delegated") {
    gateway = GatewayMode::kDelegated;
  } else if (!mode.empty()) {
    ValidationError err;
    // Kuma's message, typo included.
    err.AddViolationAt(PathBuilder::RootedAt(route_pattern).Field("gateway"),
                       "shoud use `true`, `false`, 'builtin' or 'delegated' instead of " + mode);
    return Status::Invalid(std::move(err));
  }

  SingleValueTagSet tags;
  for (const auto& [key, value] : query.entries()) {
    if (key != "tag") {
      continue;
    }
    size_t colon = value.find(':');
    if (colon == std::string::npos) {
      continue;  // Kuma ignores malformed tag parameters
    }
    tags[value.substr(0, colon)] = value.substr(colon + 1);
  }

  if (gateway == GatewayMode::kAny && tags.empty()) {
    return Status::Ok();
  }
  *predicate = [gateway, tags](const Resource& r) {
    const Dataplane& dp = r.SpecAs<Dataplane>();
    const bool has_gateway = dp.networking().has_gateway();
    switch (gateway) {
      case GatewayMode::kAny:
        break;
      case GatewayMode::kGateway:
        if (!has_gateway) {
          return false;
        }
        break;
      case GatewayMode::kNotGateway:
        if (has_gateway) {
          return false;
        }
        break;
      case GatewayMode::kBuiltin:
        if (!IsBuiltinGateway(dp)) {
          return false;
        }
        break;
      case GatewayMode::kDelegated:
        if (!IsDelegatedGateway(dp)) {
          return false;
        }
        break;
    }
    return tags.empty() || DataplaneMatchesTagsFuzzy(dp, tags);
  };
  return Status::Ok();
}

}  // namespace meshplane
