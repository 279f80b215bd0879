#include "api_server/api_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "api_server/dataplane_certificate_endpoint.h"
#include "api_server/mtls_endpoints.h"
#include "api_server/resource_endpoints.h"
#include "api_server/rest_error.h"
#include "api_server/router.h"
#include "api_server/system_endpoints.h"
#include "http/http_server.h"

namespace meshplane {

namespace {

// go-restful answers routing failures in plain text.
HttpServerResponse RoutingError(int status, const std::string& text) {
  return HttpServerResponse::Text(status, text);
}

// The request declares a body that is not JSON (go-restful's Consumes check).
bool HasNonJsonBody(const HttpServerRequest& request) {
  if (request.body.empty()) {
    return false;
  }
  const std::string* content_type = request.Header("content-type");
  if (content_type == nullptr) {
    return true;
  }
  std::string media = content_type->substr(0, content_type->find(';'));
  media.erase(0, media.find_first_not_of(" \t"));
  media.erase(media.find_last_not_of(" \t") + 1);
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return media != "application/json" && media != "*/*";
}

std::string ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 413:
      return "Request Entity Too Large";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Internal Server Error";
  }
}

}  // namespace

ApiServer::ApiServer(ResourceManager& manager, MetricsRegistry& metrics, ApiServerOptions options)
    : options_(std::move(options)),
      router_(std::make_unique<Router>()),
      request_duration_(metrics.AddHistogram("api_server_http_request_duration_seconds",
                                             "The latency of the HTTP requests.",
                                             {"handler", "method", "code"})),
      requests_total_(metrics.AddCounter("api_server_http_requests_total",
                                         "The number of HTTP requests served.",
                                         {"handler", "method", "code"})),
      certificate_metrics_(metrics) {
  const ResourceTypeRegistry& registry = manager.registry();
  ResourceEndpointsOptions endpoint_options{options_.read_only, options_.mode, options_.zone};
  for (const ResourceTypeDescriptor* type : registry.All()) {
    auto endpoints = std::make_unique<ResourceEndpoints>(manager, *type, endpoint_options);
    endpoints->Register(*router_);
    endpoints_.push_back(std::move(endpoints));
  }
  RegisterMtlsEndpoints(*router_, manager);
  if (registry.FindByName("Dataplane") != nullptr) {
    RegisterDataplaneCertificateEndpoint(
        *router_, manager,
        DataplaneCertificateOptions{options_.workload_key_type, &certificate_metrics_});
  }
  RegisterSystemEndpoints(*router_, registry,
                          SystemEndpointsOptions{options_.instance_id, options_.cluster_id,
                                                 options_.config, options_.read_only});

  HttpServerOptions http;
  http.name = "api-server";
  http.address = options_.address;
  http.port = options_.port;
  http.threads = options_.threads;
  http.max_body_bytes = options_.max_body_bytes;
  http.error_formatter = [](int status, const std::string& detail) {
    RestError e;
    e.status = status;
    e.title = ReasonPhrase(status);
    e.detail = detail;
    return ErrorResponse(e);
  };
  server_ = std::make_unique<HttpServer>(
      std::move(http), [this](const HttpServerRequest& r) { return Dispatch(r); });
}

ApiServer::~ApiServer() { server_->Shutdown(std::chrono::milliseconds(0)); }

Status ApiServer::Start() { return server_->Start(); }

uint16_t ApiServer::port() const { return server_->port(); }

void ApiServer::Shutdown(std::chrono::milliseconds grace) { server_->Shutdown(grace); }

HttpServerResponse ApiServer::Dispatch(const HttpServerRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  Router::Match match = router_->Find(request.method, request.path);
  std::string handler_label = match.pattern.empty() ? "unmatched" : match.pattern;
  HttpServerResponse response;
  switch (match.kind) {
    case Router::Match::Kind::kNotFound:
      response = RoutingError(404, "404: Page Not Found");
      break;
    case Router::Match::Kind::kMethodNotAllowed: {
      response = RoutingError(405, "405: Method Not Allowed");
      std::string allow;
      for (const auto& m : match.allowed_methods) {
        allow += (allow.empty() ? "" : ", ") + m;
      }
      response.AddHeader("Allow", allow);
      break;
    }
    case Router::Match::Kind::kFound:
      if ((request.method == "PUT" || request.method == "POST") && HasNonJsonBody(request)) {
        response = RoutingError(415, "415: Unsupported Media Type");
        break;
      }
      response = (*match.handler)(
          RouteRequest{request, match.pattern, match.params, QueryParams::Parse(request.query)});
      break;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string code = std::to_string(response.status);
  request_duration_.WithLabels({handler_label, request.method, code}).Observe(seconds);
  requests_total_.WithLabels({handler_label, request.method, code}).Inc();
  // Never the body: secrets go through this API.
  spdlog::debug("api-server: {} {} from {} -> {} in {:.1f}ms", request.method, request.target,
                request.remote_address, response.status, seconds * 1000);
  return response;
}

}  // namespace meshplane
