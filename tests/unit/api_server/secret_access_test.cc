// The admin-only rule of the Secret and GlobalSecret endpoints, driven without a network: the
// request objects say whether the client is on the control plane's host.
#include <gtest/gtest.h>

#include "api_server/resource_endpoints.h"
#include "core/json.h"
#include "manager/mesh_lifecycle.h"
#include "manager/secret_lifecycle.h"
#include "resources/mesh/mesh_type.h"
#include "resources/secret/secret_type.h"
#include "store/store_factory.h"

namespace meshplane {
namespace {

class SecretAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenResourceStore(StoreOptions{"memory", ""});
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin());
    RegisterMeshLifecycle(*manager_);
    RegisterSecretLifecycle(*manager_);
    Resource mesh(MeshType());
    mesh.meta().name = "default";
    ASSERT_TRUE(manager_->Create(mesh).ok());
    Resource secret = NewSecret(SecretType(), "default", "s1", "top secret");
    ASSERT_TRUE(manager_->Create(secret).ok());
    Resource global = NewSecret(GlobalSecretType(), "", "g1", "top secret");
    ASSERT_TRUE(manager_->Create(global).ok());
  }

  static HttpServerRequest Http(bool loopback, std::string body = "") {
    HttpServerRequest http;
    http.from_loopback = loopback;
    http.remote_address = loopback ? "127.0.0.1" : "10.1.2.3";
    http.body = std::move(body);
    return http;
  }

  static Json Body(const HttpServerResponse& r) { return Json::parse(r.body); }

  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
};

const char* kSecretDenied =
    "user \"mesh-system:anonymous/mesh-system:unauthenticated\" cannot access the resource of "
    "type \"Secret\": Secrets are served only to clients on the control plane's host (loopback) "
    "because API authentication is not configured; send the request from that host, e.g. "
    "through an SSH tunnel to the API port";

void ExpectDenied(const HttpServerResponse& r, const std::string& detail) {
  EXPECT_EQ(r.status, 403);
  Json body = Json::parse(r.body);
  EXPECT_EQ(body["title"], "Access Denied");
  EXPECT_EQ(body["detail"], detail);
  EXPECT_EQ(r.body.find("top secret"), std::string::npos);
  EXPECT_EQ(r.body.find("dG9wIHNlY3JldA=="), std::string::npos);  // base64 of the data
}

TEST_F(SecretAccessTest, RemoteClientsGet403ForEveryOperationOnSecrets) {
  ResourceEndpoints endpoints(*manager_, SecretType(), {});
  HttpServerRequest remote = Http(false);
  std::map<std::string, std::string> one = {{"mesh", "default"}, {"name", "s1"}};
  ExpectDenied(endpoints.Get(RouteRequest{remote, "/meshes/{mesh}/secrets/{name}", one, {}}),
               kSecretDenied);
  ExpectDenied(
      endpoints.List(RouteRequest{remote, "/meshes/{mesh}/secrets", {{"mesh", "default"}}, {}}),
      kSecretDenied);
  ExpectDenied(endpoints.List(RouteRequest{remote, "/secrets", {}, {}}), kSecretDenied);

  HttpServerRequest put =
      Http(false, R"({"type":"Secret","mesh":"default","name":"s2","data":"YQ=="})");
  ExpectDenied(
      endpoints.Put(RouteRequest{
          put, "/meshes/{mesh}/secrets/{name}", {{"mesh", "default"}, {"name", "s2"}}, {}}),
      kSecretDenied);
  EXPECT_FALSE(manager_->Get(SecretType(), ResourceKey{"default", "s2"}).ok());

  ExpectDenied(endpoints.Delete(RouteRequest{remote, "/meshes/{mesh}/secrets/{name}", one, {}}),
               kSecretDenied);
  EXPECT_TRUE(manager_->Get(SecretType(), ResourceKey{"default", "s1"}).ok());
}

TEST_F(SecretAccessTest, RemoteClientsGet403ForGlobalSecrets) {
  ResourceEndpoints endpoints(*manager_, GlobalSecretType(), {});
  const std::string detail =
      "user \"mesh-system:anonymous/mesh-system:unauthenticated\" cannot access the resource of "
      "type \"GlobalSecret\": Global Secrets are served only to clients on the control plane's "
      "host (loopback) because API authentication is not configured; send the request from that "
      "host, e.g. through an SSH tunnel to the API port";
  HttpServerRequest remote = Http(false);
  ExpectDenied(endpoints.Get(RouteRequest{remote, "/globalsecrets/{name}", {{"name", "g1"}}, {}}),
               detail);
  ExpectDenied(endpoints.List(RouteRequest{remote, "/global-secrets", {}, {}}), detail);
  HttpServerRequest put = Http(false, R"({"type":"GlobalSecret","name":"g2","data":"YQ=="})");
  ExpectDenied(endpoints.Put(RouteRequest{put, "/globalsecrets/{name}", {{"name", "g2"}}, {}}),
               detail);
  ExpectDenied(
      endpoints.Delete(RouteRequest{remote, "/globalsecrets/{name}", {{"name", "g1"}}, {}}),
      detail);
  EXPECT_TRUE(manager_->Get(GlobalSecretType(), ResourceKey{"", "g1"}).ok());
  EXPECT_FALSE(manager_->Get(GlobalSecretType(), ResourceKey{"", "g2"}).ok());
}

TEST_F(SecretAccessTest, LocalClientsAreServed) {
  ResourceEndpoints endpoints(*manager_, SecretType(), {});
  HttpServerRequest local = Http(true);
  auto got = endpoints.Get(RouteRequest{
      local, "/meshes/{mesh}/secrets/{name}", {{"mesh", "default"}, {"name", "s1"}}, {}});
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(Body(got)["data"], "dG9wIHNlY3JldA==");
  EXPECT_EQ(endpoints.List(RouteRequest{local, "/secrets", {}, {}}).status, 200);
}

TEST_F(SecretAccessTest, OtherKindsAreServedToRemoteClients) {
  ResourceEndpoints endpoints(*manager_, MeshType(), {});
  HttpServerRequest remote = Http(false);
  EXPECT_EQ(endpoints.Get(RouteRequest{remote, "/meshes/{name}", {{"name", "default"}}, {}}).status,
            200);
}

TEST(SecretTypeTest, SecretKindsAreAdminOnlyAndGlobalSecretHasItsAlternativePath) {
  EXPECT_TRUE(SecretType().admin_only);
  EXPECT_TRUE(GlobalSecretType().admin_only);
  EXPECT_FALSE(MeshType().admin_only);
  const auto& registry = ResourceTypeRegistry::Builtin();
  EXPECT_EQ(registry.FindByPath("global-secrets"), &GlobalSecretType());
  EXPECT_EQ(registry.FindByPath("globalsecrets"), &GlobalSecretType());
  EXPECT_EQ(registry.FindByPath("secrets"), &SecretType());
}

}  // namespace
}  // namespace meshplane
