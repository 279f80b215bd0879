// The REST endpoints of one resource kind, Kuma-compatible (pkg/api-server/resource_endpoints.go):
//   global kinds:       GET /{plural}, GET|PUT|DELETE /{plural}/{name}
//   mesh-scoped kinds:  GET /meshes/{mesh}/{plural}, GET|PUT|DELETE /meshes/{mesh}/{plural}/{name},
//                       GET /{plural} (across meshes)
// Beyond Kuma: GET of one resource returns `ETag: "<version>"`, and PUT and DELETE honour
// `If-Match` (409 Conflict on a mismatch, or when the resource changed between the read and
// the write of a PUT). Unknown fields of a PUT body are reported in `Warning` headers.
// Kinds marked `admin_only` (Secret, GlobalSecret) answer 403 to every request (read, list,
// write, delete) from a client that is not on the control plane's host, since API
// authentication does not exist yet: loopback is the only proof of being an admin.
// Bodies are never logged: secrets go through these endpoints.
#pragma once

#include <optional>
#include <string>

#include "api_server/router.h"
#include "core/resource_type.h"
#include "http/http_server.h"
#include "manager/resource_manager.h"

namespace meshplane {

struct ResourceEndpointsOptions {
  bool read_only = false;        // PUT and DELETE answer 405
  std::string mode = "zone";     // "zone" or "global": label rules and the read-only message
  std::string zone = "default";  // this control plane's zone name
};

class ResourceEndpoints {
 public:
  ResourceEndpoints(ResourceManager& manager, const ResourceTypeDescriptor& type,
                    ResourceEndpointsOptions options);

  // Adds this kind's routes; the object must outlive the router.
  void Register(Router& router);

  HttpServerResponse Get(const RouteRequest& request);
  HttpServerResponse List(const RouteRequest& request);
  HttpServerResponse Put(const RouteRequest& request);
  HttpServerResponse Delete(const RouteRequest& request);

 private:
  // Resolves the `{mesh}` of the URL (empty for global kinds and cross-mesh lists). Returns the
  // error response when that mesh does not exist.
  std::optional<HttpServerResponse> ResolveMesh(const RouteRequest& request, std::string* mesh);
  // The 403 response when the kind is admin-only and the client is not local.
  std::optional<HttpServerResponse> CheckAccess(const RouteRequest& request) const;
  HttpServerResponse ReadOnlyResponse() const;
  HttpServerResponse ConflictResponse(const std::string& name, const std::string& mesh) const;

  ResourceManager& manager_;
  const ResourceTypeDescriptor& type_;
  ResourceEndpointsOptions options_;
};

// The 403 detail for a remote client touching an admin-only kind: Kuma's access-denied message
// followed by the reason and the remedy.
std::string AdminOnlyAccessMessage(const ResourceTypeDescriptor& type);

// The 405 message of a read-only API for the control plane `mode` (Kuma's readOnlyMessage()).
std::string ReadOnlyMessage(const std::string& mode);

}  // namespace meshplane
