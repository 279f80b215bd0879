// Every write goes through the ResourceManager: it defaults and validates resources, applies
// the per-kind rules (create/update/delete validation, side effects such as CA secrets or
// initial policies) and writes through the store, atomically with those side effects.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/resource.h"
#include "core/resource_type.h"
#include "store/resource_store.h"

namespace meshplane {

// Per-kind rules plugged into the manager. Each hook is optional.
struct KindLifecycle {
  // Mutates a resource before it is checked and written (Kuma's per-kind managers inject tags,
  // compute labels and check membership this way). Runs inside the write's transaction, after
  // spec validation and before validate_create / validate_update; on create of a mesh-scoped
  // kind, after the mesh lookup (an update finds its mesh through the stored resource, which the
  // mesh owns). `previous` is the stored resource on update and null on create. A failure
  // aborts the write; nothing is stored.
  std::function<Status(Resource& r, const Resource* previous, ResourceStore& tx)> prepare;
  // Manager-level create checks (Kuma's ValidateCreate), after spec validation.
  std::function<Status(const Resource& r, ResourceStore& store)> validate_create;
  // Manager-level update checks (Kuma's ValidateUpdate).
  std::function<Status(const Resource& previous, const Resource& next, ResourceStore& store)>
      validate_update;
  // Delete checks (Kuma's ValidateDelete).
  std::function<Status(const Resource& r, ResourceStore& store)> validate_delete;
  // Side effects run inside the write's transaction; a failure rolls everything back.
  std::function<Status(const Resource& r, ResourceStore& tx)> after_create;
  std::function<Status(const Resource& previous, const Resource& next, ResourceStore& tx)>
      after_update;
  // Runs before the resource itself is deleted, in the same transaction.
  std::function<Status(const Resource& r, ResourceStore& tx)> before_delete;
};

struct ManagerOptions {
  // KUMA_STORE_UNSAFE_DELETE: skip delete validation.
  bool unsafe_delete = false;
};

class ResourceManager {
 public:
  ResourceManager(ResourceStore& store, const ResourceTypeRegistry& registry,
                  ManagerOptions options = {});

  void RegisterLifecycle(const std::string& type_name, KindLifecycle lifecycle);

  Result<Resource> Get(const ResourceTypeDescriptor& type, const ResourceKey& key);
  Result<ResourceList> List(const ResourceTypeDescriptor& type, const ListOptions& opts = {});

  // Defaults, validates and stores a new resource. Mesh-scoped resources need their mesh
  // (kMeshNotFound otherwise). On success `r` holds the stored meta.
  Status Create(Resource& r, const CreateOptions& opts = {});
  // Defaults, validates and stores `r` over the stored resource whose version is
  // `r.meta().version` (kConflict if it changed meanwhile; 0 = current version).
  Status Update(Resource& r);
  // Deletes the resource if its stored version is `expected_version` (0 = any version);
  // kConflict otherwise.
  Status Delete(const ResourceTypeDescriptor& type, const ResourceKey& key,
                int64_t expected_version = 0);

  ResourceStore& store() { return store_; }
  const ResourceTypeRegistry& registry() const { return registry_; }

 private:
  const KindLifecycle* LifecycleOf(const ResourceTypeDescriptor& type) const;
  Status ValidateSpec(Resource& r) const;

  ResourceStore& store_;
  const ResourceTypeRegistry& registry_;
  ManagerOptions options_;
  std::map<std::string, KindLifecycle> lifecycles_;
};

}  // namespace meshplane
