#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/mesh/mesh_type.h"
#include "store/store_factory.h"

namespace meshplane {
namespace {

namespace fs = std::filesystem;
using kuma::mesh::v1alpha1::Mesh;

// A mesh-scoped kind for tests, so scoping and ownership can be exercised before real
// mesh-scoped kinds exist. Its spec reuses the Mesh message.
const ResourceTypeDescriptor& TestScopedType() {
  static const ResourceTypeDescriptor* type = [] {
    auto* d = new ResourceTypeDescriptor();
    d->name = "TestScoped";
    d->plural_path = "testscopeds";
    d->scope = ResourceScope::kMesh;
    d->spec_descriptor = Mesh::descriptor();
    return d;
  }();
  return *type;
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/meshplane-store-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

Resource NewMesh(const std::string& name) {
  Resource r(MeshType());
  r.meta().name = name;
  return r;
}

Resource NewScoped(const std::string& mesh, const std::string& name) {
  Resource r(TestScopedType());
  r.meta().mesh = mesh;
  r.meta().name = name;
  return r;
}

class SqliteStoreTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    path_ = GetParam() ? dir_.File("store.db") : ":memory:";
    auto s = SqliteStore::Open(ResourceTypeRegistry::Builtin(), path_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s).value();
  }
  TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_P(SqliteStoreTest, CreateThenGetReturnsSpecLabelsVersionAndTimes) {
  Resource mesh = NewMesh("demo");
  mesh.meta().labels = {{"team", "core"}};
  mesh.SpecAs<Mesh>().mutable_routing()->set_zoneegress(true);
  ASSERT_TRUE(store_->Create(mesh).ok());
  EXPECT_EQ(mesh.meta().version, 1);

  auto got = store_->Get(MeshType(), {"", "demo"});
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->meta().version, 1);
  EXPECT_EQ(got->meta().labels.at("team"), "core");
  EXPECT_TRUE(got->SpecAs<Mesh>().routing().zoneegress());
  EXPECT_EQ(got->meta().creation_time, mesh.meta().creation_time);
  EXPECT_EQ(got->meta().creation_time, got->meta().modification_time);
  EXPECT_NE(got->meta().creation_time, Timestamp{});
}

TEST_P(SqliteStoreTest, CreateOfExistingKeyFailsWithAlreadyExists) {
  Resource a = NewMesh("demo");
  ASSERT_TRUE(store_->Create(a).ok());
  Resource b = NewMesh("demo");
  Status st = store_->Create(b);
  EXPECT_EQ(st.code(), ErrorCode::kAlreadyExists);
}

TEST_P(SqliteStoreTest, GetMissingIsNotFound) {
  auto got = store_->Get(MeshType(), {"", "nope"});
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.status().IsNotFound());
  EXPECT_EQ(got.status().message(), "resource not found: type=\"Mesh\" name=\"nope\" mesh=\"\"");
}

