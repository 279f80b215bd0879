// Readable gtest output for validation results.
#pragma once

#include <ostream>

#include "core/validation.h"

namespace meshplane {

inline void PrintTo(const Violation& v, std::ostream* os) {
  *os << "{" << v.field << ": " << v.message << "}";
}

}  // namespace meshplane
