// A small synchronous HTTP/1.1 client (Boost.Beast) used by the CLI and the tests.
// One connection per client object, kept alive across requests and reopened when the server
// closes it.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "core/error.h"

namespace meshplane {

struct HttpResponse {
  int status = 0;
  // Header names lower-cased; repeated headers joined with ", ".
  std::map<std::string, std::string> headers;
  std::string body;
};

struct HttpClientOptions {
  std::chrono::milliseconds timeout{10000};
};

class HttpClient {
 public:
  // `base_url`: "http://host:port" with an optional base path, e.g. "http://localhost:5681".
  explicit HttpClient(std::string base_url, HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // `target` is the path and query, e.g. "/meshes?size=2". Fails with kUnavailable when the
  // server cannot be reached, naming the URL.
  Result<HttpResponse> Request(const std::string& method, const std::string& target,
                               const std::string& body = "",
                               const std::map<std::string, std::string>& headers = {});
  Result<HttpResponse> Get(const std::string& target) { return Request("GET", target); }
  Result<HttpResponse> Put(const std::string& target, const std::string& json_body) {
    return Request("PUT", target, json_body, {{"Content-Type", "application/json"}});
  }
  Result<HttpResponse> Delete(const std::string& target) { return Request("DELETE", target); }

  const std::string& base_url() const { return base_url_; }

 private:
  struct Connection;
  std::string base_url_;
  HttpClientOptions options_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace meshplane
