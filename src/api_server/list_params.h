// Query parameters of list endpoints, parsed and rejected with Kuma's messages
// (pkg/api-server/pagination.go, filters/filtering.go): `size`, `offset`, `name`,
// `filter[labels.<key>]=<value>`, and the absolute `next` link of a page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api_server/router.h"
#include "core/error.h"
#include "core/resource.h"

namespace meshplane {

inline constexpr int64_t kDefaultPageSize = 100;
inline constexpr int64_t kMaxPageSize = 1000;

// `size`: default 100, at most 1000; kInvalidPageSize otherwise.
Status ParsePageSize(const QueryParams& query, int64_t* size);

// `offset`: a non-negative decimal index, 0 when absent; kInvalidArgument otherwise.
Status ParseOffset(const QueryParams& query, int64_t* offset);

// `filter[labels.<key>]=<value>` parameters (the last value of a key wins). Other `filter[...]`
// parameters are violations at `<route pattern>.filter[...]`.
Status ParseLabelFilters(const QueryParams& query, const std::string& route_pattern, Labels* out);

// The URL of the page at `next_offset`: http://<Host><path>?<query with offset replaced, keys
// sorted>.
std::string NextPageLink(const RouteRequest& request, int64_t next_offset);

// Go's strconv.Atoi on a 64-bit platform; the error text is Go's.
bool GoAtoi(const std::string& s, int64_t* out, std::string* error);

}  // namespace meshplane
