#include "api_server/rest_error.h"

#include <spdlog/spdlog.h>

namespace meshplane {

Json RestError::ToJson() const {
  Json out = Json::object();
  out["type"] = "/std-errors";
  out["status"] = status;
  out["title"] = title;
  out["detail"] = detail;
  if (!invalid_parameters.empty()) {
    Json params = Json::array();
    for (const auto& v : invalid_parameters) {
      params.push_back(Json{{"field", v.field}, {"reason", v.message}});
    }
    out["invalid_parameters"] = std::move(params);
  }
  // Kuma keeps the deprecated `details` and `causes` beside their replacements.
  out["details"] = detail;
  if (!invalid_parameters.empty()) {
    Json causes = Json::array();
    for (const auto& v : invalid_parameters) {
      causes.push_back(Json{{"field", v.field}, {"message", v.message}});
    }
    out["causes"] = std::move(causes);
  }
  return out;
}

RestError RestErrorFromStatus(const Status& status, const std::string& title) {
  RestError e;
  e.title = title;
  switch (status.code()) {
    case ErrorCode::kOk:
      e.status = 200;
      break;
    case ErrorCode::kNotFound:
      e.status = 404;
      e.detail = "Not found";
      break;
    case ErrorCode::kBadRequest:
      e.status = 400;
      e.title = "Bad Request";
      e.detail = status.message();
      break;
    case ErrorCode::kMeshNotFound:
      e.status = 400;
      e.detail = "Mesh is not found";
      e.invalid_parameters = status.validation().Violations();
      break;
    case ErrorCode::kValidation:
      e.status = 400;
      e.detail = "Resource is not valid";
      e.invalid_parameters = status.validation().Violations();
      break;
    case ErrorCode::kInvalidArgument:
      e.status = 400;
      e.detail = "invalid: " + status.message();
      break;
    case ErrorCode::kInvalidPageSize:
      e.status = 400;
      e.detail = "Invalid page size";
      e.invalid_parameters = status.validation().Violations();
      break;
    case ErrorCode::kMethodNotAllowed:
      e.status = 405;
      e.title = "Method not Allowed";
      e.detail = status.message();
      break;
    case ErrorCode::kConflict:
    case ErrorCode::kAlreadyExists:
      e.status = 409;
      e.title = "Conflict";
      e.detail = status.message();
      break;
    case ErrorCode::kAccessDenied:
      e.status = 403;
      e.title = "Access Denied";
      e.detail = status.message();
      break;
    case ErrorCode::kUnauthenticated:
      e.status = 401;
      e.title = "Unauthenticated";
      e.detail = status.message();
      break;
    case ErrorCode::kUnavailable:
      e.status = 503;
      e.detail = status.message();
      break;
    case ErrorCode::kInternal:
    default:
      spdlog::error("{}: {}", title, status.message());
      e.status = 500;
      e.detail = "Internal Server Error";
      break;
  }
  return e;
}

std::string RenderJson(const Json& body) {
  return body.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

HttpServerResponse JsonResponse(int status, const Json& body) {
  return HttpServerResponse::Text(status, RenderJson(body), "application/json");
}

HttpServerResponse ErrorResponse(const RestError& error) {
  return JsonResponse(error.status, error.ToJson());
}

HttpServerResponse ErrorResponse(const Status& status, const std::string& title) {
  return ErrorResponse(RestErrorFromStatus(status, title));
}

}  // namespace meshplane
