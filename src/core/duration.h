// Kuma's duration format (mesh_helpers.go ParseDuration): exactly "0", or one integer with one
// unit: y (365d), w (7d), d, h, m, s, ms. Compound values ("1h30m") and decimals are invalid.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace meshplane {

std::optional<std::chrono::milliseconds> ParseKumaDuration(std::string_view text);

}  // namespace meshplane
