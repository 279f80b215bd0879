// The embedded resource store: SQLite in WAL mode with synchronous=FULL, so a write that
// returned OK survives a crash of the process (and of the machine). One writer at a time
// (BEGIN IMMEDIATE, also across processes sharing the file), readers on their own connections
// in parallel. The schema is versioned and migrated when the store opens; a database written
// by a newer meshplane is refused. Path ":memory:" keeps everything in memory (one connection).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/resource_type.h"
#include "store/resource_store.h"
#include "store/sqlite/sqlite_connection.h"

namespace meshplane {

class SqliteStore : public ResourceStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const ResourceTypeRegistry& registry,
                                                   const std::string& path);
  ~SqliteStore() override;

  Status Create(Resource& r, const CreateOptions& opts = {}) override;
  Status Update(Resource& r, const UpdateOptions& opts = {}) override;
  Status Delete(const ResourceTypeDescriptor& type, const ResourceKey& key,
                const DeleteOptions& opts = {}) override;
  Result<Resource> Get(const ResourceTypeDescriptor& type, const ResourceKey& key) override;
  Result<ResourceList> List(const ResourceTypeDescriptor& type,
                            const ListOptions& opts = {}) override;
  Status Transact(const std::function<Status(ResourceStore& tx)>& fn) override;
  int Subscribe(ChangeListener listener) override;
  void Unsubscribe(int id) override;
  std::string Kind() const override { return "sqlite"; }

  // The schema version this binary writes.
  static int SchemaVersion();

 private:
  class Transaction;
  SqliteStore(const ResourceTypeRegistry& registry, std::string path);
  Status Migrate();

  // Borrowed reader connection (the writer connection for in-memory databases).
  struct ReaderLease;
  Result<ReaderLease> AcquireReader();
  void ReleaseReader(std::unique_ptr<sqlite::Connection> conn);

  const ResourceTypeRegistry& registry_;
  std::string path_;
  bool in_memory_;

  std::recursive_mutex write_mu_;  // serialises write transactions (and all access when in memory)
  std::unique_ptr<sqlite::Connection> writer_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<sqlite::Connection>> idle_readers_;

  std::mutex listeners_mu_;
  std::map<int, ChangeListener> listeners_;
  int next_listener_id_ = 1;
};

}  // namespace meshplane
