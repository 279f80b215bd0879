#include "api_server/preconditions.h"

#include <algorithm>

#include "core/validation.h"

namespace meshplane {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) {
    return "";
  }
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool ParseVersion(std::string tag, int64_t* out) {
  if (tag.rfind("W/", 0) == 0) {
    tag = tag.substr(2);
  }
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
    tag = tag.substr(1, tag.size() - 2);
  }
  if (tag.empty() || tag.size() > 18 ||
      !std::all_of(tag.begin(), tag.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  *out = std::stoll(tag);
  return true;
}

}  // namespace

bool IfMatch::Matches(int64_t version) const {
  if (!present) {
    return true;
  }
  if (version == 0) {
    return false;
  }
  return any || std::find(versions.begin(), versions.end(), version) != versions.end();
}

Result<IfMatch> ParseIfMatch(const HttpServerRequest& request) {
  IfMatch out;
  const std::string* header = request.Header("if-match");
  if (header == nullptr) {
    return out;
  }
  out.present = true;
  std::string value = Trim(*header);
  if (value == "*") {
    out.any = true;
    return out;
  }
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string::npos) {
      comma = value.size();
    }
    std::string tag = Trim(value.substr(start, comma - start));
    int64_t version = 0;
    if (!ParseVersion(tag, &version)) {
      return Status::BadRequest("invalid If-Match header " + GoQuote(*header) +
                                ": expected * or entity tags such as \"3\"");
    }
    out.versions.push_back(version);
    start = comma + 1;
  }
  return out;
}

std::string ETagOf(int64_t version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace meshplane
