#include "api_server/resource_endpoints.h"

#include <vector>

#include "api_server/dataplane_filters.h"
#include "api_server/list_params.h"
#include "api_server/preconditions.h"
#include "api_server/request_validation.h"
#include "api_server/rest_error.h"
#include "core/json_proto.h"
#include "core/resource_codec.h"

namespace meshplane {

namespace {

constexpr const char* kTitleGet = "Could not retrieve a resource";
constexpr const char* kTitleList = "Could not retrieve resources";
constexpr const char* kTitleMesh = "Failed to retrieve Mesh";
constexpr const char* kTitleProcess = "Could not process a resource";
constexpr const char* kTitleFind = "Failed to find a resource";
constexpr const char* kTitleCreate = "Failed to create a resource";
constexpr const char* kTitleUpdateLabels = "Could not update a resource";
constexpr const char* kTitleUpdate = "Failed to update a resource";
constexpr const char* kTitleDelete = "Could not delete a resource";

// A header-safe quoted string: `unknown field "a.b"` becomes `"unknown field \"a.b\""`.
std::string QuotedString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
    }
    // Header values cannot carry line breaks.
    out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  }
  out.push_back('"');
  return out;
}

// Parses a PUT body; the error is Kuma's InvalidResourceError (400 "Bad Request").
Result<Json> ParseBody(const std::string& body, const std::string& type_name) {
  auto invalid = [&](const std::string& reason) {
    return Status::BadRequest("invalid " + type_name + " object: " + GoQuote(reason));
  };
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid("unexpected end of JSON input");
  }
  Json doc;
  try {
    doc = Json::parse(body);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (size_t close = what.find("] ");
        what.rfind("[json.exception.", 0) == 0 && close != std::string::npos) {
      what = what.substr(close + 2);
    }
    return invalid(what);
  }
  if (Status st = CheckJsonNesting(doc); !st.ok()) {
    return invalid(st.message());
  }
  return doc;
}

}  // namespace

std::string AdminOnlyAccessMessage(const ResourceTypeDescriptor& type) {
  // Kuma's AccessDeniedError for the anonymous user, then why and what to do about it.
  return "user \"mesh-system:anonymous/mesh-system:unauthenticated\" cannot access the resource "
         "of type " +
         GoQuote(type.name) + ": " + type.plural_display +
         " are served only to clients on the control plane's host (loopback) because API "
         "authentication is not configured; send the request from that host, e.g. through an "
         "SSH tunnel to the API port";
}

std::string ReadOnlyMessage(const std::string& mode) {
  if (mode == "global") {
    return "On global control plane you can not modify dataplane resources with 'kumactl apply' "
           "or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify them on "
           "the zone control plane.\n";
  }
  if (mode == "zone") {
    return "On zone control plane you can only modify zone resources with 'kumactl apply' or via "
           "the HTTP API. You can still use 'kumactl' or the HTTP API to modify the rest of the "
           "resource on the global control plane.\n";
  }
  return "On Kubernetes you cannot change the state of Kuma resources with 'kumactl apply' or via "
         "the HTTP API. As a best practice, you should always be using 'kubectl apply' instead. "
         "You can still use 'kumactl' or the HTTP API to make read-only operations. On Universal "
         "this limitation does not apply.\n";
}

ResourceEndpoints::ResourceEndpoints(ResourceManager& manager, const ResourceTypeDescriptor& type,
                                     ResourceEndpointsOptions options)
    : manager_(manager), type_(type), options_(std::move(options)) {}

void ResourceEndpoints::Register(Router& router) {
  auto bind = [this](HttpServerResponse (ResourceEndpoints::*fn)(const RouteRequest&)) {
    return [this, fn](const RouteRequest& r) { return (this->*fn)(r); };
  };
  std::vector<std::string> paths = {type_.plural_path};
  paths.insert(paths.end(), type_.alternative_paths.begin(), type_.alternative_paths.end());
  for (const std::string& plural : paths) {
    if (type_.IsMeshScoped()) {
      const std::string prefix = "/meshes/{mesh}/" + plural;
      router.Add("GET", prefix, bind(&ResourceEndpoints::List));
      router.Add("GET", prefix + "/{name}", bind(&ResourceEndpoints::Get));
      router.Add("PUT", prefix + "/{name}", bind(&ResourceEndpoints::Put));
      router.Add("DELETE", prefix + "/{name}", bind(&ResourceEndpoints::Delete));
      router.Add("GET", "/" + plural, bind(&ResourceEndpoints::List));  // across meshes
    } else {
      const std::string prefix = "/" + plural;
      router.Add("GET", prefix, bind(&ResourceEndpoints::List));
      router.Add("GET", prefix + "/{name}", bind(&ResourceEndpoints::Get));
      router.Add("PUT", prefix + "/{name}", bind(&ResourceEndpoints::Put));
      router.Add("DELETE", prefix + "/{name}", bind(&ResourceEndpoints::Delete));
    }
  }
}

