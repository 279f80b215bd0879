// meshplane's own read-only view of a mesh's mTLS CA (not in Kuma):
//   GET /meshes/{mesh}/mtls
//   {"mesh": "default", "enabledBackend": "ca-1",
//    "backends": [{"name": "ca-1", "type": "builtin", "mode": "STRICT", "enabled": true,
//                  "ca": {"subject", "issuer", "serialNumber", "notBefore", "notAfter",
//                         "sha256Fingerprint"}}]}
// A backend whose CA cannot be read carries "error": "<reason>" instead of "ca". CA
// certificates are public, so any client may read this (no loopback restriction); private keys
// are never part of it. 404 with Kuma's not-found body when the mesh does not exist.
#pragma once

#include "api_server/router.h"
#include "ca/ca_plugin_registry.h"
#include "ca/mesh_ca.h"
#include "core/json.h"
#include "manager/resource_manager.h"

namespace meshplane {

// `manager` and `plugins` must outlive the router.
void RegisterMtlsEndpoints(Router& router, ResourceManager& manager,
                           const CaPluginRegistry& plugins = CaPluginRegistry::Builtin());

// The response body for `status`.
Json MeshMtlsStatusToJson(const MeshMtlsStatus& status);

}  // namespace meshplane
