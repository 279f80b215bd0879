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

namespace {
std::string DescribeKey(const std::string& type, const std::string& mesh, const std::string& name) {
  return "type=" + GoQuote(type) + " name=" + GoQuote(name) + " mesh=" + GoQuote(mesh);
}
}  // namespace

Status Status::ResourceConflict(const std::string& type, const std::string& mesh,
                                const std::string& name) {
  return Conflict("resource conflict: " + DescribeKey(type, mesh, name));
}

Status Status::ResourceNotFound(const std::string& type, const std::string& mesh,
                                const std::string& name) {
  return NotFound("resource not found: " + DescribeKey(type, mesh, name));
}

}  // namespace meshplane
