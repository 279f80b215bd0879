#include "defaults/initial_mesh_resources.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <set>

#include "core/json_proto.h"
#include "defaults/default_mesh.h"
#include "manager/mesh_lifecycle.h"
#include "resources/mesh/mesh_type.h"
#include "resources/policy/policy_types.h"
#include "resources/secret/secret_type.h"
#include "store/store_factory.h"

namespace meshplane {
namespace {

// Fails every Create of one type; everything else goes to the real store.
class FailingCreateStore : public ResourceStore {
 public:
  FailingCreateStore(ResourceStore& inner, std::string type) : inner_(inner), type_(type) {}
  Status Create(Resource& r, const CreateOptions& o) override {
    if (r.type().name == type_) {
      return Status::Internal("injected fault");
    }
    return inner_.Create(r, o);
  }
  Status Update(Resource& r, const UpdateOptions& o) override { return inner_.Update(r, o); }
  Status Delete(const ResourceTypeDescriptor& t, const ResourceKey& k,
                const DeleteOptions& o) override {
    return inner_.Delete(t, k, o);
  }
  Result<Resource> Get(const ResourceTypeDescriptor& t, const ResourceKey& k) override {
    return inner_.Get(t, k);
  }
  Result<ResourceList> List(const ResourceTypeDescriptor& t, const ListOptions& o) override {
    return inner_.List(t, o);
  }
  Status Transact(const std::function<Status(ResourceStore&)>& fn) override {
    return inner_.Transact([&](ResourceStore& tx) {
      FailingCreateStore wrapped(tx, type_);
      return fn(wrapped);
    });
  }
  int Subscribe(ChangeListener l) override { return inner_.Subscribe(std::move(l)); }
  void Unsubscribe(int id) override { inner_.Unsubscribe(id); }
  std::string Kind() const override { return inner_.Kind(); }

 private:
  ResourceStore& inner_;
  std::string type_;
};

class InitialMeshResourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenResourceStore(StoreOptions{"memory", ""});
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin());
    RegisterMeshLifecycle(*manager_);
  }

  Status CreateMesh(const std::string& name, const Json& spec = Json::object()) {
    Resource r(MeshType());
    r.meta().name = name;
    EXPECT_TRUE(JsonToMessage(spec, &r.spec(), nullptr).ok());
    return manager_->Create(r);
  }

  // "<Type>/<name>" of every resource of the initial kinds in `mesh`.
  std::set<std::string> Names(const std::string& mesh) {
    std::set<std::string> out;
    for (const char* t :
         {"Secret", "MeshTimeout", "MeshRetry", "MeshCircuitBreaker", "MeshTrafficPermission"}) {
      ListOptions opts;
      opts.mesh = mesh;
      auto list = store_->List(*ResourceTypeRegistry::Builtin().FindByName(t), opts);
      EXPECT_TRUE(list.ok());
      for (const Resource& r : list->items) {
        out.insert(std::string(t) + "/" + r.meta().name);
      }
    }
    return out;
  }

  Json SpecOf(const ResourceTypeDescriptor& type, const std::string& mesh,
              const std::string& name) {
    auto r = store_->Get(type, ResourceKey{mesh, name});
    EXPECT_TRUE(r.ok()) << name;
    return r.ok() ? MessageToJson(r->spec()) : Json();
  }

  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
};

const std::set<std::string> kAll = {
    "Secret/dataplane-token-signing-key-m-1", "MeshTimeout/mesh-timeout-all-m",
    "MeshTimeout/mesh-gateways-timeout-all-m", "MeshCircuitBreaker/mesh-circuit-breaker-all-m",
    "MeshRetry/mesh-retry-all-m"};

