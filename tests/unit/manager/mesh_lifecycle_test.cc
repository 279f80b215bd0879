#include "manager/mesh_lifecycle.h"

#include <google/protobuf/struct.pb.h>
#include <gtest/gtest.h>

#include "core/json_proto.h"
#include "resources/mesh/mesh_type.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_factory.h"
#include "unit/ca/test_pki.h"
#include "unit/ca/test_printers.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::Mesh;

constexpr const char* kCaChangeForbidden =
    "Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA";
constexpr const char* kUnknownType = "could not find installed plugin for this type";

Json Builtin(const std::string& name, const std::string& enabled) {
  Json mtls = {{"backends", Json::array({{{"name", name}, {"type", "builtin"}}})}};
  if (!enabled.empty()) {
    mtls["enabledBackend"] = enabled;
  }
  return {{"mtls", mtls}};
}

Json ProvidedFromSecrets(bool skip_validation) {
  Json backend = {{"name", "ca-1"},
                  {"type", "provided"},
                  {"conf", {{"cert", {{"secret", "ca-cert"}}}, {"key", {{"secret", "ca-key"}}}}}};
  Json mtls = {{"enabledBackend", "ca-1"}, {"backends", Json::array({backend})}};
  if (skip_validation) {
    mtls["skipValidation"] = true;
  }
  return {{"mtls", mtls}};
}

class MeshLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenResourceStore(StoreOptions{"memory", ""});
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin());
    RegisterMeshLifecycle(*manager_);
  }

  static Resource MeshResource(const std::string& name, const Json& spec) {
    Resource r(MeshType());
    r.meta().name = name;
    Status st = JsonToMessage(spec, &r.spec(), nullptr);
    EXPECT_TRUE(st.ok()) << st.message();
    return r;
  }

  Status Create(const std::string& name, const Json& spec) {
    Resource r = MeshResource(name, spec);
    return manager_->Create(r);
  }

  Status Update(const std::string& name, const Json& spec) {
    Resource r = MeshResource(name, spec);
    return manager_->Update(r);
  }

  // The stored spec, as JSON; null when there is no such mesh.
  Json Stored(const std::string& name) {
    auto r = manager_->Get(MeshType(), ResourceKey{"", name});
    return r.ok() ? MessageToJson(r->spec()) : Json();
  }

  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
};

std::vector<Violation> ViolationsOf(const Status& st) {
  EXPECT_EQ(st.code(), ErrorCode::kValidation) << st.message();
  return st.validation().Violations();
}

TEST_F(MeshLifecycleTest, CreateRejectsNamesLongerThan63Characters) {
  std::string name(64, 'a');
  EXPECT_EQ(ViolationsOf(Create(name, Json::object())),
            (std::vector<Violation>{{"name", "cannot be longer than 63 characters"}}));
  EXPECT_TRUE(Stored(name).is_null());

  EXPECT_TRUE(Create(std::string(63, 'a'), Json::object()).ok());
  EXPECT_FALSE(Stored(std::string(63, 'a')).is_null());
}

TEST_F(MeshLifecycleTest, NameCheckComesBeforeBackendChecks) {
  Json spec = {{"mtls", {{"backends", Json::array({{{"name", "ca-1"}, {"type", "vault"}}})}}}};
  EXPECT_EQ(ViolationsOf(Create(std::string(64, 'a'), spec)),
            (std::vector<Violation>{{"name", "cannot be longer than 63 characters"}}));
}

TEST_F(MeshLifecycleTest, CreateRejectsUnknownBackendTypeEvenWithSkipValidation) {
  Json spec = {{"mtls", {{"backends", Json::array({{{"name", "ca-1"}, {"type", "vault"}}})}}}};
  EXPECT_EQ(ViolationsOf(Create("demo", spec)),
            (std::vector<Violation>{{"mtls.backends[0].type", kUnknownType}}));
  spec["mtls"]["skipValidation"] = true;
  EXPECT_EQ(ViolationsOf(Create("demo", spec)),
            (std::vector<Violation>{{"mtls.backends[0].type", kUnknownType}}));
  EXPECT_TRUE(Stored("demo").is_null());
}

