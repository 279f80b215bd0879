#include "store/store_factory.h"

#include "store/sqlite/sqlite_store.h"

namespace meshplane {

Result<std::unique_ptr<ResourceStore>> OpenResourceStore(const StoreOptions& options) {
  const auto& registry = ResourceTypeRegistry::Builtin();
  std::string path;
  if (options.type == "memory") {
    path = ":memory:";
  } else if (options.type == "sqlite") {
    if (options.path.empty()) {
      return Status::InvalidArgument("store.sqlite.path must be set for the sqlite store");
    }
    path = options.path;
  } else if (options.type == "postgres") {
    return Status::InvalidArgument("store type \"postgres\" is not supported yet");
  } else {
    return Status::InvalidArgument("unknown store type \"" + options.type +
                                   "\" (supported: sqlite, memory)");
  }
  auto store = SqliteStore::Open(registry, path);
  if (!store.ok()) {
    return store.status();
  }
  return std::unique_ptr<ResourceStore>(std::move(store).value());
}

}  // namespace meshplane
