// Opens the resource store selected by configuration.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "store/resource_store.h"

namespace meshplane {

struct StoreOptions {
  // "sqlite" (a file at `path`) or "memory" (SQLite in memory; `path` ignored).
  std::string type = "sqlite";
  std::string path;
};

Result<std::unique_ptr<ResourceStore>> OpenResourceStore(const StoreOptions& options);

}  // namespace meshplane
