#include "manager/secret_lifecycle.h"

#include <gtest/gtest.h>

#include "ca/builtin/builtin_ca_plugin.h"
#include "core/json_proto.h"
#include "manager/mesh_lifecycle.h"
#include "resources/mesh/mesh_type.h"
#include "resources/secret/secret_type.h"
#include "store/store_factory.h"
#include "unit/ca/test_pki.h"
#include "unit/ca/test_printers.h"

namespace meshplane {
namespace {

Json BuiltinMtls(const std::string& backend, const std::string& enabled) {
  Json mtls = {{"backends", Json::array({{{"name", backend}, {"type", "builtin"}}})}};
  if (!enabled.empty()) {
    mtls["enabledBackend"] = enabled;
  }
  return {{"mtls", mtls}};
}

Json ProvidedMtls(const std::string& cert_secret, const std::string& key_secret,
                  const std::string& enabled) {
  Json backend = {
      {"name", "ca-1"},
      {"type", "provided"},
      {"conf", {{"cert", {{"secret", cert_secret}}}, {"key", {{"secret", key_secret}}}}}};
  Json mtls = {{"backends", Json::array({backend})}};
  if (!enabled.empty()) {
    mtls["enabledBackend"] = enabled;
  }
  return {{"mtls", mtls}};
}

class SecretLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(ManagerOptions{}); }

