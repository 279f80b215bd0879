// Field-path validation errors with Kuma's path composition rules
// (kumahq/kuma pkg/core/validators/types.go).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace meshplane {

// A path into a resource, e.g. `mtls.backends[0].name` or `tags["kuma.io/service"]`.
class PathBuilder {
 public:
  PathBuilder() = default;
  static PathBuilder RootedAt(std::string_view name);

  // Appends `.name` (or just `name` when the path is empty).
  PathBuilder Field(std::string_view name) const;
  // Appends `[i]`.
  PathBuilder Index(size_t i) const;
  // Appends `["key"]`, quoting the key as Go's %q does.
  PathBuilder Key(std::string_view key) const;

  const std::string& String() const { return path_; }

 private:
  explicit PathBuilder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Quotes a string the way Go's %q does (double quotes, backslash escapes).
std::string GoQuote(std::string_view s);

struct Violation {
  std::string field;
  std::string message;
  bool operator==(const Violation&) const = default;
};

// An ordered list of violations. Empty means valid.
class ValidationError {
 public:
  void AddViolation(std::string_view field, std::string_view message);
  void AddViolationAt(const PathBuilder& path, std::string_view message) {
    AddViolation(path.String(), message);
  }
  // Nests every violation of `child` under `prefix`: joined with `.`, no dot when the child
  // path starts with `[`, and the prefix alone when the child path is empty.
  void AddError(std::string_view prefix, const ValidationError& child);
  void AddErrorAt(const PathBuilder& prefix, const ValidationError& child) {
    AddError(prefix.String(), child);
  }
  void Append(const ValidationError& other);

  bool Ok() const { return violations_.empty(); }
  bool HasViolations() const { return !violations_.empty(); }
  const std::vector<Violation>& Violations() const { return violations_; }

  // Kuma's Error() string: "<field>: <message>; <field2>: <message2>".
  std::string ToString() const;

 private:
  std::vector<Violation> violations_;
};

}  // namespace meshplane
