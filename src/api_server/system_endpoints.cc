#include "api_server/system_endpoints.h"

#include <unistd.h>

#include <algorithm>
#include <memory>

#include "api_server/rest_error.h"

namespace meshplane {

namespace {

constexpr const char* kProduct = "meshplane";
constexpr const char* kBasedOnKuma = "2.14.3";
constexpr const char* kAdminUser = "mesh-system:admin";
constexpr const char* kAnonymousUser = "mesh-system:anonymous";

std::string Hostname() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof(buf) - 1) != 0) {
    return "";
  }
  return buf;
}

}  // namespace

Json ResourceTypeDescriptions(const ResourceTypeRegistry& registry, bool read_only) {
  std::vector<const ResourceTypeDescriptor*> types = registry.All();
  std::sort(types.begin(), types.end(),
            [](const auto* a, const auto* b) { return a->name < b->name; });
  Json resources = Json::array();
  for (const ResourceTypeDescriptor* t : types) {
    // Keys in Kuma's (alphabetical) order.
    Json d = Json::object();
    d["includeInFederation"] = t->include_in_federation;
    d["name"] = t->name;
    d["path"] = t->plural_path;
    d["pluralDisplayName"] = t->plural_display;
    if (t->is_policy) {
      const bool target_ref = !t->spec_at_top_level;
      d["policy"] = Json{{"hasFromTargetRef", false},
                         {"hasToTargetRef", false},
                         {"isFromAsRules", false},
                         {"isTargetRef", target_ref}};
    }
    d["readOnly"] = read_only || t->read_only;
    d["scope"] = t->IsMeshScoped() ? "Mesh" : "Global";
    if (!t->short_name.empty()) {
      d["shortName"] = t->short_name;
    }
    d["singularDisplayName"] = t->singular_display;
    resources.push_back(std::move(d));
  }
  return Json{{"resources", std::move(resources)}};
}

void RegisterSystemEndpoints(Router& router, const ResourceTypeRegistry& registry,
                             SystemEndpointsOptions options) {
  auto shared = std::make_shared<const SystemEndpointsOptions>(std::move(options));
  const std::string hostname = Hostname();

  router.Add("GET", "/", [shared, hostname](const RouteRequest&) {
    Json body = Json::object();
    body["hostname"] = hostname;
    body["tagline"] = kProduct;
    body["product"] = kProduct;
    body["version"] = MESHPLANE_VERSION;
    body["instanceId"] = shared->instance_id;
    body["clusterId"] = shared->cluster_id;
    body["basedOnKuma"] = kBasedOnKuma;
    return JsonResponse(200, body);
  });

  router.Add("GET", "/config", [shared](const RouteRequest& r) {
    if (!r.http.from_loopback) {
      return ErrorResponse(Status::AccessDenied("user \"" + std::string(kAnonymousUser) +
                                                "\" cannot access the control plane metadata"),
                           "Access Denied");
    }
    return JsonResponse(200, shared->config.is_null() ? Json::object() : shared->config);
  });

  router.Add("GET", "/_resources", [&registry, shared](const RouteRequest&) {
    return JsonResponse(200, ResourceTypeDescriptions(registry, shared->read_only));
  });

  router.Add("GET", "/who-am-i", [](const RouteRequest& r) {
    Json body = Json::object();
    if (r.http.from_loopback) {
      body["name"] = kAdminUser;
      body["groups"] = Json::array({kAdminUser, "mesh-system:authenticated"});
    } else {
      body["name"] = kAnonymousUser;
      body["groups"] = Json::array({"mesh-system:unauthenticated"});
    }
    return JsonResponse(200, body);
  });
}

}  // namespace meshplane
