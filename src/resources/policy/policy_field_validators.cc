#include "resources/policy/policy_field_validators.h"

#include "core/go_duration.h"

namespace meshplane {

namespace {

// Parses `value`, reporting a malformed one at `path`; nullopt then.
std::optional<int64_t> ParseAt(const PathBuilder& path, const std::string& value,
                               ValidationError& err) {
  int64_t nanos = 0;
  std::string error;
  if (!ParseGoDuration(value, &nanos, &error)) {
    err.AddViolationAt(path, error);
    return std::nullopt;
  }
  return nanos;
}

}  // namespace

ValidationError ValidateDurationNotNegativeOrNil(const PathBuilder& path, bool has,
                                                 const std::string& value) {
  ValidationError err;
  if (!has) {
    return err;
  }
  if (auto nanos = ParseAt(path, value, err); nanos && *nanos < 0) {
    err.AddViolationAt(path, "must not be negative when defined");
  }
  return err;
}

ValidationError ValidateDurationGreaterThanZeroOrNil(const PathBuilder& path, bool has,
                                                     const std::string& value) {
  ValidationError err;
  if (!has) {
    return err;
  }
  if (auto nanos = ParseAt(path, value, err); nanos && *nanos <= 0) {
    err.AddViolationAt(path, "must be greater than zero when defined");
  }
  return err;
}

ValidationError ValidateDurationGreaterThanZero(const PathBuilder& path, bool has,
                                                const std::string& value) {
  ValidationError err;
  if (!has) {
    err.AddViolationAt(path, "must be defined and greater than zero");
    return err;
  }
  if (auto nanos = ParseAt(path, value, err); nanos && *nanos <= 0) {
    err.AddViolationAt(path, "must be defined and greater than zero");
  }
  return err;
}

ValidationError ValidateIntegerGreaterThanZeroOrNil(const PathBuilder& path, bool has,
                                                    uint32_t value) {
  ValidationError err;
  if (has && value == 0) {
    err.AddViolationAt(path, "must be greater than 0");
  }
  return err;
}

ValidationError ValidateUInt32PercentageOrNil(const PathBuilder& path, bool has, uint32_t value) {
  ValidationError err;
  if (has && value > 100) {
    err.AddViolationAt(path, "must be in inclusive range [0, 100]");
  }
  return err;
}

ValidationError ValidateEnum(const PathBuilder& path, const std::string& value,
                             std::initializer_list<const char*> allowed) {
  ValidationError err;
  std::string list;
  for (const char* a : allowed) {
    if (value == a) {
      return err;
    }
    list += (list.empty() ? "" : ", ") + GoQuote(a);
  }
  err.AddViolationAt(path, "Unsupported value: " + GoQuote(value) + ": supported values: " + list);
  return err;
}

}  // namespace meshplane
