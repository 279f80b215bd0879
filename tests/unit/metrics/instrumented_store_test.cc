#include "metrics/instrumented_store.h"

#include <gtest/gtest.h>

#include "resources/mesh/mesh_type.h"
#include "store/store_factory.h"

namespace meshplane {
namespace {

class InstrumentedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto inner = OpenResourceStore(StoreOptions{"memory", ""});
    ASSERT_TRUE(inner.ok()) << inner.status().message();
    store_ = std::make_unique<InstrumentedStore>(std::move(inner).value(), metrics_);
  }

  double Count(const std::string& operation) {
    auto& h = metrics_.AddHistogram("store", "Summary of Store operations",
                                    {"operation", "resource_type"});
    return static_cast<double>(h.WithLabels({operation, "Mesh"}).Snap().count);
  }

  Resource NewMesh(const std::string& name) {
    Resource r(MeshType());
    r.meta().name = name;
    return r;
  }

  MetricsRegistry metrics_;
  std::unique_ptr<InstrumentedStore> store_;
};

TEST_F(InstrumentedStoreTest, MeasuresEveryOperationByTypeAndPassesResultsThrough) {
  Resource mesh = NewMesh("default");
  ASSERT_TRUE(store_->Create(mesh).ok());
  EXPECT_EQ(mesh.meta().version, 1);
  auto got = store_->Get(MeshType(), {"", "default"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->meta().name, "default");
  EXPECT_TRUE(store_->Get(MeshType(), {"", "missing"}).status().IsNotFound());
  auto list = store_->List(MeshType());
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total, 1);
  ASSERT_TRUE(store_->Update(mesh).ok());
  ASSERT_TRUE(store_->Delete(MeshType(), {"", "default"}).ok());

  EXPECT_EQ(Count("create"), 1);
  EXPECT_EQ(Count("get"), 2);
  EXPECT_EQ(Count("list"), 1);
  EXPECT_EQ(Count("update"), 1);
  EXPECT_EQ(Count("delete"), 1);
  EXPECT_EQ(store_->Kind(), "sqlite");
  std::string text = metrics_.Render();
  EXPECT_NE(text.find("store_count{operation=\"get\",resource_type=\"Mesh\"} 2\n"),
            std::string::npos)
      << text;
}

TEST_F(InstrumentedStoreTest, CountsOptimisticConcurrencyConflicts) {
  Resource mesh = NewMesh("default");
  ASSERT_TRUE(store_->Create(mesh).ok());
  Resource stale = mesh;
  ASSERT_TRUE(store_->Update(mesh).ok());
  Status st = store_->Update(stale);
  EXPECT_EQ(st.code(), ErrorCode::kConflict);
  // An already-existing key is not an optimistic-lock conflict.
  Resource again = NewMesh("default");
  EXPECT_EQ(store_->Create(again).code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(metrics_.Render().find("store_conflicts{resource_type=\"Mesh\"} 1\n"),
            std::string::npos)
      << metrics_.Render();
}

TEST_F(InstrumentedStoreTest, MeasuresCallsInsideTransactions) {
  Status st = store_->Transact([&](ResourceStore& tx) -> Status {
    Resource mesh = NewMesh("in-tx");
    MP_RETURN_IF_ERROR(tx.Create(mesh));
    return tx.Get(MeshType(), {"", "in-tx"}).status();
  });
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(Count("create"), 1);
  EXPECT_EQ(Count("get"), 1);
  EXPECT_TRUE(store_->Get(MeshType(), {"", "in-tx"}).ok());
}

}  // namespace
}  // namespace meshplane
