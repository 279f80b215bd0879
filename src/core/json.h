// The JSON value type used across meshplane. Object keys keep insertion order, so output
// follows proto declaration order and Kuma's meta order.
#pragma once

#include <nlohmann/json.hpp>

namespace meshplane {
using Json = nlohmann::ordered_json;
}  // namespace meshplane
