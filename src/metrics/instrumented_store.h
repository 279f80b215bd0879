// A ResourceStore decorator that measures every store call, with Kuma's metric names:
//  - `store` histogram {operation, resource_type}: latency in seconds of create, update,
//    delete, get and list (calls made inside a transaction are measured too);
//  - `store_conflicts` counter {resource_type}: optimistic-concurrency conflicts (kConflict).
// Results and events pass through unchanged.
#pragma once

#include <memory>
#include <string>

#include "metrics/metrics_registry.h"
#include "store/resource_store.h"

namespace meshplane {

class InstrumentedStore : public ResourceStore {
 public:
  // Takes ownership of `inner`.
  InstrumentedStore(std::unique_ptr<ResourceStore> inner, MetricsRegistry& metrics);
  // Borrows `inner`, which must outlive this object.
  InstrumentedStore(ResourceStore& inner, MetricsRegistry& metrics);

  Status Create(Resource& r, const CreateOptions& opts = {}) override;
  Status Update(Resource& r, const UpdateOptions& opts = {}) override;
  Status Delete(const ResourceTypeDescriptor& type, const ResourceKey& key,
                const DeleteOptions& opts = {}) override;
  Result<Resource> Get(const ResourceTypeDescriptor& type, const ResourceKey& key) override;
  Result<ResourceList> List(const ResourceTypeDescriptor& type,
                            const ListOptions& opts = {}) override;
  Status Transact(const std::function<Status(ResourceStore& tx)>& fn) override;
  int Subscribe(ChangeListener listener) override { return inner_->Subscribe(std::move(listener)); }
  void Unsubscribe(int id) override { inner_->Unsubscribe(id); }
  std::string Kind() const override { return inner_->Kind(); }

 private:
  struct Metrics {
    HistogramFamily* latency;
    CounterFamily* conflicts;
  };
  InstrumentedStore(ResourceStore& inner, Metrics metrics);
  void Observe(const char* operation, const std::string& type, double seconds, const Status& st);

  std::unique_ptr<ResourceStore> owned_;
  ResourceStore* inner_;
  Metrics metrics_;
};

}  // namespace meshplane
