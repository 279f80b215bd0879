// An asynchronous HTTP/1.1 server (Boost.Beast) shared by the REST API and the diagnostics
// endpoints. What it guarantees:
//  - Requests on one keep-alive connection are answered in order. The handler runs on one of
//    the server's io threads, so several connections are served in parallel.
//  - A body larger than `max_body_bytes` is answered with 413 and the connection is closed;
//    a request that is not valid HTTP/1.x gets 400 (431 for oversized headers).
//  - A connection that does not deliver its header within `header_timeout` (the first request)
//    or `idle_timeout` (later keep-alive requests), or its body within `body_timeout`, is closed.
//  - Shutdown(grace) stops accepting, lets every request already being read or handled finish
//    and sends its response (with `Connection: close`), closes idle keep-alive connections and
//    joins the io threads. Connections still busy when `grace` runs out are cut (a handler
//    cannot be interrupted: Shutdown returns once the running handlers have returned, and
//    their responses are dropped).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace meshplane {

struct HttpServerRequest {
  std::string method;  // e.g. "GET"
  std::string target;  // path and query as received
  std::string path;    // the target before '?', still percent-encoded
  std::string query;   // the target after '?', without it
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;  // peer IP address
  bool from_loopback = false;  // the peer is 127.0.0.0/8 or ::1

  // The first value of header `name` (lower-case), or nullptr.
  const std::string* Header(std::string_view name) const;
};

struct HttpServerResponse {
  int status = 200;
  // Repeated names are sent as repeated header lines (e.g. one `Warning` per warning).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  static HttpServerResponse Text(int status, std::string body,
                                 std::string content_type = "text/plain; charset=utf-8");
};

using HttpHandler = std::function<HttpServerResponse(const HttpServerRequest&)>;

// Builds the response for errors the server answers by itself (400, 413, 431, 500):
// `status` and a human-readable `detail`.
using HttpErrorFormatter = std::function<HttpServerResponse(int status, const std::string& detail)>;

struct HttpServerOptions {
  std::string name = "http";  // names the server in logs
  std::string address = "0.0.0.0";
  uint16_t port = 0;  // 0: an ephemeral port, see HttpServer::port()
  int threads = 2;
  size_t max_body_bytes = 4 * 1024 * 1024;
  uint32_t max_header_bytes = 64 * 1024;
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds idle_timeout{90000};
  std::chrono::milliseconds body_timeout{60000};
  std::chrono::milliseconds write_timeout{60000};
  // Default: a plain-text "<status> <reason>: <detail>" body.
  HttpErrorFormatter error_formatter;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler handler);
  // Shuts down without grace if still running.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts the io threads. Fails with kUnavailable when the address cannot be bound.
  Status Start();
  // The bound port (the ephemeral one when the options asked for 0); 0 before Start().
  uint16_t port() const;
  // See the header comment. Safe to call more than once and from any thread but the io threads.
  void Shutdown(std::chrono::milliseconds grace);

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace meshplane
