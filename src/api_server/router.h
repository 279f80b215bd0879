// Maps method + path to a handler, with path templates such as `/meshes/{mesh}/{name}`.
// Matching follows go-restful (Kuma's router) where clients can notice it: the template with
// the most literal characters wins among those matching the path, and a path that matches a
// template but not its methods is a 405 listing the allowed methods.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/http_server.h"
#include "http/query_string.h"

namespace meshplane {

// A request as a route handler sees it.
struct RouteRequest {
  const HttpServerRequest& http;
  std::string pattern;                        // the matched template, e.g. "/meshes/{name}"
  std::map<std::string, std::string> params;  // decoded path parameters
  QueryParams query;

  // The path parameter `name`, or empty.
  std::string Param(const std::string& name) const;
};

using RouteHandler = std::function<HttpServerResponse(const RouteRequest&)>;

class Router {
 public:
  // `pattern` segments are literals or `{param}`.
  void Add(const std::string& method, const std::string& pattern, RouteHandler handler);

  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    std::string pattern;
    const RouteHandler* handler = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed_methods;  // for kMethodNotAllowed, sorted
  };

  // `raw_path` is percent-encoded; each segment is decoded after splitting, so an encoded
  // `/` stays inside its segment.
  Match Find(const std::string& method, const std::string& raw_path) const;

 private:
  struct Route {
    std::string pattern;
    std::vector<std::string> segments;
    size_t literal_chars = 0;
    std::map<std::string, RouteHandler> handlers;  // by method
  };
  std::vector<Route> routes_;
};

}  // namespace meshplane
