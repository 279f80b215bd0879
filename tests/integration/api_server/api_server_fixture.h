// A real ApiServer on an ephemeral port over a real (in-memory SQLite) store and the real
// ResourceManager with the Mesh rules, driven with the real HttpClient.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "api_server/api_server.h"
#include "api_server/rest_error.h"
#include "core/json.h"
#include "http/http_client.h"
#include "manager/dataplane_lifecycle.h"
#include "manager/mesh_lifecycle.h"
#include "manager/resource_manager.h"
#include "manager/secret_lifecycle.h"
#include "metrics/metrics_registry.h"
#include "store/store_factory.h"

namespace meshplane {

class ApiServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenResourceStore(StoreOptions{"memory", ""});
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin());
    RegisterMeshLifecycle(*manager_);
    RegisterSecretLifecycle(*manager_);
    RegisterDataplaneLifecycle(*manager_, "default");
    StartServer(ApiServerOptions{});
  }

  void TearDown() override {
    client_.reset();
    if (server_) {
      server_->Shutdown(std::chrono::milliseconds(1000));
    }
  }

  // (Re)starts the server with `options` on 127.0.0.1 and an ephemeral port.
  void StartServer(ApiServerOptions options) {
    client_.reset();
    server_.reset();
    options.address = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<ApiServer>(*manager_, metrics_, std::move(options));
    Status st = server_->Start();
    ASSERT_TRUE(st.ok()) << st.message();
    client_ = std::make_unique<HttpClient>(BaseUrl());
  }

  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  HttpResponse Must(Result<HttpResponse> r) {
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : HttpResponse{};
  }
  HttpResponse Get(const std::string& target) { return Must(client_->Get(target)); }
  HttpResponse Put(const std::string& target, const Json& body) {
    return Must(client_->Put(target, body.dump()));
  }
  HttpResponse PutRaw(const std::string& target, const std::string& body) {
    return Must(client_->Put(target, body));
  }
  HttpResponse Delete(const std::string& target) { return Must(client_->Delete(target)); }

  static Json Parse(const HttpResponse& r) {
    Json j = Json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.body;
    return j;
  }
  // What the server must send for `compact` (key order included): Kuma's indentation.
  static std::string Expected(const std::string& compact) {
    return RenderJson(Json::parse(compact));
  }
  static Json MeshBody(const std::string& name) { return Json{{"type", "Mesh"}, {"name", name}}; }

  MetricsRegistry metrics_;
  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace meshplane
