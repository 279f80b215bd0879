#include "cli/api_client.h"

#include <gtest/gtest.h>

#include "resources/mesh/mesh_type.h"

namespace meshplane {
namespace {

TEST(ApiErrorTextTest, FormatsKumaErrorsAsKumactlDoes) {
  const std::string body = R"({"type":"/std-errors","status":400,
    "title":"Could not process a resource","detail":"Resource is not valid",
    "invalid_parameters":[{"field":"mtls.enabledBackend","reason":"has to be set"},
                          {"field":"name","reason":"cannot be empty"}],
    "details":"Resource is not valid"})";
  EXPECT_EQ(ApiErrorText(400, body),
            "Could not process a resource (Resource is not valid);mtls.enabledBackend=has to be "
            "set ;name=cannot be empty ");
}

TEST(ApiErrorTextTest, KumaErrorWithoutParameters) {
  EXPECT_EQ(ApiErrorText(404, R"({"title":"Could not retrieve a resource","detail":"Not found"})"),
            "Could not retrieve a resource (Not found)");
}

TEST(ApiErrorTextTest, OtherBodiesShowStatusAndBody) {
  EXPECT_EQ(ApiErrorText(502, "bad gateway"), "(502): bad gateway");
  EXPECT_EQ(ApiErrorText(500, R"({"message":"x"})"), R"((500): {"message":"x"})");
  // A read-only answer without Kuma's shape is shown as is.
  EXPECT_EQ(ApiErrorText(405, "read only\n"), "read only\n");
}

TEST(ParseWarningHeaderTest, ExtractsQuotedTexts) {
  EXPECT_EQ(ParseWarningHeader(R"(299 - "name is deprecated")"),
            std::vector<std::string>{"name is deprecated"});
  EXPECT_EQ(ParseWarningHeader(R"(299 - "a, b", 299 kuma "say \"hi\"" "Sat, 01 Jan 2000")"),
            (std::vector<std::string>{"a, b", "say \"hi\""}));
}

TEST(ParseWarningHeaderTest, KeepsOtherShapesWhole) {
  EXPECT_EQ(ParseWarningHeader("something odd"), std::vector<std::string>{"something odd"});
}

TEST(OffsetOfNextUrlTest, ReadsTheOffsetParameter) {
  EXPECT_EQ(OffsetOfNextUrl("http://localhost:5681/meshes?offset=2&size=2"), "2");
  EXPECT_EQ(OffsetOfNextUrl("http://h/meshes?size=2&offset=a%2Bb"), "a+b");
  EXPECT_EQ(OffsetOfNextUrl("http://h/meshes?size=2"), "");
  EXPECT_EQ(OffsetOfNextUrl(""), "");
}

TEST(ApiClientPathsTest, GlobalAndMeshScopedKinds) {
  const ResourceTypeDescriptor& mesh = MeshType();
  EXPECT_EQ(ApiClient::ItemPath(mesh, "", "demo"), "/meshes/demo");
  EXPECT_EQ(ApiClient::ListPath(mesh, "ignored"), "/meshes");

  ResourceTypeDescriptor dataplane;
  dataplane.name = "Dataplane";
  dataplane.plural_path = "dataplanes";
  dataplane.scope = ResourceScope::kMesh;
  EXPECT_EQ(ApiClient::ItemPath(dataplane, "default", "web 1"),
            "/meshes/default/dataplanes/web%201");
  EXPECT_EQ(ApiClient::ListPath(dataplane, "default"), "/meshes/default/dataplanes");
}

TEST(ApiClientTest, RejectsUnsupportedUrls) {
  auto client = ApiClient::Create("https://cp:5682");
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().message(),
            "invalid API server URL \"https://cp:5682\": only http://HOST[:PORT] URLs are "
            "supported");
  EXPECT_FALSE(ApiClient::Create("localhost:5681").ok());
}

}  // namespace
}  // namespace meshplane