TEST_F(MeshLifecycleTest, CreateAcceptsBuiltinBackend) {
  ASSERT_TRUE(Create("demo", Builtin("ca-1", "ca-1")).ok());
  EXPECT_EQ(Stored("demo")["mtls"]["enabledBackend"], "ca-1");
}

TEST_F(MeshLifecycleTest, BuiltinNameViolationIsReportedAtTheBackendName) {
  EXPECT_EQ(
      ViolationsOf(Create("demo", Builtin("CA-1", ""))),
      (std::vector<Violation>{{"mtls.backends[0].name", "\"CA-1\" name must be valid dns name"}}));
}

TEST_F(MeshLifecycleTest, BuiltinConfViolationsAreNestedUnderConf) {
  Json spec = Builtin("ca-1", "ca-1");
  spec["mtls"]["backends"][0]["conf"] = {{"caCert", {{"expiration", "1h30m"}, {"RSAbits", 512}}}};
  EXPECT_EQ(ViolationsOf(Create("demo", spec)),
            (std::vector<Violation>{
                {"mtls.backends[0].conf.caCert.expiration", "has to be a valid format"},
                {"mtls.backends[0].conf.caCert.RSAbits", "must be one of 2048, 3072 or 4096"}}));
}

TEST_F(MeshLifecycleTest, ProvidedBackendWithMissingSecretsIsRejectedOnCertAndKey) {
  std::string message =
      R"(could not load data: resource not found: type="Secret" name="ca-key" mesh="demo")";
  EXPECT_EQ(ViolationsOf(Create("demo", ProvidedFromSecrets(false))),
            (std::vector<Violation>{{"mtls.backends[0].conf.cert", message},
                                    {"mtls.backends[0].conf.key", message}}));
  EXPECT_TRUE(Stored("demo").is_null());
}

TEST_F(MeshLifecycleTest, SkipValidationSkipsThePluginChecks) {
  ASSERT_TRUE(Create("demo", ProvidedFromSecrets(true)).ok());
  EXPECT_EQ(Stored("demo")["mtls"]["skipValidation"], true);
}

TEST_F(MeshLifecycleTest, ProvidedBackendWithValidMaterialIsAccepted) {
  test_pki::CaMaterial ca = test_pki::MakeCa();
  Json backend = {
      {"name", "ca-1"},
      {"type", "provided"},
      {"conf",
       {{"cert", {{"inlineString", ca.cert_pem}}}, {"key", {{"inlineString", ca.key_pem}}}}}};
  Json spec = {{"mtls", {{"enabledBackend", "ca-1"}, {"backends", Json::array({backend})}}}};
  ASSERT_TRUE(Create("demo", spec).ok());

  test_pki::CaMaterial other = test_pki::MakeCa();
  spec["mtls"]["backends"][0]["conf"]["key"]["inlineString"] = other.key_pem;
  EXPECT_EQ(ViolationsOf(Update("demo", spec)),
            (std::vector<Violation>{
                {"mtls.backends[0].conf.cert",
                 "not a valid TLS key pair: tls: private key does not match public key"}}));
}

TEST_F(MeshLifecycleTest, ChangingTheCaWhileMtlsIsEnabledIsRejected) {
  ASSERT_TRUE(Create("demo", Builtin("ca-1", "ca-1")).ok());
  EXPECT_EQ(ViolationsOf(Update("demo", Builtin("ca-2", "ca-2"))),
            (std::vector<Violation>{{"mtls.enabledBackend", kCaChangeForbidden}}));
  EXPECT_EQ(Stored("demo")["mtls"]["enabledBackend"], "ca-1");
}

