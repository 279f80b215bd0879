// The persistence interface for resources. Implementations: SQLite (embedded, default; also
// in-memory) and, later, PostgreSQL for HA. Guarantees every implementation must keep:
//  - Keys are (type, mesh, name); `mesh` is empty for global-scoped types.
//  - Versions: a created resource has version 1; every update increments it. Update and
//    Delete with a non-zero expected version fail with kConflict when the stored version
//    differs (optimistic concurrency). Create of an existing key fails with kAlreadyExists.
//  - Each write is atomic and durable once it returns OK. Transact() groups writes.
//  - Deleting a resource deletes, in the same transaction, every resource it owns
//    (transitively), and emits a delete event for each.
//  - List returns items ordered by (mesh, name).
//  - Change events are delivered after the write commits, in commit order, on the writer's
//    thread; listeners must be quick and must not write to the store.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

struct OwnerRef {
  std::string type;
  ResourceKey key;
};

struct CreateOptions {
  // Zero means "now".
  Timestamp creation_time{};
  std::optional<OwnerRef> owner;
};

struct UpdateOptions {
  // Zero means "now".
  Timestamp modification_time{};
};

struct DeleteOptions {
  // 0: delete whatever version is stored.
  int64_t expected_version = 0;
};

struct ListOptions {
  // Mesh-scoped types: restrict to one mesh (empty: all meshes). Ignored for global types.
  std::string mesh;
  // Case-sensitive substring of the name; empty: no filter.
  std::string name_contains;
  // Every label must be present with exactly this value.
  Labels label_equals;
  // Further filtering in memory (e.g. dataplane tags), applied before paging.
  std::function<bool(const Resource&)> predicate;
  // 0: everything from `offset` on.
  int64_t page_size = 0;
  int64_t offset = 0;
};

struct ResourceList {
  std::vector<Resource> items;
  // Count of all matching items, not only this page.
  int64_t total = 0;
  // Offset of the next page, when there is one.
  std::optional<int64_t> next_offset;
};

enum class ChangeOp { kCreate, kUpdate, kDelete };

struct ResourceChangedEvent {
  ChangeOp op;
  std::string type;
  ResourceKey key;
  int64_t version = 0;  // the new version; for deletes, the last one
};

using ChangeListener = std::function<void(const ResourceChangedEvent&)>;

class ResourceStore {
 public:
  virtual ~ResourceStore() = default;

  // Stores a new resource. Sets meta.version to 1 and both times (creation time from
  // `opts`, or now). `r.meta().mesh` must be empty for global types.
  virtual Status Create(Resource& r, const CreateOptions& opts = {}) = 0;
  // Replaces spec and labels. `r.meta().version` is the expected stored version (0 = any);
  // on success it holds the new version and the new modification time.
  virtual Status Update(Resource& r, const UpdateOptions& opts = {}) = 0;
  virtual Status Delete(const ResourceTypeDescriptor& type, const ResourceKey& key,
                        const DeleteOptions& opts = {}) = 0;
  virtual Result<Resource> Get(const ResourceTypeDescriptor& type, const ResourceKey& key) = 0;
  virtual Result<ResourceList> List(const ResourceTypeDescriptor& type,
                                    const ListOptions& opts = {}) = 0;

  // Runs `fn` in one transaction: its writes through `tx` commit together when it returns OK
  // and are rolled back otherwise. Reads through `tx` see the transaction's own writes.
  // Nested calls on `tx` run inline in the same transaction.
  virtual Status Transact(const std::function<Status(ResourceStore& tx)>& fn) = 0;

  // Registers a listener for committed changes; returns an id for Unsubscribe.
  virtual int Subscribe(ChangeListener listener) = 0;
  virtual void Unsubscribe(int id) = 0;

  // A short name for logs and metrics, e.g. "sqlite".
  virtual std::string Kind() const = 0;
};

}  // namespace meshplane
