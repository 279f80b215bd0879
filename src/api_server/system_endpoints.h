// Control-plane endpoints of the REST API that are not resources:
//   GET /            index: {hostname, tagline, product, version, instanceId, clusterId,
//                    basedOnKuma} (Kuma's IndexResponse keys)
//   GET /config      the control plane configuration (administrators only: local clients)
//   GET /_resources  every kind the API serves, Kuma's ResourceTypeDescription list
//   GET /who-am-i    the caller's identity: local clients are the administrator, as in Kuma
#pragma once

#include <string>

#include "api_server/router.h"
#include "core/json.h"
#include "core/resource_type.h"

namespace meshplane {

struct SystemEndpointsOptions {
  std::string instance_id;
  std::string cluster_id;
  Json config;
  bool read_only = false;
};

// Adds the routes; `registry` must outlive the router.
void RegisterSystemEndpoints(Router& router, const ResourceTypeRegistry& registry,
                             SystemEndpointsOptions options);

// The `/_resources` body (sorted by name); exposed for tests.
Json ResourceTypeDescriptions(const ResourceTypeRegistry& registry, bool read_only);

}  // namespace meshplane