TEST_F(InitialMeshResourcesTest, SkipListSelectsWhatIsCreated) {
  struct Case {
    Json skip;
    std::set<std::string> expected;
  } cases[] = {
      {Json::array(), kAll},
      {Json::array({"MeshTimeout"}),
       {"Secret/dataplane-token-signing-key-m-1", "MeshCircuitBreaker/mesh-circuit-breaker-all-m",
        "MeshRetry/mesh-retry-all-m"}},
      {Json::array({"MeshRetry", "MeshCircuitBreaker"}),
       {"Secret/dataplane-token-signing-key-m-1", "MeshTimeout/mesh-timeout-all-m",
        "MeshTimeout/mesh-gateways-timeout-all-m"}},
      {Json::array({"*"}), {"Secret/dataplane-token-signing-key-m-1"}},
      {Json::array({"unknown", "mesh-retry-all", "meshtimeout"}), kAll},
  };
  for (const Case& c : cases) {
    ASSERT_TRUE(CreateMesh("m", {{"skipCreatingInitialPolicies", c.skip}}).ok());
    EXPECT_EQ(Names("m"), c.expected) << c.skip.dump();
    ASSERT_TRUE(manager_->Delete(MeshType(), ResourceKey{"", "m"}).ok());
    EXPECT_TRUE(Names("m").empty());
  }
}

TEST_F(InitialMeshResourcesTest, PoliciesHaveKumasExactSpecsAndLabels) {
  ASSERT_TRUE(CreateMesh("m").ok());
  EXPECT_EQ(SpecOf(MeshTimeoutType(), "m", "mesh-timeout-all-m"), Json::parse(R"({
    "targetRef": {"kind": "Mesh", "proxyTypes": ["Sidecar"]},
    "from": [{"targetRef": {"kind": "Mesh"},
              "default": {"connectionTimeout": "10s", "idleTimeout": "2h0m0s",
                          "http": {"requestTimeout": "0s", "streamIdleTimeout": "1h0m0s",
                                   "maxStreamDuration": "0s"}}}],
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"connectionTimeout": "5s", "idleTimeout": "1h0m0s",
                        "http": {"requestTimeout": "15s", "streamIdleTimeout": "30m0s"}}}]})"));
  EXPECT_EQ(SpecOf(MeshTimeoutType(), "m", "mesh-gateways-timeout-all-m"), Json::parse(R"({
    "targetRef": {"kind": "Mesh", "proxyTypes": ["Gateway"]},
    "from": [{"targetRef": {"kind": "Mesh"},
              "default": {"idleTimeout": "5m0s",
                          "http": {"streamIdleTimeout": "5s", "requestHeadersTimeout": "500ms"}}}],
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"idleTimeout": "1h0m0s", "http": {"streamIdleTimeout": "5s"}}}]})"));
  EXPECT_EQ(SpecOf(MeshCircuitBreakerType(), "m", "mesh-circuit-breaker-all-m"), Json::parse(R"({
    "targetRef": {"kind": "Mesh"},
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"connectionLimits": {"maxConnections": 1024, "maxPendingRequests": 1024,
                                             "maxRequests": 1024, "maxRetries": 3}}}]})"));
  EXPECT_EQ(SpecOf(MeshRetryType(), "m", "mesh-retry-all-m"), Json::parse(R"({
    "targetRef": {"kind": "Mesh"},
    "to": [{"targetRef": {"kind": "Mesh"},
            "default": {"tcp": {"maxConnectAttempt": 5},
                        "http": {"numRetries": 5, "perTryTimeout": "16s",
                                 "backOff": {"baseInterval": "25ms", "maxInterval": "250ms"}},
                        "grpc": {"numRetries": 5, "perTryTimeout": "16s",
                                 "backOff": {"baseInterval": "25ms", "maxInterval": "250ms"}}}}]})"));
  auto retry = store_->Get(MeshRetryType(), ResourceKey{"m", "mesh-retry-all-m"});
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->meta().labels, (Labels{{"kuma.io/env", "universal"},
                                          {"kuma.io/mesh", "m"},
                                          {"kuma.io/origin", "zone"},
                                          {"kuma.io/zone", "default"}}));
  // The specs pass the kinds' own validation.
  EXPECT_TRUE(retry->type().validate(*retry).Ok());
  auto gw = store_->Get(MeshTimeoutType(), ResourceKey{"m", "mesh-gateways-timeout-all-m"});
  EXPECT_TRUE(gw->type().validate(*gw).Ok());
}

