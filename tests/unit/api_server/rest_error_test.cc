#include "api_server/rest_error.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

TEST(RestErrorTest, ValidationErrorBodyIsKumasByteForByte) {
  ValidationError err;
  err.AddViolation("mtls.enabledBackend", "has to be set to one of the backends in the mesh");
  HttpServerResponse r = ErrorResponse(Status::Invalid(err), "Could not process a resource");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            "{\n"
            " \"type\": \"/std-errors\",\n"
            " \"status\": 400,\n"
            " \"title\": \"Could not process a resource\",\n"
            " \"detail\": \"Resource is not valid\",\n"
            " \"invalid_parameters\": [\n"
            "  {\n"
            "   \"field\": \"mtls.enabledBackend\",\n"
            "   \"reason\": \"has to be set to one of the backends in the mesh\"\n"
            "  }\n"
            " ],\n"
            " \"details\": \"Resource is not valid\",\n"
            " \"causes\": [\n"
            "  {\n"
            "   \"field\": \"mtls.enabledBackend\",\n"
            "   \"message\": \"has to be set to one of the backends in the mesh\"\n"
            "  }\n"
            " ]\n"
            "}\n");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0],
            (std::pair<std::string, std::string>{"Content-Type", "application/json"}));
}

TEST(RestErrorTest, MapsEveryErrorCodeAsKumaDoes) {
  struct Case {
    Status status;
    int http;
    std::string title;
    std::string detail;
  };
  const std::string t = "Caller title";
  std::vector<Case> cases = {
      {Status::NotFound("x"), 404, t, "Not found"},
      {Status::BadRequest("invalid Mesh object: \"x\""), 400, "Bad Request",
       "invalid Mesh object: \"x\""},
      {Status::MeshNotFound("m"), 400, t, "Mesh is not found"},
      {Status::InvalidArgument("invalid offset: must be non-negative"), 400, t,
       "invalid: invalid offset: must be non-negative"},
      {Status::InvalidPageSize("invalid format"), 400, t, "Invalid page size"},
      {Status::MethodNotAllowed("no"), 405, "Method not Allowed", "no"},
      {Status::Conflict("resource conflict: type=\"Mesh\" name=\"x\" mesh=\"\""), 409, "Conflict",
       "resource conflict: type=\"Mesh\" name=\"x\" mesh=\"\""},
      {Status::AlreadyExists("exists"), 409, "Conflict", "exists"},
      {Status::AccessDenied("denied"), 403, "Access Denied", "denied"},
      {Status::Unavailable("database is locked"), 503, t, "database is locked"},
      {Status::Internal("secret detail"), 500, t, "Internal Server Error"},
  };
  for (const auto& c : cases) {
    RestError e = RestErrorFromStatus(c.status, t);
    EXPECT_EQ(e.status, c.http) << c.status.message();
    EXPECT_EQ(e.title, c.title) << c.status.message();
    EXPECT_EQ(e.detail, c.detail) << c.status.message();
  }
  RestError mesh = RestErrorFromStatus(Status::MeshNotFound("m"), t);
  EXPECT_EQ(mesh.invalid_parameters,
            (std::vector<Violation>{{"mesh", "mesh of name m is not found"}}));
}

TEST(RestErrorTest, OmitsEmptyParameterLists) {
  RestError e{404, "Could not retrieve a resource", "Not found", {}};
  EXPECT_EQ(e.ToJson().dump(),
            R"({"type":"/std-errors","status":404,"title":"Could not retrieve a resource",)"
            R"("detail":"Not found","details":"Not found"})");
}

TEST(RestErrorTest, RenderJsonNeverThrowsOnInvalidUtf8) {
  Json j = Json::object();
  j["k"] = std::string("a\xff");
  EXPECT_EQ(RenderJson(j), "{\n \"k\": \"a\xEF\xBF\xBD\"\n}\n");
}

}  // namespace
}  // namespace meshplane