std::optional<HttpServerResponse> ResourceEndpoints::CheckAccess(
    const RouteRequest& request) const {
  if (!type_.admin_only || request.http.from_loopback) {
    return std::nullopt;
  }
  return ErrorResponse(Status::AccessDenied(AdminOnlyAccessMessage(type_)), "Access Denied");
}

std::optional<HttpServerResponse> ResourceEndpoints::ResolveMesh(const RouteRequest& request,
                                                                 std::string* mesh) {
  mesh->clear();
  if (!type_.IsMeshScoped() || request.params.count("mesh") == 0) {
    return std::nullopt;
  }
  *mesh = request.Param("mesh");
  const ResourceTypeDescriptor* mesh_type = manager_.registry().FindByName("Mesh");
  if (mesh_type == nullptr) {
    return ErrorResponse(Status::Internal("the Mesh kind is not registered"), kTitleMesh);
  }
  auto found = manager_.Get(*mesh_type, ResourceKey{"", *mesh});
  if (!found.ok()) {
    return ErrorResponse(found.status(), kTitleMesh);
  }
  return std::nullopt;
}

HttpServerResponse ResourceEndpoints::ReadOnlyResponse() const {
  RestError e;
  e.status = 405;
  e.title = "Method not allowed";
  e.detail = ReadOnlyMessage(options_.mode);
  return ErrorResponse(e);
}

HttpServerResponse ResourceEndpoints::ConflictResponse(const std::string& name,
                                                       const std::string& mesh) const {
  return ErrorResponse(Status::ResourceConflict(type_.name, mesh, name), "Conflict");
}

HttpServerResponse ResourceEndpoints::Get(const RouteRequest& request) {
  if (auto denied = CheckAccess(request)) {
    return *denied;
  }
  std::string mesh;
  if (auto err = ResolveMesh(request, &mesh)) {
    return *err;
  }
  const std::string name = request.Param("name");
  auto found = manager_.Get(type_, ResourceKey{mesh, name});
  if (!found.ok()) {
    return ErrorResponse(found.status(), kTitleGet);
  }
  Json body;
  const std::string format = request.query.Get("format");
  if (format.empty() || format == "universal") {
    body = EncodeUniversal(*found);
  } else if (format == "k8s" || format == "kubernetes") {
    body = EncodeKubernetes(*found);
  } else {
    ValidationError err;
    err.AddViolation("", "\"format\" must be one of [\"k8s\", \"kubernetes\", \"universal\"]");
    return ErrorResponse(Status::Invalid(std::move(err)), kTitleGet);
  }
  HttpServerResponse response = JsonResponse(200, body);
  response.AddHeader("ETag", ETagOf(found->meta().version));
  return response;
}

HttpServerResponse ResourceEndpoints::List(const RouteRequest& request) {
  if (auto denied = CheckAccess(request)) {
    return *denied;
  }
  int64_t size = 0;
  if (Status st = ParsePageSize(request.query, &size); !st.ok()) {
    return ErrorResponse(st, kTitleList);
  }
  ListOptions opts;
  if (Status st = ParseLabelFilters(request.query, request.pattern, &opts.label_equals); !st.ok()) {
    return ErrorResponse(st, kTitleList);
  }
  // Kind-specific filters (Kuma offers them for dataplanes only).
  if (type_.name == "Dataplane") {
    if (Status st = ParseDataplaneFilters(request.query, request.pattern, &opts.predicate);
        !st.ok()) {
      return ErrorResponse(st, kTitleList);
    }
  }
  if (auto err = ResolveMesh(request, &opts.mesh)) {
    return *err;
  }
  int64_t offset = 0;
  if (Status st = ParseOffset(request.query, &offset); !st.ok()) {
    return ErrorResponse(st, kTitleList);
  }
  opts.name_contains = request.query.Get("name");
  opts.page_size = size;
  opts.offset = offset;
  auto list = manager_.List(type_, opts);
  if (!list.ok()) {
    return ErrorResponse(list.status(), kTitleList);
  }
  Json items = Json::array();
  for (const Resource& r : list->items) {
    items.push_back(EncodeUniversal(r));
  }
  Json body = Json::object();
  body["total"] = list->total;
  body["items"] = std::move(items);
  if (offset + size < list->total) {
    body["next"] = NextPageLink(request, offset + size);
  } else {
    body["next"] = nullptr;
  }
  return JsonResponse(200, body);
}