TEST_F(InitialMeshResourcesTest, SigningKeyIsAnRsa2048Pkcs1Pem) {
  ASSERT_TRUE(CreateMesh("m", {{"skipCreatingInitialPolicies", {"*"}}}).ok());
  auto key = store_->Get(SecretType(), ResourceKey{"m", "dataplane-token-signing-key-m-1"});
  ASSERT_TRUE(key.ok());
  const std::string& pem = SecretData(*key);
  EXPECT_EQ(pem.rfind("-----BEGIN RSA PRIVATE KEY-----\n", 0), 0u);
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  ASSERT_NE(pkey, nullptr);
  EXPECT_EQ(EVP_PKEY_get_base_id(pkey), EVP_PKEY_RSA);
  EXPECT_EQ(EVP_PKEY_get_bits(pkey), 2048);
  EVP_PKEY_free(pkey);
  BIO_free(bio);
}

TEST_F(InitialMeshResourcesTest, UpdateCreatesAndDeletesNothing) {
  ASSERT_TRUE(CreateMesh("m", {{"skipCreatingInitialPolicies", {"MeshRetry"}}}).ok());
  std::set<std::string> before = Names("m");
  Resource r(MeshType());
  r.meta().name = "m";
  ASSERT_TRUE(JsonToMessage({{"skipCreatingInitialPolicies", {"*"}}}, &r.spec(), nullptr).ok());
  ASSERT_TRUE(manager_->Update(r).ok());
  EXPECT_EQ(Names("m"), before);
  EXPECT_EQ(before.count("MeshRetry/mesh-retry-all-m"), 0u);
}

TEST_F(InitialMeshResourcesTest, AFailingPolicyWriteLeavesNoMesh) {
  FailingCreateStore faulty(*store_, "MeshRetry");
  ResourceManager manager(faulty, ResourceTypeRegistry::Builtin());
  RegisterMeshLifecycle(manager);
  Resource r(MeshType());
  r.meta().name = "m";
  Status st = manager.Create(r);
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(store_->Get(MeshType(), ResourceKey{"", "m"}).status().IsNotFound());
  EXPECT_TRUE(Names("m").empty());
}

TEST_F(InitialMeshResourcesTest, MeshDeleteTakesEveryMeshScopedResourceAndOnlyItsOwn) {
  ASSERT_TRUE(CreateMesh("a").ok());
  ASSERT_TRUE(CreateMesh("b").ok());
  // The same policy name in two meshes is two resources.
  for (const char* mesh : {"a", "b"}) {
    Resource mtp(MeshTrafficPermissionType());
    mtp.meta().mesh = mesh;
    mtp.meta().name = "allow";
    ASSERT_TRUE(
        JsonToMessage(
            Json::parse(R"({"from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]})"),
            &mtp.spec(), nullptr)
            .ok());
    ASSERT_TRUE(manager_->Create(mtp).ok());
    Resource secret = NewSecret(SecretType(), mesh, "user-secret", "x");
    ASSERT_TRUE(manager_->Create(secret).ok());
  }
  std::set<std::string> b_before = Names("b");
  EXPECT_EQ(b_before.size(), 7u);
  ASSERT_TRUE(manager_->Delete(MeshType(), ResourceKey{"", "a"}).ok());
  EXPECT_TRUE(Names("a").empty());
  EXPECT_EQ(Names("b"), b_before);
}

TEST_F(InitialMeshResourcesTest, DefaultMeshAtStartupHasThem) {
  ASSERT_TRUE(EnsureDefaultMesh(*manager_, false).ok());
  EXPECT_EQ(Names("default").size(), 5u);
  EXPECT_EQ(Names("default").count("MeshRetry/mesh-retry-all-default"), 1u);
}

}  // namespace
}  // namespace meshplane
