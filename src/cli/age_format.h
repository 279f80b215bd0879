// Resource ages as kumactl prints them in the AGE column (app/kumactl/pkg/output/table/cells.go):
// whole seconds, minutes, hours, days or years, truncated toward zero; `0s` for a slightly
// negative age (clock skew) and `never` below -1s.
#pragma once

#include <chrono>
#include <string>

#include "core/resource.h"

namespace meshplane {

// Formats an elapsed duration. Durations saturate at Go's ±292 years, as kumactl's do.
std::string FormatAge(std::chrono::nanoseconds elapsed);

// The age of something last modified at `then`, seen at `now`.
std::string TimeSince(Timestamp then, Timestamp now);

}  // namespace meshplane
