// The generic routes of mesh-scoped kinds, exercised with a test kind registered beside Mesh:
// /meshes/{mesh}/{plural}[/{name}] and the cross-mesh /{plural}.
#include <gtest/gtest.h>

#include "api_server/api_server.h"
#include "api_server/rest_error.h"
#include "http/http_client.h"
#include "resources/mesh/mesh_type.h"
#include "store/sqlite/sqlite_store.h"
#include "system/v1alpha1/datasource.pb.h"

namespace meshplane {
namespace {

class MeshScopedEndpointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RegisterMeshType(registry_);
    ResourceTypeDescriptor d;
    d.name = "TestSource";
    d.plural_path = "testsources";
    d.cli_singular = "testsource";
    d.cli_plural = "testsources";
    d.singular_display = "Test Source";
    d.plural_display = "Test Sources";
    d.scope = ResourceScope::kMesh;
    d.spec_descriptor = kuma::system::v1alpha1::DataSource::descriptor();
    d.validate = [](const Resource& r) {
      ValidationError err;
      const auto& spec = r.SpecAs<kuma::system::v1alpha1::DataSource>();
      if (spec.type_case() == kuma::system::v1alpha1::DataSource::TYPE_NOT_SET) {
        err.AddViolation("",
                         "data source has to be chosen. Available sources: secret, file, "
                         "inline");
      }
      return err;
    };
    registry_.Register(std::move(d));
    type_ = registry_.FindByName("TestSource");

    auto store = SqliteStore::Open(registry_, ":memory:");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, registry_);
    ApiServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<ApiServer>(*manager_, metrics_, options);
    ASSERT_TRUE(server_->Start().ok());
    client_ = std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(server_->port()));
    for (const char* mesh : {"default", "other"}) {
      auto r = client_->Put(std::string("/meshes/") + mesh,
                            Json{{"type", "Mesh"}, {"name", mesh}}.dump());
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->status, 201) << r->body;
    }
  }

  HttpResponse Put(const std::string& target, const Json& body) {
    auto r = client_->Put(target, body.dump());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : HttpResponse{};
  }
  HttpResponse Get(const std::string& target) {
    auto r = client_->Get(target);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : HttpResponse{};
  }
  static Json Source(const std::string& mesh, const std::string& name) {
    return Json{{"type", "TestSource"}, {"mesh", mesh}, {"name", name}, {"file", "/tmp/x"}};
  }

  ResourceTypeRegistry registry_;
  const ResourceTypeDescriptor* type_ = nullptr;
  MetricsRegistry metrics_;
  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(MeshScopedEndpointsTest, CrudInsideAMesh) {
  HttpResponse created = Put("/meshes/default/testsources/s1", Source("default", "s1"));
  EXPECT_EQ(created.status, 201) << created.body;
  Json got = Json::parse(Get("/meshes/default/testsources/s1").body);
  EXPECT_EQ(got["type"], "TestSource");
  EXPECT_EQ(got["mesh"], "default");
  EXPECT_EQ(got["name"], "s1");
  EXPECT_EQ(got["file"], "/tmp/x");
  EXPECT_EQ(Get("/meshes/other/testsources/s1").status, 404);

  EXPECT_EQ(Put("/meshes/default/testsources/s1", Source("default", "s1")).status, 200);
  auto deleted = client_->Delete("/meshes/default/testsources/s1");
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->status, 200);
  EXPECT_EQ(Get("/meshes/default/testsources/s1").status, 404);
}

TEST_F(MeshScopedEndpointsTest, MissingMeshInTheUrlIs404FailedToRetrieveMesh) {
  const std::string expected = RenderJson(
      Json::parse(R"({"type":"/std-errors","status":404,"title":"Failed to retrieve Mesh",)"
                  R"("detail":"Not found","details":"Not found"})"));
  EXPECT_EQ(Get("/meshes/nope/testsources").body, expected);
  EXPECT_EQ(Get("/meshes/nope/testsources/s1").body, expected);
  HttpResponse put = Put("/meshes/nope/testsources/s1", Source("nope", "s1"));
  EXPECT_EQ(put.status, 404);
  EXPECT_EQ(put.body, expected);
  auto del = client_->Delete("/meshes/nope/testsources/s1");
  ASSERT_TRUE(del.ok());
  EXPECT_EQ(del->body, expected);
}

TEST_F(MeshScopedEndpointsTest, BodyMeshMustMatchTheUrl) {
  HttpResponse r = Put("/meshes/default/testsources/s1", Source("other", "s1"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(
      Json::parse(r.body)["invalid_parameters"],
      Json::parse(
          R"([{"field":"mesh","reason":"mesh from the URL has to be the same as in body"}])"));
}

TEST_F(MeshScopedEndpointsTest, SpecValidationUsesTheKindsValidator) {
  Json body = Source("default", "s1");
  body.erase("file");
  HttpResponse r = Put("/meshes/default/testsources/s1", body);
  EXPECT_EQ(r.status, 400);
  Json err = Json::parse(r.body);
  EXPECT_EQ(err["title"], "Could not process a resource");
  EXPECT_EQ(err["invalid_parameters"][0]["field"], "");
}

TEST_F(MeshScopedEndpointsTest, ListsPerMeshAndAcrossMeshes) {
  ASSERT_EQ(Put("/meshes/default/testsources/b", Source("default", "b")).status, 201);
  ASSERT_EQ(Put("/meshes/other/testsources/a", Source("other", "a")).status, 201);
  ASSERT_EQ(Put("/meshes/default/testsources/c", Source("default", "c")).status, 201);

  Json in_default = Json::parse(Get("/meshes/default/testsources").body);
  EXPECT_EQ(in_default["total"], 2);
  EXPECT_EQ(in_default["items"][0]["name"], "b");
  EXPECT_EQ(in_default["items"][1]["name"], "c");

  // Across meshes, sorted by (mesh, name).
  Json all = Json::parse(Get("/testsources?size=2").body);
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["items"][0]["mesh"], "default");
  EXPECT_EQ(all["items"][0]["name"], "b");
  EXPECT_EQ(all["items"][1]["name"], "c");
  EXPECT_EQ(all["next"],
            "http://127.0.0.1:" + std::to_string(server_->port()) + "/testsources?offset=2&size=2");

  Json bad = Json::parse(Get("/meshes/default/testsources?filter[x]=1").body);
  EXPECT_EQ(bad["invalid_parameters"][0]["field"], "/meshes/{mesh}/testsources.filter[x]");
}

TEST_F(MeshScopedEndpointsTest, DeletingAMeshDeletesItsResources) {
  ASSERT_EQ(Put("/meshes/other/testsources/a", Source("other", "a")).status, 201);
  auto r = client_->Delete("/meshes/other");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(Json::parse(Get("/testsources").body)["total"], 0);
}

TEST_F(MeshScopedEndpointsTest, ResourcesEndpointListsBothKinds) {
  Json resources = Json::parse(Get("/_resources").body)["resources"];
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(resources[0]["name"], "Mesh");
  EXPECT_EQ(resources[1].dump(),
            R"({"includeInFederation":false,"name":"TestSource","path":"testsources",)"
            R"("pluralDisplayName":"Test Sources","readOnly":false,"scope":"Mesh",)"
            R"("singularDisplayName":"Test Source"})");
}

}  // namespace
}  // namespace meshplane
