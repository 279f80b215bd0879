// The list filters Kuma's REST API offers for dataplanes (pkg/api-server/filters.go):
//  - `tag=<key>:<value>` (repeatable; split at the first ':'; a parameter without ':' is
//    ignored; the last value of a key wins): a dataplane matches when one inbound's tags, or
//    its gateway's tags, have every key with a value that CONTAINS the given value (or the
//    value is "*");
//  - `gateway=true|false|builtin|delegated` (case-insensitive): only gateways, only
//    non-gateways, or gateways of that type. Other values are a violation at
//    `<route pattern>.gateway`.
// Filters apply before paging, so `total` counts matching dataplanes.
#pragma once

#include <functional>
#include <string>

#include "core/error.h"
#include "core/resource.h"
#include "http/query_string.h"

namespace meshplane {

// Sets `*predicate` to the filter of `query`, or leaves it empty when the query has none.
Status ParseDataplaneFilters(const QueryParams& query, const std::string& route_pattern,
                             std::function<bool(const Resource&)>* predicate);

}  // namespace meshplane
