#include "resources/secret/secret_k8s_codec.h"

#include <gtest/gtest.h>

#include "core/resource_codec.h"
#include "core/yaml_json.h"
#include "resources/secret/secret_type.h"

namespace meshplane {
namespace {

Result<DecodedResource> Decode(const std::string& yaml) {
  auto json = YamlToJson(yaml);
  EXPECT_TRUE(json.ok()) << json.status().message();
  return DecodeResource(*json, ResourceTypeRegistry::Builtin());
}

TEST(SecretK8sCodecTest, MeshSecretIsANativeSecretWithTheMeshLabel) {
  Resource secret = NewSecret(SecretType(), "demo", "s1", "hello");
  Json k8s = EncodeKubernetes(secret);
  EXPECT_EQ(k8s["apiVersion"], "v1");
  EXPECT_EQ(k8s["kind"], "Secret");
  EXPECT_EQ(k8s["type"], "system.kuma.io/secret");
  EXPECT_EQ(k8s["metadata"]["name"], "s1");
  EXPECT_EQ(k8s["metadata"]["labels"], (Json{{"kuma.io/mesh", "demo"}}));
  EXPECT_EQ(k8s["data"], (Json{{"value", "aGVsbG8="}}));
  EXPECT_FALSE(k8s.contains("spec"));
  EXPECT_FALSE(k8s.contains("mesh"));
}

TEST(SecretK8sCodecTest, GlobalSecretHasItsTypeAndNoMeshLabel) {
  Resource secret = NewSecret(GlobalSecretType(), "", "g1", "hello");
  Json k8s = EncodeKubernetes(secret);
  EXPECT_EQ(k8s["kind"], "Secret");
  EXPECT_EQ(k8s["type"], "system.kuma.io/global-secret");
  EXPECT_FALSE(k8s["metadata"].contains("labels"));
  EXPECT_EQ(k8s["data"]["value"], "aGVsbG8=");
}

TEST(SecretK8sCodecTest, DecodesBothKindsByType) {
  auto mesh_secret = Decode(
      "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/secret\n"
      "metadata:\n  name: s1\n  namespace: kuma-system\n  labels:\n    kuma.io/mesh: demo\n"
      "    team: core\n"
      "data:\n  value: aGVsbG8=\n");
  ASSERT_TRUE(mesh_secret.ok()) << mesh_secret.status().message();
  const Resource& s = mesh_secret->resource;
  EXPECT_EQ(s.type().name, "Secret");
  EXPECT_EQ(s.meta().mesh, "demo");
  EXPECT_EQ(s.meta().name, "s1");
  EXPECT_EQ(s.meta().labels, (Labels{{"team", "core"}}));
  EXPECT_EQ(SecretData(s), "hello");
  EXPECT_TRUE(mesh_secret->warnings.empty());

  auto global = Decode(
      "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/global-secret\n"
      "metadata:\n  name: g1\ndata:\n  value: aGVsbG8=\n");
  ASSERT_TRUE(global.ok()) << global.status().message();
  EXPECT_EQ(global->resource.type().name, "GlobalSecret");
  EXPECT_EQ(global->resource.meta().mesh, "");
  EXPECT_EQ(SecretData(global->resource), "hello");
}

TEST(SecretK8sCodecTest, MeshDefaultsToDefault) {
  auto decoded = Decode(
      "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/secret\n"
      "metadata:\n  name: s1\ndata:\n  value: YQ==\n");
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->resource.meta().mesh, "default");
}

TEST(SecretK8sCodecTest, RoundTrips) {
  Resource secret = NewSecret(SecretType(), "demo", "s1", std::string("\0\x01\xff", 3));
  secret.meta().labels = {{"team", "core"}};
  auto decoded = DecodeResource(EncodeKubernetes(secret), ResourceTypeRegistry::Builtin());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->resource.meta().mesh, "demo");
  EXPECT_EQ(decoded->resource.meta().labels, secret.meta().labels);
  EXPECT_EQ(SecretData(decoded->resource), SecretData(secret));
}

TEST(SecretK8sCodecTest, WebhookViolations) {
  auto empty =
      Decode("apiVersion: v1\nkind: Secret\ntype: system.kuma.io/secret\nmetadata:\n  name: s1\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kValidation);
  EXPECT_EQ(empty.status().validation().Violations(),
            (std::vector<Violation>{{"data.value", "cannot be empty."}}));

  auto global_with_mesh = Decode(
      "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/global-secret\n"
      "metadata:\n  name: g1\n  labels:\n    kuma.io/mesh: demo\ndata:\n  value: YQ==\n");
  ASSERT_FALSE(global_with_mesh.ok());
  EXPECT_EQ(global_with_mesh.status().validation().Violations(),
            (std::vector<Violation>{
                {"metadata.labels[\"kuma.io/mesh\"]", "mesh cannot be set on global secret"}}));
}

TEST(SecretK8sCodecTest, OtherSecretTypesAndBadDataAreRefused) {
  auto opaque = Decode(
      "apiVersion: v1\nkind: Secret\ntype: Opaque\nmetadata:\n  name: s1\n"
      "data:\n  value: YQ==\n");
  ASSERT_FALSE(opaque.ok());
  EXPECT_EQ(opaque.status().message(),
            "unsupported Secret type \"Opaque\": expected \"system.kuma.io/secret\" or "
            "\"system.kuma.io/global-secret\"");

  auto bad = Decode(
      "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/secret\nmetadata:\n  name: s1\n"
      "data:\n  value: '!!!'\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kBadRequest);
  EXPECT_EQ(bad.status().message().rfind("data.value: ", 0), 0u) << bad.status().message();
}

TEST(SecretK8sCodecTest, UnknownFieldsAreWarnings) {
  auto decoded = Decode(
      "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/secret\nmetadata:\n  name: s1\n"
      "immutable: true\ndata:\n  value: YQ==\n  other: Yg==\n");
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->warnings, (std::vector<std::string>{"unknown field \"data.other\"",
                                                         "unknown field \"immutable\""}));
}

}  // namespace
}  // namespace meshplane
