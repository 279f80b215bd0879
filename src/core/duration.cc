#include "core/duration.h"

#include <cctype>
#include <limits>

namespace meshplane {

std::optional<std::chrono::milliseconds> ParseKumaDuration(std::string_view text) {
  using std::chrono::milliseconds;
  if (text == "0") {
    return milliseconds(0);
  }
  size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    ++i;
  }
  if (i == 0 || i == text.size()) {
    return std::nullopt;
  }
  std::string_view digits = text.substr(0, i);
  std::string_view unit = text.substr(i);
  int64_t unit_ms;
  if (unit == "ms") {
    unit_ms = 1;
  } else if (unit == "s") {
    unit_ms = 1000;
  } else if (unit == "m") {
    unit_ms = 60'000;
  } else if (unit == "h") {
    unit_ms = 3'600'000;
  } else if (unit == "d") {
    unit_ms = 86'400'000;
  } else if (unit == "w") {
    unit_ms = 7 * 86'400'000LL;
  } else if (unit == "y") {
    unit_ms = 365 * 86'400'000LL;
  } else {
    return std::nullopt;
  }
  int64_t value = 0;
  for (char c : digits) {
    int d = c - '0';
    if (value > (std::numeric_limits<int64_t>::max() - d) / 10) {
      return std::nullopt;  // overflow: Go's strconv.Atoi fails too
    }
    value = value * 10 + d;
  }
  if (value > std::numeric_limits<int64_t>::max() / unit_ms) {
    return std::nullopt;
  }
  return milliseconds(value * unit_ms);
}

}  // namespace meshplane
