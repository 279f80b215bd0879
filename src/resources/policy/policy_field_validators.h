// Field checks shared by the policy validators (Kuma's pkg/core/validators/common_validators.go),
// over the presence-tracking fields of the policy protos. Durations are Go duration strings; a
// string that is not one is reported at its path with Go's parse error, where Kuma's decoder
// would have rejected the document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/validation.h"

namespace meshplane {

// Kuma's ValidateDurationNotNegativeOrNil: `must not be negative when defined`.
ValidationError ValidateDurationNotNegativeOrNil(const PathBuilder& path, bool has,
                                                 const std::string& value);
// Kuma's ValidateDurationGreaterThanZeroOrNil: `must be greater than zero when defined`.
ValidationError ValidateDurationGreaterThanZeroOrNil(const PathBuilder& path, bool has,
                                                     const std::string& value);
// Kuma's ValidateDurationGreaterThanZero on a pointer that must be set:
// `must be defined and greater than zero`.
ValidationError ValidateDurationGreaterThanZero(const PathBuilder& path, bool has,
                                                const std::string& value);
// Kuma's ValidateIntegerGreaterThanZeroOrNil: `must be greater than 0`.
ValidationError ValidateIntegerGreaterThanZeroOrNil(const PathBuilder& path, bool has,
                                                    uint32_t value);
// Kuma's ValidateUInt32PercentageOrNil: `must be in inclusive range [0, 100]`.
ValidationError ValidateUInt32PercentageOrNil(const PathBuilder& path, bool has, uint32_t value);

// `value` must be one of `allowed`; otherwise, as Kuma's schema check reports it:
// `Unsupported value: "<v>": supported values: "A", "B"`.
ValidationError ValidateEnum(const PathBuilder& path, const std::string& value,
                             std::initializer_list<const char*> allowed);

}  // namespace meshplane