TEST_F(MeshLifecycleTest, ChangingTheCaIsAllowedThroughDisabledMtls) {
  ASSERT_TRUE(Create("demo", Builtin("ca-1", "ca-1")).ok());
  // Disable, switch while disabled, enable the new one.
  ASSERT_TRUE(Update("demo", Builtin("ca-1", "")).ok());
  ASSERT_TRUE(Update("demo", Builtin("ca-2", "")).ok());
  ASSERT_TRUE(Update("demo", Builtin("ca-2", "ca-2")).ok());
  EXPECT_EQ(Stored("demo")["mtls"]["enabledBackend"], "ca-2");
  // Keeping the same enabled backend is not a change.
  EXPECT_TRUE(Update("demo", Builtin("ca-2", "ca-2")).ok());
}

TEST_F(MeshLifecycleTest, EnablingMtlsOnAMeshWithoutItIsAllowed) {
  ASSERT_TRUE(Create("demo", Json::object()).ok());
  EXPECT_TRUE(Update("demo", Builtin("ca-1", "ca-1")).ok());
}

TEST_F(MeshLifecycleTest, UpdateValidatesBackendsAgainstTheStoredMesh) {
  ASSERT_TRUE(Create("demo", Json::object()).ok());
  std::string message =
      R"(could not load data: resource not found: type="Secret" name="ca-key" mesh="demo")";
  EXPECT_EQ(ViolationsOf(Update("demo", ProvidedFromSecrets(false))),
            (std::vector<Violation>{{"mtls.backends[0].conf.cert", message},
                                    {"mtls.backends[0].conf.key", message}}));
  Json unknown = {{"mtls", {{"backends", Json::array({{{"name", "ca-1"}, {"type", "acm"}}})}}}};
  EXPECT_EQ(ViolationsOf(Update("demo", unknown)),
            (std::vector<Violation>{{"mtls.backends[0].type", kUnknownType}}));
  EXPECT_TRUE(Update("demo", ProvidedFromSecrets(true)).ok());
}

TEST_F(MeshLifecycleTest, DeleteWorksWithoutADataplaneKind) {
  ASSERT_TRUE(Create("demo", Builtin("ca-1", "ca-1")).ok());
  EXPECT_TRUE(manager_->Delete(MeshType(), ResourceKey{"", "demo"}).ok());
  EXPECT_TRUE(Stored("demo").is_null());
}

