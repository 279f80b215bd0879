#include "metrics/instrumented_store.h"

#include <chrono>

namespace meshplane {

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

InstrumentedStore::InstrumentedStore(std::unique_ptr<ResourceStore> inner, MetricsRegistry& metrics)
    : InstrumentedStore(*inner, metrics) {
  owned_ = std::move(inner);
}

InstrumentedStore::InstrumentedStore(ResourceStore& inner, MetricsRegistry& metrics)
    : InstrumentedStore(inner,
                        Metrics{&metrics.AddHistogram("store", "Summary of Store operations",
                                                      {"operation", "resource_type"}),
                                &metrics.AddCounter("store_conflicts", "Counter of store conflicts",
                                                    {"resource_type"})}) {}

InstrumentedStore::InstrumentedStore(ResourceStore& inner, Metrics metrics)
    : inner_(&inner), metrics_(metrics) {}

void InstrumentedStore::Observe(const char* operation, const std::string& type, double seconds,
                                const Status& st) {
  metrics_.latency->WithLabels({operation, type}).Observe(seconds);
  if (st.code() == ErrorCode::kConflict) {
    metrics_.conflicts->WithLabels({type}).Inc();
  }
}

Status InstrumentedStore::Create(Resource& r, const CreateOptions& opts) {
  auto start = std::chrono::steady_clock::now();
  Status st = inner_->Create(r, opts);
  Observe("create", r.type().name, SecondsSince(start), st);
  return st;
}

Status InstrumentedStore::Update(Resource& r, const UpdateOptions& opts) {
  auto start = std::chrono::steady_clock::now();
  Status st = inner_->Update(r, opts);
  Observe("update", r.type().name, SecondsSince(start), st);
  return st;
}

Status InstrumentedStore::Delete(const ResourceTypeDescriptor& type, const ResourceKey& key,
                                 const DeleteOptions& opts) {
  auto start = std::chrono::steady_clock::now();
  Status st = inner_->Delete(type, key, opts);
  Observe("delete", type.name, SecondsSince(start), st);
  return st;
}

Result<Resource> InstrumentedStore::Get(const ResourceTypeDescriptor& type,
                                        const ResourceKey& key) {
  auto start = std::chrono::steady_clock::now();
  Result<Resource> res = inner_->Get(type, key);
  Observe("get", type.name, SecondsSince(start), res.status());
  return res;
}

Result<ResourceList> InstrumentedStore::List(const ResourceTypeDescriptor& type,
                                             const ListOptions& opts) {
  auto start = std::chrono::steady_clock::now();
  Result<ResourceList> res = inner_->List(type, opts);
  Observe("list", type.name, SecondsSince(start), res.status());
  return res;
}

Status InstrumentedStore::Transact(const std::function<Status(ResourceStore& tx)>& fn) {
  return inner_->Transact([&](ResourceStore& tx) -> Status {
    // Measure the calls made inside the transaction as well.
    InstrumentedStore measured_tx(tx, metrics_);
    return fn(measured_tx);
  });
}

}  // namespace meshplane
