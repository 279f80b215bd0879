#include "manager/resource_manager.h"

#include <gtest/gtest.h>

#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/mesh/mesh_type.h"
#include "store/store_factory.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::Mesh;

class ResourceManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = OpenResourceStore({"memory", ""});
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin());
  }
  Resource MeshNamed(const std::string& name) {
    Resource r(MeshType());
    r.meta().name = name;
    return r;
  }
  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
};

TEST_F(ResourceManagerTest, DeleteOfAChangedVersionIsAConflictAndKeepsTheResource) {
  Resource mesh = MeshNamed("demo");
  ASSERT_TRUE(manager_->Create(mesh).ok());
  int64_t read_version = mesh.meta().version;
  mesh.SpecAs<Mesh>().mutable_routing()->set_zoneegress(false);
  ASSERT_TRUE(manager_->Update(mesh).ok());  // someone else writes meanwhile

  Status st = manager_->Delete(MeshType(), {"", "demo"}, read_version);
  EXPECT_EQ(st.code(), ErrorCode::kConflict);
  EXPECT_TRUE(manager_->Get(MeshType(), {"", "demo"}).ok());
  EXPECT_TRUE(manager_->Delete(MeshType(), {"", "demo"}, mesh.meta().version).ok());
  EXPECT_TRUE(manager_->Get(MeshType(), {"", "demo"}).status().IsNotFound());
}

TEST_F(ResourceManagerTest, UpdateWithAStaleVersionIsAConflict) {
  Resource mesh = MeshNamed("demo");
  ASSERT_TRUE(manager_->Create(mesh).ok());
  Resource stale = mesh;
  ASSERT_TRUE(manager_->Update(mesh).ok());
  stale.SpecAs<Mesh>().mutable_routing()->set_localityawareloadbalancing(true);
  EXPECT_EQ(manager_->Update(stale).code(), ErrorCode::kConflict);
  EXPECT_FALSE(manager_->Get(MeshType(), {"", "demo"})
                   ->SpecAs<Mesh>()
                   .routing()
                   .localityawareloadbalancing());
}

TEST_F(ResourceManagerTest, InvalidSpecIsRejectedAndNothingIsStored) {
  Resource mesh = MeshNamed("broken");
  mesh.SpecAs<Mesh>().mutable_mtls()->set_enabledbackend("missing");
  Status st = manager_->Create(mesh);
  ASSERT_EQ(st.code(), ErrorCode::kValidation);
  EXPECT_EQ(st.validation().Violations().at(0).field, "mtls.enabledBackend");
  EXPECT_TRUE(manager_->Get(MeshType(), {"", "broken"}).status().IsNotFound());
}

}  // namespace
}  // namespace meshplane