TEST_P(SqliteStoreTest, UpdateIncrementsVersionAndKeepsCreationTime) {
  Resource mesh = NewMesh("demo");
  ASSERT_TRUE(store_->Create(mesh).ok());
  Timestamp created = mesh.meta().creation_time;
  mesh.SpecAs<Mesh>().mutable_routing()->set_localityawareloadbalancing(true);
  mesh.meta().labels = {{"a", "b"}};
  ASSERT_TRUE(store_->Update(mesh).ok());
  EXPECT_EQ(mesh.meta().version, 2);
  auto got = store_->Get(MeshType(), {"", "demo"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->meta().version, 2);
  EXPECT_EQ(got->meta().creation_time, created);
  EXPECT_GE(got->meta().modification_time, created);
  EXPECT_TRUE(got->SpecAs<Mesh>().routing().localityawareloadbalancing());
  EXPECT_EQ(got->meta().labels, (Labels{{"a", "b"}}));
}

TEST_P(SqliteStoreTest, StaleUpdateIsAConflictAndChangesNothing) {
  Resource mesh = NewMesh("demo");
  ASSERT_TRUE(store_->Create(mesh).ok());
  Resource first = *store_->Get(MeshType(), {"", "demo"});
  Resource second = first;
  first.SpecAs<Mesh>().mutable_routing()->set_zoneegress(true);
  ASSERT_TRUE(store_->Update(first).ok());
  second.SpecAs<Mesh>().mutable_routing()->set_localityawareloadbalancing(true);
  Status st = store_->Update(second);
  EXPECT_EQ(st.code(), ErrorCode::kConflict);
  EXPECT_EQ(st.message(), "resource conflict: type=\"Mesh\" name=\"demo\" mesh=\"\"");
  auto got = store_->Get(MeshType(), {"", "demo"});
  EXPECT_TRUE(got->SpecAs<Mesh>().routing().zoneegress());
  EXPECT_FALSE(got->SpecAs<Mesh>().routing().localityawareloadbalancing());
  EXPECT_EQ(got->meta().version, 2);
}

TEST_P(SqliteStoreTest, UpdateOfMissingIsNotFound) {
  Resource mesh = NewMesh("ghost");
  mesh.meta().version = 1;
  EXPECT_TRUE(store_->Update(mesh).IsNotFound());
}

TEST_P(SqliteStoreTest, DeleteWithStaleVersionIsAConflict) {
  Resource mesh = NewMesh("demo");
  ASSERT_TRUE(store_->Create(mesh).ok());
  EXPECT_EQ(store_->Delete(MeshType(), {"", "demo"}, {.expected_version = 7}).code(),
            ErrorCode::kConflict);
  EXPECT_TRUE(store_->Delete(MeshType(), {"", "demo"}, {.expected_version = 1}).ok());
  EXPECT_TRUE(store_->Delete(MeshType(), {"", "demo"}).IsNotFound());
}

TEST_P(SqliteStoreTest, DeletingAnOwnerDeletesWhatItOwnsAndAnnouncesIt) {
  Resource mesh = NewMesh("m1");
  ASSERT_TRUE(store_->Create(mesh).ok());
  Resource other = NewMesh("m2");
  ASSERT_TRUE(store_->Create(other).ok());
  Resource owned = NewScoped("m1", "child");
  ASSERT_TRUE(store_->Create(owned, {.owner = OwnerRef{"Mesh", {"", "m1"}}}).ok());
  Resource grandchild = NewScoped("m1", "grandchild");
  ASSERT_TRUE(store_->Create(grandchild, {.owner = OwnerRef{"TestScoped", {"m1", "child"}}}).ok());
  Resource unrelated = NewScoped("m2", "child");
  ASSERT_TRUE(store_->Create(unrelated, {.owner = OwnerRef{"Mesh", {"", "m2"}}}).ok());

  std::vector<ResourceChangedEvent> events;
  store_->Subscribe([&](const ResourceChangedEvent& e) { events.push_back(e); });
  ASSERT_TRUE(store_->Delete(MeshType(), {"", "m1"}).ok());

  EXPECT_TRUE(store_->Get(TestScopedType(), {"m1", "child"}).status().IsNotFound());
  EXPECT_TRUE(store_->Get(TestScopedType(), {"m1", "grandchild"}).status().IsNotFound());
  EXPECT_TRUE(store_->Get(TestScopedType(), {"m2", "child"}).ok());
  ASSERT_EQ(events.size(), 3u);
  for (const auto& e : events) {
    EXPECT_EQ(e.op, ChangeOp::kDelete);
  }
  EXPECT_EQ(events.back().type, "Mesh");
}

TEST_P(SqliteStoreTest, CreateWithMissingOwnerFails) {
  Resource owned = NewScoped("m1", "child");
  Status st = store_->Create(owned, {.owner = OwnerRef{"Mesh", {"", "m1"}}});
  EXPECT_TRUE(st.IsNotFound()) << st.message();
  EXPECT_TRUE(store_->Get(TestScopedType(), {"m1", "child"}).status().IsNotFound());
}

TEST_P(SqliteStoreTest, ListIsOrderedByMeshThenNameAndFiltersAndPages) {
  for (const auto& [mesh, name] : std::vector<std::pair<std::string, std::string>>{
           {"b", "web"}, {"a", "zeta"}, {"a", "alpha"}, {"b", "api"}, {"c", "web-2"}}) {
    Resource r = NewScoped(mesh, name);
    if (name.rfind("web", 0) == 0) {
      r.meta().labels["tier"] = "front";
    }
    ASSERT_TRUE(store_->Create(r).ok());
  }
  auto names = [](const ResourceList& l) {
    std::vector<std::string> out;
    for (const auto& r : l.items) {
      out.push_back(r.meta().mesh + "/" + r.meta().name);
    }
    return out;
  };
  auto all = store_->List(TestScopedType());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(names(*all),
            (std::vector<std::string>{"a/alpha", "a/zeta", "b/api", "b/web", "c/web-2"}));
  EXPECT_EQ(all->total, 5);
  EXPECT_FALSE(all->next_offset);

  auto in_b = store_->List(TestScopedType(), {.mesh = "b"});
  EXPECT_EQ(names(*in_b), (std::vector<std::string>{"b/api", "b/web"}));

  auto named = store_->List(TestScopedType(), {.name_contains = "eb"});
  EXPECT_EQ(names(*named), (std::vector<std::string>{"b/web", "c/web-2"}));
  auto case_sensitive = store_->List(TestScopedType(), {.name_contains = "WEB"});
  EXPECT_EQ(case_sensitive->total, 0);

  auto labelled = store_->List(TestScopedType(), {.label_equals = {{"tier", "front"}}});
  EXPECT_EQ(names(*labelled), (std::vector<std::string>{"b/web", "c/web-2"}));

  auto page1 = store_->List(TestScopedType(), {.page_size = 2});
  EXPECT_EQ(names(*page1), (std::vector<std::string>{"a/alpha", "a/zeta"}));
  EXPECT_EQ(page1->total, 5);
  EXPECT_EQ(page1->next_offset, 2);
  auto page3 = store_->List(TestScopedType(), {.page_size = 2, .offset = 4});
  EXPECT_EQ(names(*page3), (std::vector<std::string>{"c/web-2"}));
  EXPECT_FALSE(page3->next_offset);
  auto past = store_->List(TestScopedType(), {.page_size = 2, .offset = 50});
  EXPECT_TRUE(past->items.empty());
  EXPECT_EQ(past->total, 5);

  auto predicate = store_->List(
      TestScopedType(),
      {.predicate = [](const Resource& r) { return r.meta().name.size() == 3; }, .page_size = 1});
  EXPECT_EQ(names(*predicate), (std::vector<std::string>{"b/api"}));
  EXPECT_EQ(predicate->total, 2);
  EXPECT_EQ(predicate->next_offset, 1);
}

TEST_P(SqliteStoreTest, FailedTransactionLeavesNothingBehindAndEmitsNothing) {
  int events = 0;
  store_->Subscribe([&](const ResourceChangedEvent&) { ++events; });
  Status st = store_->Transact([&](ResourceStore& tx) -> Status {
    Resource a = NewMesh("one");
    MP_RETURN_IF_ERROR(tx.Create(a));
    // Reads inside the transaction see its own writes.
    EXPECT_TRUE(tx.Get(MeshType(), {"", "one"}).ok());
    Resource b = NewMesh("one");
    return tx.Create(b);  // fails: already exists
  });
  EXPECT_EQ(st.code(), ErrorCode::kAlreadyExists);
  EXPECT_TRUE(store_->Get(MeshType(), {"", "one"}).status().IsNotFound());
  EXPECT_EQ(events, 0);
}

TEST_P(SqliteStoreTest, EventsFollowCommitsInOrder) {
  std::vector<std::pair<ChangeOp, int64_t>> seen;
  int id =
      store_->Subscribe([&](const ResourceChangedEvent& e) { seen.emplace_back(e.op, e.version); });
  Resource mesh = NewMesh("demo");
  ASSERT_TRUE(store_->Create(mesh).ok());
  ASSERT_TRUE(store_->Update(mesh).ok());
  ASSERT_TRUE(store_->Delete(MeshType(), {"", "demo"}).ok());
  store_->Unsubscribe(id);
  Resource again = NewMesh("demo");
  ASSERT_TRUE(store_->Create(again).ok());
  EXPECT_EQ(seen, (std::vector<std::pair<ChangeOp, int64_t>>{
                      {ChangeOp::kCreate, 1}, {ChangeOp::kUpdate, 2}, {ChangeOp::kDelete, 2}}));
}

TEST_P(SqliteStoreTest, ConcurrentWritersOfOneResourceNeverLoseAnUpdate) {
  Resource mesh = NewMesh("counter");
  ASSERT_TRUE(store_->Create(mesh).ok());
  constexpr int kThreads = 4;
  constexpr int kIncrements = 25;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements;) {
        auto current = store_->Get(MeshType(), {"", "counter"});
        ASSERT_TRUE(current.ok());
        Resource next = *current;
        int n = next.meta().labels.count("n") ? std::stoi(next.meta().labels["n"]) : 0;
        next.meta().labels["n"] = std::to_string(n + 1);
        Status st = store_->Update(next);
        if (st.code() == ErrorCode::kConflict) {
          ++conflicts;
          continue;
        }
        ASSERT_TRUE(st.ok()) << st.message();
        ++i;
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  auto final_state = store_->Get(MeshType(), {"", "counter"});
  EXPECT_EQ(final_state->meta().labels.at("n"), std::to_string(kThreads * kIncrements));
  EXPECT_EQ(final_state->meta().version, 1 + kThreads * kIncrements);
}

INSTANTIATE_TEST_SUITE_P(FileAndMemory, SqliteStoreTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "File" : "Memory"; });