// A registry with a stand-in Dataplane kind, to exercise the delete rule before the real kind
// exists: the rule only cares that a resource of kind "Dataplane" is in the mesh.
class MeshDeleteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RegisterMeshType(registry_);
    ResourceTypeDescriptor dataplane;
    dataplane.name = "Dataplane";
    dataplane.plural_path = "dataplanes";
    dataplane.cli_singular = "dataplane";
    dataplane.cli_plural = "dataplanes";
    dataplane.scope = ResourceScope::kMesh;
    dataplane.spec_descriptor = google::protobuf::Struct::descriptor();
    dataplane_ = &registry_.Register(std::move(dataplane));
    auto store = SqliteStore::Open(registry_, ":memory:");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
  }

  std::unique_ptr<ResourceManager> Manager(ManagerOptions options = {}) {
    auto manager = std::make_unique<ResourceManager>(*store_, registry_, options);
    RegisterMeshLifecycle(*manager);
    return manager;
  }

  void CreateMeshWithDataplane(ResourceManager& manager) {
    Resource mesh(*registry_.FindByName("Mesh"));
    mesh.meta().name = "demo";
    ASSERT_TRUE(manager.Create(mesh).ok());
    Resource dp(*dataplane_);
    dp.meta().mesh = "demo";
    dp.meta().name = "dp-1";
    Status st = manager.Create(dp);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  ResourceTypeRegistry registry_;
  const ResourceTypeDescriptor* dataplane_ = nullptr;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(MeshDeleteTest, DataplanesBlockMeshDeletion) {
  auto manager = Manager();
  CreateMeshWithDataplane(*manager);
  const ResourceTypeDescriptor& mesh_type = *registry_.FindByName("Mesh");
  EXPECT_EQ(ViolationsOf(manager->Delete(mesh_type, ResourceKey{"", "demo"})),
            (std::vector<Violation>{
                {"mesh", "unable to delete mesh, there are still some dataplanes attached"}}));
  EXPECT_TRUE(manager->Get(mesh_type, ResourceKey{"", "demo"}).ok());

  ASSERT_TRUE(manager->Delete(*dataplane_, ResourceKey{"demo", "dp-1"}).ok());
  EXPECT_TRUE(manager->Delete(mesh_type, ResourceKey{"", "demo"}).ok());
}

TEST_F(MeshDeleteTest, DataplanesOfOtherMeshesDoNotCount) {
  auto manager = Manager();
  CreateMeshWithDataplane(*manager);
  const ResourceTypeDescriptor& mesh_type = *registry_.FindByName("Mesh");
  Resource other(mesh_type);
  other.meta().name = "other";
  ASSERT_TRUE(manager->Create(other).ok());
  EXPECT_TRUE(manager->Delete(mesh_type, ResourceKey{"", "other"}).ok());
}

TEST_F(MeshDeleteTest, UnsafeDeleteSkipsTheCheck) {
  ManagerOptions options;
  options.unsafe_delete = true;
  auto manager = Manager(options);
  CreateMeshWithDataplane(*manager);
  EXPECT_TRUE(manager->Delete(*registry_.FindByName("Mesh"), ResourceKey{"", "demo"}).ok());
}

// Several backends cannot pass spec validation today (at most one is allowed), so the
// first-unknown-type rule is checked on ValidateMtlsBackends directly.
std::vector<Violation> ValidateBackends(const Json& backends) {
  Mesh mesh;
  Status st = JsonToMessage(Json{{"mtls", {{"backends", backends}}}}, &mesh, nullptr);
  EXPECT_TRUE(st.ok()) << st.message();
  DataSourceLoader loader(MissingSecretLookup());
  return ValidateMtlsBackends("demo", mesh, CaPluginRegistry::Builtin(), loader).Violations();
}

TEST(ValidateMtlsBackendsTest, StopsAtTheFirstUnknownType) {
  EXPECT_EQ(ValidateBackends(Json::array(
                {{{"name", "a"}, {"type", "vault"}}, {{"name", "b"}, {"type", "acmpca"}}})),
            (std::vector<Violation>{{"mtls.backends[0].type", kUnknownType}}));
  // Violations of earlier backends are kept; later backends are not looked at.
  EXPECT_EQ(ValidateBackends(Json::array({{{"name", "A"}, {"type", "builtin"}},
                                          {{"name", "b"}, {"type", "vault"}},
                                          {{"name", "C"}, {"type", "builtin"}}})),
            (std::vector<Violation>{{"mtls.backends[0].name", "\"A\" name must be valid dns name"},
                                    {"mtls.backends[1].type", kUnknownType}}));
  EXPECT_EQ(ValidateBackends(Json::array(
                {{{"name", "a"}, {"type", "vault"}}, {{"name", "B"}, {"type", "builtin"}}})),
            (std::vector<Violation>{{"mtls.backends[0].type", kUnknownType}}));
}

TEST(ValidateMtlsBackendsTest, ChecksEveryBackendNotOnlyTheEnabledOne) {
  EXPECT_EQ(
      ValidateBackends(Json::array(
          {{{"name", "a"}, {"type", "builtin"}}, {{"name", "B"}, {"type", "builtin"}}})),
      (std::vector<Violation>{{"mtls.backends[1].name", "\"B\" name must be valid dns name"}}));
}

TEST(ValidateMtlsBackendsTest, EmptyTypeIsUnknown) {
  EXPECT_EQ(ValidateBackends(Json::array({{{"name", "a"}}})),
            (std::vector<Violation>{{"mtls.backends[0].type", kUnknownType}}));
}

}  // namespace
}  // namespace meshplane