  void Open(ManagerOptions options) {
    manager_.reset();
    auto store = OpenResourceStore(StoreOptions{"memory", ""});
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin(), options);
    RegisterMeshLifecycle(*manager_);
    RegisterSecretLifecycle(*manager_);
  }

  void CreateMesh(const std::string& name, const Json& spec = Json::object()) {
    Resource r(MeshType());
    r.meta().name = name;
    ASSERT_TRUE(JsonToMessage(spec, &r.spec(), nullptr).ok());
    Status st = manager_->Create(r);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  void UpdateMesh(const std::string& name, const Json& spec) {
    Resource r(MeshType());
    r.meta().name = name;
    ASSERT_TRUE(JsonToMessage(spec, &r.spec(), nullptr).ok());
    Status st = manager_->Update(r);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  void CreateSecret(const std::string& mesh, const std::string& name,
                    const std::string& data = "opaque") {
    Resource r = NewSecret(SecretType(), mesh, name, data);
    Status st = manager_->Create(r);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  Status DeleteSecret(const std::string& mesh, const std::string& name) {
    return manager_->Delete(SecretType(), ResourceKey{mesh, name});
  }

  bool SecretExists(const std::string& mesh, const std::string& name) {
    return manager_->Get(SecretType(), ResourceKey{mesh, name}).ok();
  }

  // A mesh "demo" whose provided backend "ca-1" reads Secrets "ca-cert" and "ca-key".
  void CreateProvidedMesh(const std::string& enabled) {
    test_pki::CaMaterial ca = test_pki::MakeCa();
    CreateMesh("demo");
    CreateSecret("demo", "ca-cert", ca.cert_pem);
    CreateSecret("demo", "ca-key", ca.key_pem);
    UpdateMesh("demo", ProvidedMtls("ca-cert", "ca-key", enabled));
  }

  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
};

std::vector<Violation> ViolationsOf(const Status& st) {
  EXPECT_EQ(st.code(), ErrorCode::kValidation) << st.message();
  return st.validation().Violations();
}

TEST(SecretInUseMessageTest, IsKumasText) {
  EXPECT_EQ(SecretInUseMessage("ca-cert", "demo", "ca-1"),
            "The secret \"ca-cert\" that you are trying to remove is currently in use in Mesh "
            "\"demo\" in mTLS backend \"ca-1\". Please remove the reference from the \"ca-1\" "
            "backend before removing the secret.");
}

TEST_F(SecretLifecycleTest, SecretOfEnabledBuiltinBackendCannotBeDeleted) {
  CreateMesh("demo", BuiltinMtls("ca-1", "ca-1"));
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  const std::string key = BuiltinCaKeySecretName("demo", "ca-1");
  // The mesh write made the CA pair; both are protected.
  ASSERT_TRUE(SecretExists("demo", cert));
  ASSERT_TRUE(SecretExists("demo", key));

  EXPECT_EQ(ViolationsOf(DeleteSecret("demo", cert)),
            (std::vector<Violation>{{"name", SecretInUseMessage(cert, "demo", "ca-1")}}));
  EXPECT_EQ(ViolationsOf(DeleteSecret("demo", key)),
            (std::vector<Violation>{
                {"name",
                 "The secret \"demo.ca-builtin-key-ca-1\" that you are trying to remove is "
                 "currently in use in Mesh \"demo\" in mTLS backend \"ca-1\". Please remove the "
                 "reference from the \"ca-1\" backend before removing the secret."}}));
  EXPECT_TRUE(SecretExists("demo", cert));
  EXPECT_TRUE(SecretExists("demo", key));
}

TEST_F(SecretLifecycleTest, SecretOfDisabledBackendIsProtectedToo) {
  CreateMesh("demo", BuiltinMtls("ca-1", ""));
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  ASSERT_TRUE(SecretExists("demo", cert));
  EXPECT_EQ(ViolationsOf(DeleteSecret("demo", cert)),
            (std::vector<Violation>{{"name", SecretInUseMessage(cert, "demo", "ca-1")}}));
  EXPECT_TRUE(SecretExists("demo", cert));
}

TEST_F(SecretLifecycleTest, TokenSigningKeyIsNotProtected) {
  // Every new mesh gets one; no CA backend uses it, so deleting it (to rotate) is allowed.
  CreateMesh("demo", BuiltinMtls("ca-1", "ca-1"));
  const std::string signing_key = "dataplane-token-signing-key-demo-1";
  ASSERT_TRUE(SecretExists("demo", signing_key));
  Status st = DeleteSecret("demo", signing_key);
  EXPECT_TRUE(st.ok()) << st.message();
  EXPECT_FALSE(SecretExists("demo", signing_key));
}

TEST_F(SecretLifecycleTest, SecretReferencedByProvidedBackendCannotBeDeleted) {
  CreateProvidedMesh("ca-1");
  EXPECT_EQ(ViolationsOf(DeleteSecret("demo", "ca-cert")),
            (std::vector<Violation>{{"name", SecretInUseMessage("ca-cert", "demo", "ca-1")}}));
  EXPECT_EQ(ViolationsOf(DeleteSecret("demo", "ca-key")),
            (std::vector<Violation>{{"name", SecretInUseMessage("ca-key", "demo", "ca-1")}}));
  EXPECT_TRUE(SecretExists("demo", "ca-cert"));
}

TEST_F(SecretLifecycleTest, SecretDeletesOnceTheBackendNoLongerReferencesIt) {
  CreateProvidedMesh("");
  EXPECT_FALSE(DeleteSecret("demo", "ca-cert").ok());
  UpdateMesh("demo", Json::object());
  EXPECT_TRUE(DeleteSecret("demo", "ca-cert").ok());
  EXPECT_FALSE(SecretExists("demo", "ca-cert"));
}

TEST_F(SecretLifecycleTest, UnusedSecretDeletes) {
  CreateProvidedMesh("ca-1");
  CreateSecret("demo", "unused");
  Status st = DeleteSecret("demo", "unused");
  EXPECT_TRUE(st.ok()) << st.message();
  EXPECT_FALSE(SecretExists("demo", "unused"));
}

TEST_F(SecretLifecycleTest, SameNameInAnotherMeshIsNotProtected) {
  CreateMesh("demo", BuiltinMtls("ca-1", "ca-1"));
  CreateMesh("other");
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  // "demo" has its CA certificate; "other" gets a Secret of the same name by hand.
  CreateSecret("other", cert, "in other");

  // Two resources: each mesh has its own.
  auto in_demo = manager_->Get(SecretType(), ResourceKey{"demo", cert});
  auto in_other = manager_->Get(SecretType(), ResourceKey{"other", cert});
  ASSERT_TRUE(in_demo.ok());
  ASSERT_TRUE(in_other.ok());
  EXPECT_EQ(SecretData(*in_demo).rfind("-----BEGIN CERTIFICATE-----", 0), 0u);
  EXPECT_EQ(SecretData(*in_other), "in other");

  EXPECT_TRUE(DeleteSecret("other", cert).ok());
  EXPECT_FALSE(SecretExists("other", cert));
  EXPECT_TRUE(SecretExists("demo", cert));
  EXPECT_FALSE(DeleteSecret("demo", cert).ok());
}

TEST_F(SecretLifecycleTest, SecretsOfADeletedMeshGoWithIt) {
  CreateMesh("demo", BuiltinMtls("ca-1", "ca-1"));
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  CreateSecret("demo", "unused");
  ASSERT_TRUE(SecretExists("demo", cert));
  // The protected CA Secrets do not stop the mesh from being deleted.
  Status st = manager_->Delete(MeshType(), ResourceKey{"", "demo"});
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_FALSE(SecretExists("demo", cert));
  EXPECT_FALSE(SecretExists("demo", BuiltinCaKeySecretName("demo", "ca-1")));
  EXPECT_FALSE(SecretExists("demo", "dataplane-token-signing-key-demo-1"));
  EXPECT_FALSE(SecretExists("demo", "unused"));
}

TEST_F(SecretLifecycleTest, SecretWhoseMeshIsGoneDeletes) {
  // Written behind the manager's back: a store that lost the mesh but kept the secret.
  Resource orphan = NewSecret(SecretType(), "gone", "left-over", "x");
  ASSERT_TRUE(store_->Create(orphan).ok());
  Status st = DeleteSecret("gone", "left-over");
  EXPECT_TRUE(st.ok()) << st.message();
  EXPECT_FALSE(SecretExists("gone", "left-over"));
}

TEST_F(SecretLifecycleTest, UnsafeDeleteSkipsTheCheck) {
  Open(ManagerOptions{.unsafe_delete = true});
  CreateMesh("demo", BuiltinMtls("ca-1", "ca-1"));
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  ASSERT_TRUE(SecretExists("demo", cert));
  EXPECT_TRUE(DeleteSecret("demo", cert).ok());
  EXPECT_FALSE(SecretExists("demo", cert));
}

TEST_F(SecretLifecycleTest, GlobalSecretWithACaSecretNameDeletes) {
  CreateMesh("demo", BuiltinMtls("ca-1", "ca-1"));
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  Resource global = NewSecret(GlobalSecretType(), "", cert, "x");
  ASSERT_TRUE(manager_->Create(global).ok());
  EXPECT_TRUE(manager_->Delete(GlobalSecretType(), ResourceKey{"", cert}).ok());
}

}  // namespace
}  // namespace meshplane
