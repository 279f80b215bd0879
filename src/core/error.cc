#include "core/error.h"

namespace meshplane {

Status Status::MeshNotFound(const std::string& mesh) {
  Status s(ErrorCode::kMeshNotFound, "mesh of name " + mesh + " is not found");
  s.validation_.AddViolation("mesh", s.message_);
  return s;
}

Status Status::InvalidPageSize(std::string reason) {
  Status s(ErrorCode::kInvalidPageSize, "Invalid page size");
  s.validation_.AddViolation("size", reason);
  return s;
}

}  // namespace meshplane
