#include "defaults/default_mesh.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "manager/resource_manager.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/mesh/mesh_type.h"
#include "store/store_factory.h"

namespace meshplane {
namespace {

namespace fs = std::filesystem;
using kuma::mesh::v1alpha1::Mesh;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/meshplane-defaults-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A store plus a manager over it, as the control plane builds them.
struct Stack {
  explicit Stack(const StoreOptions& options) {
    auto opened = OpenResourceStore(options);
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    store = std::move(opened).value();
    manager = std::make_unique<ResourceManager>(*store, ResourceTypeRegistry::Builtin());
  }
  std::unique_ptr<ResourceStore> store;
  std::unique_ptr<ResourceManager> manager;
};

std::vector<std::string> MeshNames(ResourceManager& manager) {
  auto list = manager.List(MeshType());
  EXPECT_TRUE(list.ok()) << list.status().message();
  std::vector<std::string> names;
  if (list.ok()) {
    for (const Resource& r : list->items) {
      names.push_back(r.meta().name);
    }
  }
  return names;
}

TEST(DefaultMeshTest, CreatesMeshDefaultWithAnEmptySpec) {
  Stack s(StoreOptions{"memory", ""});
  ASSERT_TRUE(EnsureDefaultMesh(*s.manager, false).ok());
  auto mesh = s.manager->Get(MeshType(), ResourceKey{"", "default"});
  ASSERT_TRUE(mesh.ok()) << mesh.status().message();
  EXPECT_EQ(mesh->meta().version, 1);
  const Mesh& spec = mesh->SpecAs<Mesh>();
  EXPECT_FALSE(spec.has_mtls());
  EXPECT_FALSE(spec.has_constraints());
  EXPECT_EQ(spec.skipcreatinginitialpolicies_size(), 0);
}

TEST(DefaultMeshTest, SecondCallLeavesTheExistingMeshUntouched) {
  Stack s(StoreOptions{"memory", ""});
  ASSERT_TRUE(EnsureDefaultMesh(*s.manager, false).ok());
  auto first = s.manager->Get(MeshType(), ResourceKey{"", "default"});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(EnsureDefaultMesh(*s.manager, false).ok());
  auto second = s.manager->Get(MeshType(), ResourceKey{"", "default"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->meta().version, first->meta().version);
  EXPECT_EQ(second->meta().modification_time, first->meta().modification_time);
  EXPECT_EQ(MeshNames(*s.manager), std::vector<std::string>{"default"});
}

TEST(DefaultMeshTest, UserChangesToDefaultAreKept) {
  Stack s(StoreOptions{"memory", ""});
  Resource mine(MeshType());
  mine.meta().name = "default";
  mine.SpecAs<Mesh>().add_skipcreatinginitialpolicies("*");
  ASSERT_TRUE(s.manager->Create(mine).ok());
  ASSERT_TRUE(EnsureDefaultMesh(*s.manager, false).ok());
  auto mesh = s.manager->Get(MeshType(), ResourceKey{"", "default"});
  ASSERT_TRUE(mesh.ok());
  EXPECT_EQ(mesh->SpecAs<Mesh>().skipcreatinginitialpolicies_size(), 1);
}

TEST(DefaultMeshTest, ADeletedDefaultMeshComesBackAtTheNextStart) {
  TempDir dir;
  const StoreOptions options{"sqlite", dir.File("cp.db")};
  {
    Stack s(options);
    ASSERT_TRUE(EnsureDefaultMesh(*s.manager, false).ok());
    ASSERT_TRUE(s.manager->Delete(MeshType(), ResourceKey{"", "default"}).ok());
  }
  Stack restarted(options);
  ASSERT_TRUE(EnsureDefaultMesh(*restarted.manager, false).ok());
  EXPECT_EQ(MeshNames(*restarted.manager), std::vector<std::string>{"default"});
}

TEST(DefaultMeshTest, SkipFlagCreatesNothing) {
  Stack s(StoreOptions{"memory", ""});
  ASSERT_TRUE(EnsureDefaultMesh(*s.manager, true).ok());
  EXPECT_TRUE(MeshNames(*s.manager).empty());
}

// A store that answers the first Get of a Mesh with NotFound although it exists, as a Get
// does when another instance creates the mesh right after it.
class StaleFirstReadStore : public ResourceStore {
 public:
  explicit StaleFirstReadStore(ResourceStore& inner) : inner_(inner) {}
  Status Create(Resource& r, const CreateOptions& o) override { return inner_.Create(r, o); }
  Status Update(Resource& r, const UpdateOptions& o) override { return inner_.Update(r, o); }
  Status Delete(const ResourceTypeDescriptor& t, const ResourceKey& k,
                const DeleteOptions& o) override {
    return inner_.Delete(t, k, o);
  }
  Result<Resource> Get(const ResourceTypeDescriptor& t, const ResourceKey& k) override {
    if (!stale_read_done_) {
      stale_read_done_ = true;
      return Status::NotFound("not found");
    }
    return inner_.Get(t, k);
  }
  Result<ResourceList> List(const ResourceTypeDescriptor& t, const ListOptions& o) override {
    return inner_.List(t, o);
  }
  Status Transact(const std::function<Status(ResourceStore& tx)>& fn) override {
    return inner_.Transact(fn);
  }
  int Subscribe(ChangeListener l) override { return inner_.Subscribe(std::move(l)); }
  void Unsubscribe(int id) override { inner_.Unsubscribe(id); }
  std::string Kind() const override { return inner_.Kind(); }

 private:
  ResourceStore& inner_;
  bool stale_read_done_ = false;
};

TEST(DefaultMeshTest, LosingTheCreationRaceCountsAsSuccess) {
  Stack s(StoreOptions{"memory", ""});
  ASSERT_TRUE(EnsureDefaultMesh(*s.manager, false).ok());  // the other instance won
  StaleFirstReadStore stale(*s.store);
  ResourceManager late(stale, ResourceTypeRegistry::Builtin());
  Status st = EnsureDefaultMesh(late, false);
  EXPECT_TRUE(st.ok()) << st.message();
  auto mesh = s.manager->Get(MeshType(), ResourceKey{"", "default"});
  ASSERT_TRUE(mesh.ok());
  EXPECT_EQ(mesh->meta().version, 1);
}

// Two control planes starting at once on one database: both succeed, one `default` exists.
TEST(DefaultMeshTest, ConcurrentStartsOnOneDatabaseCreateExactlyOneDefault) {
  for (int round = 0; round < 10; ++round) {
    TempDir dir;
    const StoreOptions options{"sqlite", dir.File("cp.db")};
    Stack a(options);
    Stack b(options);
    std::atomic<int> waiting{2};
    Status result_a;
    Status result_b;
    auto start = [&waiting](ResourceManager& m, Status& out) {
      waiting.fetch_sub(1);
      while (waiting.load() > 0) {
      }
      out = EnsureDefaultMesh(m, false);
    };
    std::thread ta(start, std::ref(*a.manager), std::ref(result_a));
    std::thread tb(start, std::ref(*b.manager), std::ref(result_b));
    ta.join();
    tb.join();
    ASSERT_TRUE(result_a.ok()) << "round " << round << ": " << result_a.message();
    ASSERT_TRUE(result_b.ok()) << "round " << round << ": " << result_b.message();
    EXPECT_EQ(MeshNames(*a.manager), std::vector<std::string>{"default"});
    auto mesh = b.manager->Get(MeshType(), ResourceKey{"", "default"});
    ASSERT_TRUE(mesh.ok());
    EXPECT_EQ(mesh->meta().version, 1) << "the loser must not have updated the mesh";
  }
}

}  // namespace
}  // namespace meshplane
