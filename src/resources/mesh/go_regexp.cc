#include "resources/mesh/go_regexp.h"

#include <re2/re2.h>

namespace meshplane {

namespace {

// Go's regexp/syntax ErrorCode texts for RE2's error codes.
const char* GoErrorCodeText(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case RE2::ErrorBadCharClass:
      return "invalid character class";
    case RE2::ErrorBadCharRange:
      return "invalid character class range";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorUnexpectedParen:
      return "unexpected )";
    case RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "regexp/syntax: internal error";
  }
}

// Go (since 1.22) accepts named groups written `(?<name>...)` as well as `(?P<name>...)`; the
// RE2 library here knows only the latter, so the former is rewritten before compiling. Escaped
// characters and bracket expressions are skipped so that only real group openings change.
std::string RewriteNamedGroups(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 4);
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') {
        in_class = false;
      }
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal member of the class.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') {
        out += pattern[++i];
      }
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
        out += pattern[++i];
      }
      continue;
    }
    if (pattern.substr(i, 3) == "(?<" && i + 3 < pattern.size() && pattern[i + 3] != '=' &&
        pattern[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::optional<std::string> GoRegexpCompileError(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(RewriteNamedGroups(pattern), options);
  if (re.ok()) {
    return std::nullopt;
  }
  std::string expr = re.error_arg();
  if (re.error_code() == RE2::ErrorBadUTF8) {
    expr = std::string(pattern);  // Go names the whole expression
  }
  return std::string("error parsing regexp: ") + GoErrorCodeText(re.error_code()) + ": `" + expr +
         "`";
}

}  // namespace meshplane
