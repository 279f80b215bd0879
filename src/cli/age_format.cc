#include "cli/age_format.h"

#include <cstdint>
#include <limits>

namespace meshplane {

std::string FormatAge(std::chrono::nanoseconds elapsed) {
  // Go converts a Duration to float64 seconds/minutes/hours and then truncates with int().
  const double ns = static_cast<double>(elapsed.count());
  const int64_t seconds = static_cast<int64_t>(ns / 1e9);
  if (seconds < -1) {
    return "never";
  }
  if (seconds < 0) {
    return "0s";
  }
  if (seconds < 60) {
    return std::to_string(seconds) + "s";
  }
  const int64_t minutes = static_cast<int64_t>(ns / 60e9);
  if (minutes < 60) {
    return std::to_string(minutes) + "m";
  }
  const int64_t hours = static_cast<int64_t>(ns / 3600e9);
  if (hours < 24) {
    return std::to_string(hours) + "h";
  }
  if (hours < 24 * 365) {
    return std::to_string(hours / 24) + "d";
  }
  return std::to_string(static_cast<int64_t>(ns / 3600e9 / 24 / 365)) + "y";
}

std::string TimeSince(Timestamp then, Timestamp now) {
  // Go's Time.Sub saturates instead of overflowing; do the same so that a zero time reads as
  // "292y" rather than wrapping around.
  const int64_t a = now.time_since_epoch().count();
  const int64_t b = then.time_since_epoch().count();
  int64_t diff = 0;
  if (__builtin_sub_overflow(a, b, &diff)) {
    diff = a > b ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  return FormatAge(std::chrono::nanoseconds(diff));
}

}  // namespace meshplane
