// The diagnostics endpoints, and that /metrics reflects what the API server served.
#include "diagnostics/diagnostics_server.h"

#include <gtest/gtest.h>

#include <atomic>

#include "integration/api_server/api_server_fixture.h"

namespace meshplane {
namespace {

class DiagnosticsServerTest : public ApiServerFixture {
 protected:
  void SetUp() override {
    ApiServerFixture::SetUp();
    diagnostics_ = std::make_unique<DiagnosticsServer>(
        metrics_, [this] { return ready_.load(); }, DiagnosticsOptions{"127.0.0.1", 0});
    ASSERT_TRUE(diagnostics_->Start().ok());
    diag_client_ =
        std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(diagnostics_->port()));
  }
  void TearDown() override {
    diagnostics_->Shutdown(std::chrono::milliseconds(1000));
    ApiServerFixture::TearDown();
  }
  HttpResponse Diag(const std::string& target) { return Must(diag_client_->Get(target)); }

  std::atomic<bool> ready_{false};
  std::unique_ptr<DiagnosticsServer> diagnostics_;
  std::unique_ptr<HttpClient> diag_client_;
};

TEST_F(DiagnosticsServerTest, HealthyAndReady) {
  HttpResponse healthy = Diag("/healthy");
  EXPECT_EQ(healthy.status, 200);
  EXPECT_EQ(healthy.body, "OK");
  EXPECT_EQ(Diag("/ready").status, 503);
  ready_ = true;
  HttpResponse ready = Diag("/ready");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, "OK");
  EXPECT_EQ(Diag("/nothing").status, 404);
}

TEST_F(DiagnosticsServerTest, MetricsShowTheApiRequests) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  ASSERT_EQ(Get("/meshes/demo").status, 200);
  ASSERT_EQ(Get("/meshes/demo").status, 200);
  ASSERT_EQ(Get("/meshes/missing").status, 404);
  ASSERT_EQ(Get("/no/such/route").status, 404);

  HttpResponse r = Diag("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4");
  const std::string& text = r.body;
  for (const char* line : {
           "# TYPE api_server_http_requests_total counter\n",
           "api_server_http_requests_total{handler=\"/meshes/{name}\",method=\"PUT\","
           "code=\"201\"} 1\n",
           "api_server_http_requests_total{handler=\"/meshes/{name}\",method=\"GET\","
           "code=\"200\"} 2\n",
           "api_server_http_requests_total{handler=\"/meshes/{name}\",method=\"GET\","
           "code=\"404\"} 1\n",
           "api_server_http_requests_total{handler=\"unmatched\",method=\"GET\",code=\"404\"} 1\n",
           "# TYPE api_server_http_request_duration_seconds histogram\n",
           "api_server_http_request_duration_seconds_count{handler=\"/meshes/{name}\","
           "method=\"GET\",code=\"200\"} 2\n",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line << "\n" << text;
  }
}

}  // namespace
}  // namespace meshplane
