#include "api_server/router.h"

namespace meshplane {

namespace {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) {
      slash = path.size();
    }
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  // "/a/b" splits into "", "a", "b": drop the leading empty segment, and one trailing empty
  // segment ("/a/b/" is "/a/b").
  if (!out.empty() && out.front().empty()) {
    out.erase(out.begin());
  }
  if (!out.empty() && out.back().empty()) {
    out.pop_back();
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::string RouteRequest::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

void Router::Add(const std::string& method, const std::string& pattern, RouteHandler handler) {
  for (auto& r : routes_) {
    if (r.pattern == pattern) {
      r.handlers[method] = std::move(handler);
      return;
    }
  }
  Route r;
  r.pattern = pattern;
  r.segments = SplitPath(pattern);
  for (const auto& s : r.segments) {
    if (!IsParam(s)) {
      r.literal_chars += s.size();
    }
  }
  r.handlers[method] = std::move(handler);
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(const std::string& method, const std::string& raw_path) const {
  Match m;
  std::vector<std::string> segments;
  for (const auto& raw : SplitPath(raw_path)) {
    std::string decoded;
    if (raw.empty() || !PercentDecode(raw, false, &decoded)) {
      return m;  // "//" or a malformed escape: no route
    }
    segments.push_back(std::move(decoded));
  }
  const Route* best = nullptr;
  for (const auto& r : routes_) {
    if (r.segments.size() != segments.size()) {
      continue;
    }
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      ok = IsParam(r.segments[i]) || r.segments[i] == segments[i];
    }
    if (ok && (best == nullptr || r.literal_chars > best->literal_chars)) {
      best = &r;
    }
  }
  if (best == nullptr) {
    return m;
  }
  m.pattern = best->pattern;
  auto it = best->handlers.find(method);
  if (it == best->handlers.end()) {
    m.kind = Match::Kind::kMethodNotAllowed;
    for (const auto& [allowed, h] : best->handlers) {
      m.allowed_methods.push_back(allowed);
    }
    return m;
  }
  m.kind = Match::Kind::kFound;
  m.handler = &it->second;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (IsParam(best->segments[i])) {
      const std::string& s = best->segments[i];
      m.params[s.substr(1, s.size() - 2)] = segments[i];
    }
  }
  return m;
}

}  // namespace meshplane
