#include "api_server/mtls_endpoints.h"

#include "api_server/rest_error.h"

namespace meshplane {

Json MeshMtlsStatusToJson(const MeshMtlsStatus& status) {
  Json backends = Json::array();
  for (const MeshCaBackendStatus& b : status.backends) {
    Json backend = {{"name", b.name}, {"type", b.type}, {"mode", b.mode}, {"enabled", b.enabled}};
    if (b.ca.has_value()) {
      backend["ca"] = {{"subject", b.ca->subject},
                       {"issuer", b.ca->issuer},
                       {"serialNumber", b.ca->serial_number},
                       {"notBefore", FormatRfc3339(b.ca->not_before)},
                       {"notAfter", FormatRfc3339(b.ca->not_after)},
                       {"sha256Fingerprint", b.ca->sha256_fingerprint}};
    } else {
      backend["error"] = b.error;
    }
    backends.push_back(std::move(backend));
  }
  return {{"mesh", status.mesh},
          {"enabledBackend", status.enabled_backend},
          {"backends", std::move(backends)}};
}

void RegisterMtlsEndpoints(Router& router, ResourceManager& manager,
                           const CaPluginRegistry& plugins) {
  router.Add("GET", "/meshes/{mesh}/mtls", [&manager, &plugins](const RouteRequest& r) {
    Result<MeshMtlsStatus> status =
        DescribeMeshMtls(manager.store(), manager.registry(), plugins, r.Param("mesh"));
    if (!status.ok()) {
      return ErrorResponse(status.status(), "Could not retrieve a resource");
    }
    return JsonResponse(200, MeshMtlsStatusToJson(*status));
  });
}

}  // namespace meshplane
