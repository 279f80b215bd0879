// URL pieces as Go's net/url treats them, so that query parsing and the links we build (the
// `next` page of a list) match what Kuma's clients expect.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meshplane {

// Decodes %XX escapes (and `+` as a space when `plus_as_space`). False when an escape is
// malformed; `out` is then unspecified.
bool PercentDecode(std::string_view in, bool plus_as_space, std::string* out);

// Go's url.QueryEscape: unreserved characters stay, a space becomes `+`, the rest is %XX.
std::string QueryEscape(std::string_view in);

// The parameters of a query string in the order they appear, decoded. Pairs with a malformed
// escape or a `;` are skipped, as Go's URL.Query() does.
class QueryParams {
 public:
  QueryParams() = default;
  static QueryParams Parse(std::string_view query);

  // First value of `key`, or empty.
  std::string Get(const std::string& key) const;
  // Last value of `key`, or empty.
  std::string GetLast(const std::string& key) const;
  bool Has(const std::string& key) const;
  // Replaces every value of `key` with `value` (appends when absent).
  void Set(const std::string& key, const std::string& value);

  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

  // Go's url.Values.Encode(): keys sorted, values in their order, each escaped.
  std::string Encode() const;

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace meshplane
