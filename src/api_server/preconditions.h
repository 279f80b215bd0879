// Optimistic concurrency over HTTP: resource versions as entity tags (`ETag: "<version>"`) and
// the `If-Match` request header (RFC 9110 §13.1.1), which PUT and DELETE honour.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/http_server.h"

namespace meshplane {

struct IfMatch {
  bool present = false;
  bool any = false;               // `If-Match: *`: the resource must exist
  std::vector<int64_t> versions;  // the listed entity tags

  // True when a resource stored at `version` satisfies the header (0: does not exist).
  bool Matches(int64_t version) const;
  // The version a write must expect: the single listed one, or 0 (any).
  int64_t ExpectedVersion() const { return versions.size() == 1 ? versions[0] : 0; }
};

// Parses `If-Match`: `*`, or a comma-separated list of `"<version>"` (weak `W/` tags and bare
// numbers accepted). kBadRequest when malformed.
Result<IfMatch> ParseIfMatch(const HttpServerRequest& request);

std::string ETagOf(int64_t version);

}  // namespace meshplane
