// Optimistic concurrency over HTTP: ETag on reads, If-Match on writes, and racing writers.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>

#include "integration/api_server/api_server_fixture.h"

namespace meshplane {
namespace {

using ConcurrencyTest = ApiServerFixture;

constexpr const char* kConflictBody =
    R"({"type":"/std-errors","status":409,"title":"Conflict",)"
    R"("detail":"resource conflict: type=\"Mesh\" name=\"demo\" mesh=\"\"",)"
    R"("details":"resource conflict: type=\"Mesh\" name=\"demo\" mesh=\"\""})";

HttpResponse PutIfMatch(HttpClient& client, const Json& body, const std::string& etag) {
  auto r = client.Request("PUT", "/meshes/demo", body.dump(),
                          {{"Content-Type", "application/json"}, {"If-Match", etag}});
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : HttpResponse{};
}

TEST_F(ConcurrencyTest, IfMatchGuardsUpdates) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  std::string etag = Get("/meshes/demo").headers["etag"];
  ASSERT_EQ(etag, "\"1\"");

  HttpResponse first = PutIfMatch(*client_, MeshBody("demo"), etag);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.headers["etag"], "\"2\"");

  // The same precondition again: the resource moved on.
  HttpResponse stale = PutIfMatch(*client_, MeshBody("demo"), etag);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body, Expected(kConflictBody));
  EXPECT_EQ(Get("/meshes/demo").headers["etag"], "\"2\"");

  EXPECT_EQ(PutIfMatch(*client_, MeshBody("demo"), "*").status, 200);
}

TEST_F(ConcurrencyTest, IfMatchOnAMissingResourceIsAConflict) {
  EXPECT_EQ(PutIfMatch(*client_, MeshBody("demo"), "\"1\"").status, 409);
  EXPECT_EQ(PutIfMatch(*client_, MeshBody("demo"), "*").status, 409);
  EXPECT_EQ(Get("/meshes/demo").status, 404);
}

TEST_F(ConcurrencyTest, MalformedIfMatchIsABadRequest) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  HttpResponse r = PutIfMatch(*client_, MeshBody("demo"), "version-1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Parse(r)["title"], "Bad Request");
}

TEST_F(ConcurrencyTest, IfMatchGuardsDeletes) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 200);
  auto stale = client_->Request("DELETE", "/meshes/demo", "", {{"If-Match", "\"1\""}});
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(stale->body, Expected(kConflictBody));
  EXPECT_EQ(Get("/meshes/demo").status, 200);

  auto current = client_->Request("DELETE", "/meshes/demo", "", {{"If-Match", "\"2\""}});
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->status, 200);
  EXPECT_EQ(Get("/meshes/demo").status, 404);
}

// Two clients read the same version and both write with If-Match: exactly one wins, and the
// other learns about it with a 409 instead of silently overwriting.
TEST_F(ConcurrencyTest, RacingWritersFromTheSameReadExactlyOneWins) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  HttpClient a(BaseUrl());
  HttpClient b(BaseUrl());
  for (int round = 0; round < 20; ++round) {
    std::string etag = Get("/meshes/demo").headers["etag"];
    std::barrier start(2);
    std::atomic<int> ok{0};
    std::atomic<int> conflict{0};
    auto writer = [&](HttpClient& client, const std::string& team) {
      Json body = MeshBody("demo");
      body["labels"] = {{"team", team}};
      start.arrive_and_wait();
      HttpResponse r = PutIfMatch(client, body, etag);
      if (r.status == 200) {
        ok++;
      } else if (r.status == 409) {
        conflict++;
        EXPECT_EQ(r.body, Expected(kConflictBody));
      } else {
        ADD_FAILURE() << r.status << " " << r.body;
      }
    };
    std::thread ta(writer, std::ref(a), "a");
    std::thread tb(writer, std::ref(b), "b");
    ta.join();
    tb.join();
    ASSERT_EQ(ok.load(), 1) << "round " << round;
    ASSERT_EQ(conflict.load(), 1) << "round " << round;
    EXPECT_EQ(Get("/meshes/demo").headers["etag"], "\"" + std::to_string(round + 2) + "\"");
  }
}

}  // namespace
}  // namespace meshplane
