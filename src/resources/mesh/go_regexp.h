// Compiles a regular expression the way Go's regexp.Compile does (RE2 syntax) and reports a
// failure with Go's error text, e.g. "error parsing regexp: missing closing ): `(`", because
// Kuma returns that text to the user verbatim.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace meshplane {

// nullopt when `pattern` compiles; otherwise Go's error message for it.
std::optional<std::string> GoRegexpCompileError(std::string_view pattern);

}  // namespace meshplane
