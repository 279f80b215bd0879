#include "diagnostics/diagnostics_server.h"

#include "http/http_server.h"

namespace meshplane {

namespace {

constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4";

}  // namespace

DiagnosticsServer::DiagnosticsServer(MetricsRegistry& metrics, std::function<bool()> ready,
                                     DiagnosticsOptions options) {
  HttpServerOptions http;
  http.name = "diagnostics";
  http.address = options.address;
  http.port = options.port;
  http.threads = 1;
  http.max_body_bytes = 64 * 1024;
  auto handler = [&metrics, ready = std::move(ready)](const HttpServerRequest& r) {
    if (r.method != "GET" && r.method != "HEAD") {
      HttpServerResponse res = HttpServerResponse::Text(405, "405 method not allowed\n");
      res.AddHeader("Allow", "GET, HEAD");
      return res;
    }
    if (r.path == "/healthy") {
      return HttpServerResponse::Text(200, "OK");
    }
    if (r.path == "/ready") {
      return ready && ready() ? HttpServerResponse::Text(200, "OK")
                              : HttpServerResponse::Text(503, "not ready");
    }
    if (r.path == "/metrics") {
      return HttpServerResponse::Text(200, metrics.Render(), kPrometheusContentType);
    }
    return HttpServerResponse::Text(404, "404 page not found\n");
  };
  server_ = std::make_unique<HttpServer>(std::move(http), std::move(handler));
}

DiagnosticsServer::~DiagnosticsServer() { server_->Shutdown(std::chrono::milliseconds(0)); }

Status DiagnosticsServer::Start() { return server_->Start(); }

uint16_t DiagnosticsServer::port() const { return server_->port(); }

void DiagnosticsServer::Shutdown(std::chrono::milliseconds grace) { server_->Shutdown(grace); }

}  // namespace meshplane