TEST(SqliteStoreFileTest, DataSurvivesReopenAndTwoStoresShareOneFile) {
  TempDir dir;
  std::string path = dir.File("shared.db");
  auto a = SqliteStore::Open(ResourceTypeRegistry::Builtin(), path);
  auto b = SqliteStore::Open(ResourceTypeRegistry::Builtin(), path);
  ASSERT_TRUE(a.ok() && b.ok());
  Resource mesh = NewMesh("demo");
  ASSERT_TRUE((*a)->Create(mesh).ok());
  // The second store (another control plane on the same file) sees it and conflicts with it.
  EXPECT_TRUE((*b)->Get(MeshType(), {"", "demo"}).ok());
  Resource dup = NewMesh("demo");
  EXPECT_EQ((*b)->Create(dup).code(), ErrorCode::kAlreadyExists);
  a->reset();
  b->reset();
  auto reopened = SqliteStore::Open(ResourceTypeRegistry::Builtin(), path);
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE((*reopened)->Get(MeshType(), {"", "demo"}).ok());
}

TEST(SqliteStoreFileTest, RefusesADatabaseFromANewerVersion) {
  TempDir dir;
  std::string path = dir.File("newer.db");
  {
    auto s = SqliteStore::Open(ResourceTypeRegistry::Builtin(), path);
    ASSERT_TRUE(s.ok());
  }
  {
    auto conn = sqlite::Connection::Open(path);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Exec("INSERT INTO schema_migrations VALUES (999, 0)").ok());
  }
  auto s = SqliteStore::Open(ResourceTypeRegistry::Builtin(), path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("schema version 999"), std::string::npos)
      << s.status().message();
}

TEST(SqliteStoreFileTest, UnwritableLocationGivesAClearError) {
  auto s = SqliteStore::Open(ResourceTypeRegistry::Builtin(), "/nonexistent-dir/x/store.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/nonexistent-dir/x/store.db"), std::string::npos);
}

TEST(StoreFactoryTest, SelectsByTypeAndRejectsUnknownTypes) {
  EXPECT_TRUE(OpenResourceStore({"memory", ""}).ok());
  auto pg = OpenResourceStore({"postgres", ""});
  EXPECT_FALSE(pg.ok());
  EXPECT_EQ(pg.status().message(), "store type \"postgres\" is not supported yet");
  auto bogus = OpenResourceStore({"etcd", ""});
  EXPECT_FALSE(bogus.ok());
  EXPECT_NE(bogus.status().message().find("unknown store type \"etcd\""), std::string::npos);
}

}  // namespace
}  // namespace meshplane
