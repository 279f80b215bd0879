// The error model shared by the store, the managers and the API server. Every fallible
// operation returns `Status` or `Result<T>`; the API server maps `ErrorCode` to HTTP the way
// Kuma's error handler does (see api_server/error_response.h).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "core/validation.h"

namespace meshplane {

enum class ErrorCode {
  kOk,
  kNotFound,          // store: no such resource (404)
  kAlreadyExists,     // store: create of an existing key (409)
  kConflict,          // store: version mismatch on update/delete (409)
  kValidation,        // a ValidationError with field paths (400)
  kBadRequest,        // undecodable input, unknown type (400 "Bad Request")
  kMeshNotFound,      // mesh-scoped resource in a missing mesh (400)
  kInvalidArgument,   // store-level invalid input such as a bad offset (400 "invalid: ...")
  kInvalidPageSize,   // bad `size` parameter (400)
  kMethodNotAllowed,  // read-only mode (405)
  kAccessDenied,      // 403
  kUnauthenticated,   // missing or invalid credentials, e.g. a bad dataplane token (401)
  kUnavailable,       // the store cannot be reached, shutting down (503)
  kInternal,          // anything else (500)
};

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }
  static Status NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
  static Status Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Status BadRequest(std::string m) { return {ErrorCode::kBadRequest, std::move(m)}; }
  static Status InvalidArgument(std::string m) {
    return {ErrorCode::kInvalidArgument, std::move(m)};
  }
  static Status Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
  static Status Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Status MethodNotAllowed(std::string m) {
    return {ErrorCode::kMethodNotAllowed, std::move(m)};
  }
  static Status AccessDenied(std::string m) { return {ErrorCode::kAccessDenied, std::move(m)}; }
  static Status Unauthenticated(std::string m) {
    return {ErrorCode::kUnauthenticated, std::move(m)};
  }
  static Status Invalid(ValidationError err) {
    Status s(ErrorCode::kValidation, err.ToString());
    s.validation_ = std::move(err);
    return s;
  }
  // `mesh of name <m> is not found`, with the `mesh` violation Kuma reports.
  static Status MeshNotFound(const std::string& mesh);
  static Status InvalidPageSize(std::string reason);
  // Kuma's store messages: `resource conflict: type="Mesh" name="x" mesh=""` and
  // `resource not found: type="Mesh" name="x" mesh=""`.
  static Status ResourceConflict(const std::string& type, const std::string& mesh,
                                 const std::string& name);
  static Status ResourceNotFound(const std::string& type, const std::string& mesh,
                                 const std::string& name);

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const ValidationError& validation() const { return validation_; }
  bool IsNotFound() const { return code_ == ErrorCode::kNotFound; }
  bool IsConflict() const {
    return code_ == ErrorCode::kConflict || code_ == ErrorCode::kAlreadyExists;
  }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  ValidationError validation_;  // for kValidation, kMeshNotFound, kInvalidPageSize
};

// A value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(value_);
  }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace meshplane

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define MP_RETURN_IF_ERROR(expr)         \
  do {                                   \
    ::meshplane::Status _mp_st = (expr); \
    if (!_mp_st.ok()) return _mp_st;     \
  } while (0)
