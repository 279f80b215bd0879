// Go's time.Duration text forms, as Kuma's new-style policies carry them (metav1.Duration):
//  - ParseGoDuration is time.ParseDuration: a signed sequence of decimal numbers, each with an
//    optional fraction and a unit (ns, us, µs, ms, s, m, h), e.g. "1m30s", "1.5h", "-300ms";
//    "0" alone needs no unit. Values are limited to int64 nanoseconds.
//  - FormatGoDuration is Duration.String(): "1h0m0s", "30m0s", "10s", "500ms", "0s".
// A parsed value formats back to the same duration, so "1h" is stored and served as "1h0m0s",
// which is what Kuma returns after decoding and re-encoding a policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace meshplane {

// False on malformed input, with Go's error text in `error` (e.g. `time: invalid duration "x"`).
bool ParseGoDuration(const std::string& text, int64_t* nanos, std::string* error);

std::string FormatGoDuration(int64_t nanos);

// Parses and re-formats; nullopt when `text` is not a Go duration.
std::optional<std::string> CanonicalGoDuration(const std::string& text);

}  // namespace meshplane
