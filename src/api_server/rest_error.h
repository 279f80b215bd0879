// Kuma's REST error model (kumahq/kuma pkg/core/rest/errors): the `/std-errors` body and the
// mapping from our ErrorCode to HTTP status, title and detail. JSON bodies are rendered the
// way Kuma's go-restful encoder does (one-space indentation, a trailing newline), so clients
// that compare bodies see the same bytes.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/validation.h"
#include "http/http_server.h"

namespace meshplane {

struct RestError {
  int status = 500;
  std::string title;
  std::string detail;
  std::vector<Violation> invalid_parameters;

  // {type, status, title, detail, invalid_parameters?, details, causes?}
  Json ToJson() const;
};

// Maps `status` the way Kuma's HandleError does; `title` is the caller's title, used where
// Kuma uses it (not found, validation, invalid page size, internal errors...).
RestError RestErrorFromStatus(const Status& status, const std::string& title);

// Go's json.MarshalIndent(v, "", " ") plus a newline, invalid UTF-8 replaced.
std::string RenderJson(const Json& body);

HttpServerResponse JsonResponse(int status, const Json& body);
HttpServerResponse ErrorResponse(const RestError& error);
HttpServerResponse ErrorResponse(const Status& status, const std::string& title);

}  // namespace meshplane
