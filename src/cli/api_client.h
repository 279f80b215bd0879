// The CLI's view of the REST API (Kuma's Universal API). Every failure carries the text kumactl
// shows for it:
//  - a Kuma error body ({"title", "detail", "invalid_parameters"}) becomes
//    `<title> (<detail>);<field>=<reason> ;<field>=<reason> ` (Kuma's types.Error.Error()),
//  - any other non-2xx answer `(<status>): <body>`,
//  - an unreachable server the transport's message, with code kUnavailable.
// The Status code follows the HTTP status (404 -> kNotFound, 405 -> kMethodNotAllowed, ...), so
// callers can tell "not found" apart from other failures.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/resource_type.h"
#include "http/http_client.h"

namespace meshplane {

struct PutOutcome {
  bool created = false;  // 201 Created; otherwise 200 (updated)
  // Deprecation and other warnings: the body's `warnings` and any `Warning` headers.
  std::vector<std::string> warnings;
};

struct ListPage {
  Json body;                // the REST list object {total, items, next}
  std::string next_offset;  // the `offset` of `next`; empty on the last page
};

class ApiClient {
 public:
  // Fails with a clear message for URLs the client cannot use (only http:// is supported).
  static Result<std::unique_ptr<ApiClient>> Create(const std::string& base_url);

  // GET / (product and version of the control plane).
  Result<Json> Index();
  Result<Json> Get(const ResourceTypeDescriptor& type, const std::string& mesh,
                   const std::string& name);
  // `size` 0 and an empty `offset` leave the server defaults. `filters` are further query
  // parameters, e.g. {"tag", "kuma.io/service:web"} for dataplanes.
  Result<ListPage> List(const ResourceTypeDescriptor& type, const std::string& mesh, int64_t size,
                        const std::string& offset,
                        const std::vector<std::pair<std::string, std::string>>& filters = {});
  Result<PutOutcome> Put(const ResourceTypeDescriptor& type, const std::string& mesh,
                         const std::string& name, const Json& body);
  Status Delete(const ResourceTypeDescriptor& type, const std::string& mesh,
                const std::string& name);
  // GET /meshes/<mesh>/mtls (meshplane's CA view, see api_server/mtls_endpoints.h).
  Result<Json> MeshMtls(const std::string& mesh);

  // `/meshes/<mesh>/<plural>/<name>` for mesh-scoped kinds, `/<plural>/<name>` otherwise.
  static std::string ItemPath(const ResourceTypeDescriptor& type, const std::string& mesh,
                              const std::string& name);
  static std::string ListPath(const ResourceTypeDescriptor& type, const std::string& mesh);

 private:
  explicit ApiClient(std::unique_ptr<HttpClient> http) : http_(std::move(http)) {}
  Result<HttpResponse> Send(const std::string& method, const std::string& target,
                            const std::string& body = "");

  std::unique_ptr<HttpClient> http_;
};

// The message kumactl prints for a failed response (see the file comment).
std::string ApiErrorText(int status, const std::string& body);

// The texts of an HTTP `Warning` header value (RFC 7234: `299 - "text"`, possibly several
// joined by ", "); a value in another shape is returned whole.
std::vector<std::string> ParseWarningHeader(const std::string& value);

// The `offset` query parameter of a `next` URL; empty when there is none.
std::string OffsetOfNextUrl(const std::string& next_url);

}  // namespace meshplane