HttpServerResponse ResourceEndpoints::Put(const RouteRequest& request) {
  if (auto denied = CheckAccess(request)) {
    return *denied;
  }
  if (options_.read_only || type_.read_only) {
    return ReadOnlyResponse();
  }
  std::string mesh;
  if (auto err = ResolveMesh(request, &mesh)) {
    return *err;
  }
  const std::string name = request.Param("name");

  auto doc = ParseBody(request.http.body, type_.name);
  if (!doc.ok()) {
    return ErrorResponse(doc.status(), kTitleProcess);
  }
  auto decoded = DecodeUniversal(*doc, type_);
  if (!decoded.ok()) {
    const Status& st = decoded.status();
    Status wrapped =
        st.code() == ErrorCode::kBadRequest
            ? Status::BadRequest("invalid " + type_.name + " object: " + GoQuote(st.message()))
            : st;
    return ErrorResponse(wrapped, kTitleProcess);
  }
  Resource& resource = decoded->resource;
  // REST validates the spec before defaulting (the manager defaults and validates again).
  if (type_.validate) {
    ValidationError spec_err = type_.validate(resource);
    if (spec_err.HasViolations()) {
      return ErrorResponse(Status::Invalid(std::move(spec_err)), kTitleProcess);
    }
  }

  auto existing = manager_.Get(type_, ResourceKey{mesh, name});
  if (!existing.ok() && !existing.status().IsNotFound()) {
    return ErrorResponse(existing.status(), kTitleFind);
  }
  const bool create = !existing.ok();

  PutRequestContext ctx{type_, name, mesh, "", options_.mode, options_.zone};
  if (auto t = doc->find("type"); t != doc->end() && t->is_string()) {
    ctx.body_type = t->get<std::string>();
  }
  ValidationError request_err = ValidatePutRequest(ctx, resource.meta());
  if (request_err.HasViolations()) {
    return ErrorResponse(Status::Invalid(std::move(request_err)), kTitleProcess);
  }

  auto if_match = ParseIfMatch(request.http);
  if (!if_match.ok()) {
    return ErrorResponse(if_match.status(), kTitleProcess);
  }
  if (!if_match->Matches(create ? 0 : existing->meta().version)) {
    return ConflictResponse(name, mesh);
  }

  resource.meta().name = name;
  resource.meta().mesh = mesh;
  int status_code = 0;
  if (create) {
    resource.meta().version = 0;
    if (Status st = manager_.Create(resource); !st.ok()) {
      // Created by someone else since our read.
      return st.IsConflict() ? ConflictResponse(name, mesh) : ErrorResponse(st, kTitleCreate);
    }
    status_code = 201;
  } else {
    // Immutable labels are compared after the labels the control plane computes, as Kuma does.
    Labels next_labels = resource.meta().labels;
    if (type_.computed_labels) {
      type_.computed_labels(next_labels, mesh, options_.zone);
    }
    ValidationError label_err = ValidateImmutableLabels(existing->meta().labels, next_labels);
    if (label_err.HasViolations()) {
      return ErrorResponse(Status::Invalid(std::move(label_err)), kTitleUpdateLabels);
    }
    // The version read above: a write that happened since then is a conflict, not lost.
    resource.meta().version = existing->meta().version;
    resource.meta().creation_time = existing->meta().creation_time;
    if (Status st = manager_.Update(resource); !st.ok()) {
      return st.IsConflict() ? ConflictResponse(name, mesh) : ErrorResponse(st, kTitleUpdate);
    }
    status_code = 200;
  }

  Json body = Json::object();
  if (type_.deprecations) {
    std::vector<std::string> warnings = type_.deprecations(resource);
    if (!warnings.empty()) {
      body["warnings"] = warnings;
    }
  }
  HttpServerResponse response = JsonResponse(status_code, body);
  response.AddHeader("ETag", ETagOf(resource.meta().version));
  for (const std::string& w : decoded->warnings) {
    response.AddHeader("Warning", "299 - " + QuotedString(w));
  }
  return response;
}

HttpServerResponse ResourceEndpoints::Delete(const RouteRequest& request) {
  if (auto denied = CheckAccess(request)) {
    return *denied;
  }
  if (options_.read_only || type_.read_only) {
    return ReadOnlyResponse();
  }
  std::string mesh;
  if (auto err = ResolveMesh(request, &mesh)) {
    return *err;
  }
  const std::string name = request.Param("name");
  auto existing = manager_.Get(type_, ResourceKey{mesh, name});
  if (!existing.ok()) {
    return ErrorResponse(existing.status(), kTitleDelete);
  }
  auto if_match = ParseIfMatch(request.http);
  if (!if_match.ok()) {
    return ErrorResponse(if_match.status(), kTitleDelete);
  }
  if (!if_match->Matches(existing->meta().version)) {
    return ConflictResponse(name, mesh);
  }
  // The version read above: a write since then is a conflict, not silently deleted.
  if (Status st = manager_.Delete(type_, ResourceKey{mesh, name}, existing->meta().version);
      !st.ok()) {
    return st.IsConflict() ? ConflictResponse(name, mesh) : ErrorResponse(st, kTitleDelete);
  }
  return JsonResponse(200, Json::object());
}

}  // namespace meshplane
