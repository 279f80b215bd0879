#include "core/go_duration.h"

#include <limits>
#include <string_view>

#include "core/validation.h"

namespace meshplane {

bool ParseGoDuration(const std::string& text, int64_t* out, std::string* error) {
  const std::string quoted = GoQuote(text);
  auto invalid = [&] {
    *error = "time: invalid duration " + quoted;
    return false;
  };
  std::string_view s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    *out = 0;
    return true;
  }
  if (s.empty()) {
    return invalid();
  }
  constexpr uint64_t kLimit = uint64_t{1} << 63;
  uint64_t total = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) {
      return invalid();
    }
    uint64_t whole = 0;
    size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (whole > (kLimit - 1) / 10) {
        return invalid();
      }
      whole = whole * 10 + (s[i] - '0');
      if (whole > kLimit - 1) {
        return invalid();
      }
    }
    bool pre = i > 0;
    s.remove_prefix(i);
    uint64_t frac = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool overflow = false;
      for (i = 0; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        if (overflow) {
          continue;
        }
        if (frac > (kLimit - 1) / 10) {
          overflow = true;
          continue;
        }
        uint64_t next = frac * 10 + (s[i] - '0');
        if (next > kLimit) {
          overflow = true;
          continue;
        }
        frac = next;
        scale *= 10;
      }
      post = i > 0;
      s.remove_prefix(i);
    }
    if (!pre && !post) {
      return invalid();
    }
    i = 0;
    while (i < s.size() && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9')) {
      ++i;
    }
    if (i == 0) {
      *error = "time: missing unit in duration " + quoted;
      return false;
    }
    std::string_view unit_name = s.substr(0, i);
    s.remove_prefix(i);
    uint64_t unit = 0;
    if (unit_name == "ns") {
      unit = 1;
    } else if (unit_name == "us" || unit_name == "\u00b5s" || unit_name == "\u03bcs") {
      unit = 1000;
    } else if (unit_name == "ms") {
      unit = 1000000;
    } else if (unit_name == "s") {
      unit = 1000000000;
    } else if (unit_name == "m") {
      unit = 60 * uint64_t{1000000000};
    } else if (unit_name == "h") {
      unit = 3600 * uint64_t{1000000000};
    } else {
      *error = "time: unknown unit " + GoQuote(unit_name) + " in duration " + quoted;
      return false;
    }
    if (whole > kLimit / unit) {
      return invalid();
    }
    whole *= unit;
    if (frac > 0) {
      whole +=
          static_cast<uint64_t>(static_cast<double>(frac) * (static_cast<double>(unit) / scale));
      if (whole > kLimit) {
        return invalid();
      }
    }
    total += whole;
    if (total > kLimit) {
      return invalid();
    }
  }
  if (neg) {
    *out = total == kLimit ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(total);
    return true;
  }
  if (total > kLimit - 1) {
    return invalid();
  }
  *out = static_cast<int64_t>(total);
  return true;
}

namespace {

// Writes `v` / 10^prec with trailing fractional zeros (and a lone dot) dropped, as Go does.
std::string FormatFraction(uint64_t v, int prec) {
  std::string digits = std::to_string(v);
  if (static_cast<int>(digits.size()) <= prec) {
    digits.insert(0, static_cast<size_t>(prec + 1) - digits.size(), '0');
  }
  std::string whole = digits.substr(0, digits.size() - static_cast<size_t>(prec));
  std::string frac = digits.substr(digits.size() - static_cast<size_t>(prec));
  while (!frac.empty() && frac.back() == '0') {
    frac.pop_back();
  }
  return frac.empty() ? whole : whole + "." + frac;
}

}  // namespace

std::string FormatGoDuration(int64_t nanos) {
  if (nanos == 0) {
    return "0s";
  }
  const bool neg = nanos < 0;
  uint64_t u = neg ? (~static_cast<uint64_t>(nanos) + 1) : static_cast<uint64_t>(nanos);
  std::string out;
  if (u < 1000000000ULL) {
    // Sub-second values use the largest unit that keeps a whole part: ns, µs or ms.
    if (u < 1000ULL) {
      out = std::to_string(u) + "ns";
    } else if (u < 1000000ULL) {
      out = FormatFraction(u, 3) + "\u00b5s";
    } else {
      out = FormatFraction(u, 6) + "ms";
    }
  } else {
    uint64_t secs_nanos = u % 60000000000ULL;
    uint64_t minutes = u / 60000000000ULL;
    out = FormatFraction(secs_nanos, 9) + "s";
    if (minutes > 0) {
      uint64_t hours = minutes / 60;
      out = std::to_string(minutes % 60) + "m" + out;
      if (hours > 0) {
        out = std::to_string(hours) + "h" + out;
      }
    }
  }
  return neg ? "-" + out : out;
}

std::optional<std::string> CanonicalGoDuration(const std::string& text) {
  int64_t nanos = 0;
  std::string error;
  if (!ParseGoDuration(text, &nanos, &error)) {
    return std::nullopt;
  }
  return FormatGoDuration(nanos);
}

}  // namespace meshplane
