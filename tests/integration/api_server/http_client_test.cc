// The HTTP client against a real server: errors naming the URL, reconnection, timeouts, headers.
#include "http/http_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "http/http_server.h"

namespace meshplane {
namespace {

using namespace std::chrono_literals;

HttpServerOptions LocalOptions() {
  HttpServerOptions o;
  o.name = "test";
  o.address = "127.0.0.1";
  o.port = 0;
  return o;
}

std::string Url(const HttpServer& s) { return "http://127.0.0.1:" + std::to_string(s.port()); }

TEST(HttpClientTest, UnreachableServerIsUnavailableNamingTheUrl) {
  uint16_t port = 0;
  {
    HttpServer server(LocalOptions(),
                      [](const HttpServerRequest&) { return HttpServerResponse::Text(200, ""); });
    ASSERT_TRUE(server.Start().ok());
    port = server.port();
    server.Shutdown(0ms);
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  HttpClient client(url);
  auto r = client.Get("/meshes");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(r.status().message(), "failed to connect to " + url + ": Connection refused");
}

TEST(HttpClientTest, ReconnectsWhenTheServerClosedTheKeptAliveConnection) {
  HttpServerOptions o = LocalOptions();
  o.idle_timeout = 100ms;
  int calls = 0;
  HttpServer server(o, [&](const HttpServerRequest&) {
    return HttpServerResponse::Text(200, std::to_string(++calls));
  });
  ASSERT_TRUE(server.Start().ok());
  HttpClient client(Url(server));
  auto first = client.Get("/");
  ASSERT_TRUE(first.ok());
  std::this_thread::sleep_for(400ms);  // the server drops the idle connection
  auto second = client.Put("/", "{}");
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->body, "2");
}

TEST(HttpClientTest, TimesOut) {
  HttpServer server(LocalOptions(), [](const HttpServerRequest&) {
    std::this_thread::sleep_for(800ms);
    return HttpServerResponse::Text(200, "late");
  });
  ASSERT_TRUE(server.Start().ok());
  HttpClient client(Url(server), HttpClientOptions{.timeout = 200ms});
  auto start = std::chrono::steady_clock::now();
  auto r = client.Get("/slow");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 700ms);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(r.status().message().find("timed out"), std::string::npos) << r.status().message();
  server.Shutdown(2s);
}

TEST(HttpClientTest, LowerCasesHeaderNamesAndJoinsRepeatedOnes) {
  HttpServer server(LocalOptions(), [](const HttpServerRequest&) {
    HttpServerResponse r = HttpServerResponse::Text(201, "body");
    r.AddHeader("X-Thing", "a");
    r.AddHeader("X-Thing", "b");
    return r;
  });
  ASSERT_TRUE(server.Start().ok());
  HttpClient client(Url(server));
  auto r = client.Delete("/x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->headers["x-thing"], "a, b");
  EXPECT_EQ(r->headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(r->body, "body");
}

TEST(HttpClientTest, PrefixesTheBasePathAndSendsJsonForPut) {
  HttpServer server(LocalOptions(), [](const HttpServerRequest& req) {
    const std::string* ct = req.Header("content-type");
    return HttpServerResponse::Text(200, req.target + " " + (ct ? *ct : "-"));
  });
  ASSERT_TRUE(server.Start().ok());
  HttpClient client(Url(server) + "/api/");
  EXPECT_EQ(client.base_url(), Url(server) + "/api");
  auto r = client.Put("/meshes/x?y=1", "{}");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "/api/meshes/x?y=1 application/json");
}

TEST(HttpClientTest, RejectsUnsupportedUrls) {
  HttpClient https("https://localhost:5682");
  auto r = https.Get("/");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  HttpClient bare("localhost:5681");
  EXPECT_FALSE(bare.Get("/").ok());
}

}  // namespace
}  // namespace meshplane
