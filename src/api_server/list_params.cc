#include "api_server/list_params.h"

#include <limits>
#include <set>

#include "core/validation.h"

namespace meshplane {

bool GoAtoi(const std::string& s, int64_t* out, std::string* error) {
  const std::string prefix = "strconv.Atoi: parsing " + GoQuote(s) + ": ";
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  if (i == s.size()) {
    *error = prefix + "invalid syntax";
    return false;
  }
  // Accumulate as a negative number so that INT64_MIN is representable.
  int64_t v = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c < '0' || c > '9') {
      *error = prefix + "invalid syntax";
      return false;
    }
    int d = c - '0';
    if (v < (std::numeric_limits<int64_t>::min() + d) / 10) {
      overflow = true;
    } else {
      v = v * 10 - d;
    }
  }
  if (overflow || (!neg && v == std::numeric_limits<int64_t>::min())) {
    *error = prefix + "value out of range";
    return false;
  }
  *out = neg ? v : -v;
  return true;
}

Status ParsePageSize(const QueryParams& query, int64_t* size) {
  *size = kDefaultPageSize;
  std::string raw = query.Get("size");
  if (raw.empty()) {
    return Status::Ok();
  }
  int64_t v = 0;
  std::string error;
  if (!GoAtoi(raw, &v, &error)) {
    return Status::InvalidPageSize("invalid format");
  }
  if (v <= 0) {
    return Status::InvalidPageSize("must be greater than 0");
  }
  if (v > kMaxPageSize) {
    return Status::InvalidPageSize("invalid page size of " + std::to_string(v) +
                                   ". Maximum page size is " + std::to_string(kMaxPageSize));
  }
  *size = v;
  return Status::Ok();
}

Status ParseOffset(const QueryParams& query, int64_t* offset) {
  *offset = 0;
  std::string raw = query.Get("offset");
  if (raw.empty()) {
    return Status::Ok();
  }
  int64_t v = 0;
  std::string error;
  if (!GoAtoi(raw, &v, &error)) {
    return Status::InvalidArgument("invalid offset: " + error);
  }
  if (v < 0) {
    return Status::InvalidArgument("invalid offset: must be non-negative");
  }
  *offset = v;
  return Status::Ok();
}

Status ParseLabelFilters(const QueryParams& query, const std::string& route_pattern, Labels* out) {
  static const std::string kFilter = "filter[";
  static const std::string kLabels = "filter[labels.";
  std::set<std::string> keys;
  for (const auto& [k, v] : query.entries()) {
    if (k.rfind(kFilter, 0) == 0) {
      keys.insert(k);
    }
  }
  ValidationError err;
  PathBuilder root = PathBuilder::RootedAt(route_pattern);
  for (const auto& k : keys) {
    if (k.rfind(kLabels, 0) != 0) {
      err.AddViolationAt(root.Field(k), "filters are only supported on labels");
      continue;
    }
    size_t closing = k.find(']');
    if (closing == std::string::npos || closing != k.size() - 1) {
      err.AddViolationAt(root.Field(k), "advanced filters are not supported");
      continue;
    }
    (*out)[k.substr(kLabels.size(), closing - kLabels.size())] = query.GetLast(k);
  }
  if (err.HasViolations()) {
    return Status::Invalid(std::move(err));
  }
  return Status::Ok();
}

std::string NextPageLink(const RouteRequest& request, int64_t next_offset) {
  QueryParams query = QueryParams::Parse(request.http.query);
  query.Set("offset", std::to_string(next_offset));
  const std::string* host = request.http.Header("host");
  return "http://" + (host != nullptr ? *host : std::string("localhost")) + request.http.path +
         "?" + query.Encode();
}

}  // namespace meshplane
