#include "store/sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include "core/json_proto.h"

namespace meshplane {

namespace {

// Each entry migrates the schema from version i to i+1. Never edit a released entry: append.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE resources (
  type              TEXT    NOT NULL,
  mesh              TEXT    NOT NULL,
  name              TEXT    NOT NULL,
  version           INTEGER NOT NULL,
  spec              TEXT    NOT NULL,
  status            TEXT    NOT NULL DEFAULT '{}',
  labels            TEXT    NOT NULL DEFAULT '{}',
  creation_time     INTEGER NOT NULL,
  modification_time INTEGER NOT NULL,
  owner_type        TEXT,
  owner_mesh        TEXT,
  owner_name        TEXT,
  PRIMARY KEY (type, mesh, name),
  FOREIGN KEY (owner_type, owner_mesh, owner_name)
    REFERENCES resources (type, mesh, name) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX resources_owner ON resources (owner_type, owner_mesh, owner_name);
CREATE INDEX resources_mesh ON resources (mesh, type);
)sql",
};

constexpr int kLatestSchema = sizeof(kMigrations) / sizeof(kMigrations[0]);

int64_t ToNanos(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp FromNanos(int64_t n) { return Timestamp(std::chrono::nanoseconds(n)); }

Status Conflict(const std::string& type, const ResourceKey& key) {
  return Status::ResourceConflict(type, key.mesh, key.name);
}

Status NotFound(const std::string& type, const ResourceKey& key) {
  return Status::ResourceNotFound(type, key.mesh, key.name);
}

std::string StoredMesh(const ResourceTypeDescriptor& type, const std::string& mesh) {
  return type.IsMeshScoped() ? mesh : std::string();
}

std::string LabelsToJson(const Labels& labels) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : labels) {
    j[k] = v;
  }
  return j.dump();
}

Status ConfigureConnection(sqlite::Connection& conn, bool writer) {
  MP_RETURN_IF_ERROR(conn.Exec("PRAGMA busy_timeout = 10000"));
  MP_RETURN_IF_ERROR(conn.Exec("PRAGMA foreign_keys = ON"));
  MP_RETURN_IF_ERROR(conn.Exec("PRAGMA synchronous = FULL"));
  if (!writer) {
    MP_RETURN_IF_ERROR(conn.Exec("PRAGMA query_only = ON"));
  }
  return Status::Ok();
}

// Row <-> resource conversions and queries shared by transactions and plain reads.
class Rows {
 public:
  explicit Rows(sqlite::Connection& conn) : conn_(conn) {}

  Result<Resource> Get(const ResourceTypeDescriptor& type, const ResourceKey& key) {
    auto stmt = conn_.Prepare(
        "SELECT version, spec, status, labels, creation_time, modification_time, mesh, name "
        "FROM resources WHERE type = ?1 AND mesh = ?2 AND name = ?3");
    if (!stmt.ok()) {
      return stmt.status();
    }
    stmt->Bind(1, type.name).Bind(2, StoredMesh(type, key.mesh)).Bind(3, key.name);
    auto row = stmt->Step();
    if (!row.ok()) {
      return row.status();
    }
    if (!*row) {
      return NotFound(type.name, key);
    }
    return Decode(type, *stmt);
  }

  Result<ResourceList> List(const ResourceTypeDescriptor& type, const ListOptions& opts) {
    std::string where = " WHERE type = ?1";
    int next_param = 2;
    std::vector<std::pair<int, std::string>> params;
    if (type.IsMeshScoped() && !opts.mesh.empty()) {
      where += " AND mesh = ?" + std::to_string(next_param);
      params.emplace_back(next_param++, opts.mesh);
    }
    if (!opts.name_contains.empty()) {
      where += " AND instr(name, ?" + std::to_string(next_param) + ") > 0";
      params.emplace_back(next_param++, opts.name_contains);
    }
    for (const auto& [k, v] : opts.label_equals) {
      where += " AND EXISTS (SELECT 1 FROM json_each(resources.labels) WHERE key = ?" +
               std::to_string(next_param) + " AND value = ?" + std::to_string(next_param + 1) + ")";
      params.emplace_back(next_param++, k);
      params.emplace_back(next_param++, v);
    }
    auto bind = [&](sqlite::Statement& s) {
      s.Bind(1, type.name);
      for (const auto& [i, v] : params) {
        s.Bind(i, v);
      }
    };

    ResourceList out;
    bool page_in_sql = !opts.predicate;
    if (page_in_sql) {
      auto count = conn_.Prepare("SELECT COUNT(*) FROM resources" + where);
      if (!count.ok()) {
        return count.status();
      }
      bind(*count);
      auto row = count->Step();
      if (!row.ok()) {
        return row.status();
      }
      out.total = count->ColumnInt(0);
    }
    std::string sql =
        "SELECT version, spec, status, labels, creation_time, modification_time, mesh, name "
        "FROM resources" +
        where + " ORDER BY mesh, name";
    if (page_in_sql && opts.page_size > 0) {
      sql += " LIMIT " + std::to_string(opts.page_size) + " OFFSET " + std::to_string(opts.offset);
    } else if (page_in_sql && opts.offset > 0) {
      sql += " LIMIT -1 OFFSET " + std::to_string(opts.offset);
    }
    auto stmt = conn_.Prepare(sql);
    if (!stmt.ok()) {
      return stmt.status();
    }
    bind(*stmt);
    std::vector<Resource> matched;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) {
        return row.status();
      }
      if (!*row) {
        break;
      }
      auto r = Decode(type, *stmt);
      if (!r.ok()) {
        return r.status();
      }
      if (!opts.predicate || opts.predicate(*r)) {
        matched.push_back(std::move(r).value());
      }
    }
    if (page_in_sql) {
      out.items = std::move(matched);
    } else {
      out.total = static_cast<int64_t>(matched.size());
      int64_t begin = std::min<int64_t>(opts.offset, out.total);
      int64_t end =
          opts.page_size > 0 ? std::min<int64_t>(begin + opts.page_size, out.total) : out.total;
      for (int64_t i = begin; i < end; ++i) {
        out.items.push_back(std::move(matched[i]));
      }
    }
    if (opts.page_size > 0 && opts.offset + opts.page_size < out.total) {
      out.next_offset = opts.offset + opts.page_size;
    }
    return out;
  }

  Result<int64_t> Version(const std::string& type, const ResourceKey& key) {
    auto stmt =
        conn_.Prepare("SELECT version FROM resources WHERE type=?1 AND mesh=?2 AND name=?3");
    if (!stmt.ok()) {
      return stmt.status();
    }
    stmt->Bind(1, type).Bind(2, key.mesh).Bind(3, key.name);
    auto row = stmt->Step();
    if (!row.ok()) {
      return row.status();
    }
    if (!*row) {
      return NotFound(type, key);
    }
    return stmt->ColumnInt(0);
  }

 private:
  Result<Resource> Decode(const ResourceTypeDescriptor& type, sqlite::Statement& s) {
    Resource r(type);
    auto& meta = r.meta();
    meta.version = s.ColumnInt(0);
    meta.creation_time = FromNanos(s.ColumnInt(4));
    meta.modification_time = FromNanos(s.ColumnInt(5));
    meta.mesh = s.ColumnText(6);
    meta.name = s.ColumnText(7);
    auto corrupt = [&](const std::string& what) {
      return Status::Internal("store: corrupt " + what + " of " + type.name + " \"" + meta.name +
                              "\" in mesh \"" + meta.mesh + "\"");
    };
    Json spec = Json::parse(s.ColumnText(1), nullptr, false);
    if (spec.is_discarded() || !JsonToMessage(spec, &r.spec(), nullptr).ok()) {
      return corrupt("spec");
    }
    if (r.status() != nullptr) {
      Json status = Json::parse(s.ColumnText(2), nullptr, false);
      if (status.is_discarded() || !JsonToMessage(status, r.status(), nullptr).ok()) {
        return corrupt("status");
      }
    }
    auto labels = nlohmann::json::parse(s.ColumnText(3), nullptr, false);
    if (!labels.is_object()) {
      return corrupt("labels");
    }
    for (const auto& [k, v] : labels.items()) {
      if (v.is_string()) {
        meta.labels[k] = v.get<std::string>();
      }
    }
    return r;
  }

  sqlite::Connection& conn_;
};

}  // namespace

// A write transaction on the writer connection. Collects change events, which the owning
// store emits after COMMIT.
class SqliteStore::Transaction : public ResourceStore {
 public:
  Transaction(SqliteStore& store, sqlite::Connection& conn) : store_(store), conn_(conn) {}

  Status Create(Resource& r, const CreateOptions& opts) override {
    const auto& type = r.type();
    if (!type.IsMeshScoped()) {
      r.meta().mesh.clear();
    }
    ResourceKey key = r.meta().Key();
    Timestamp created = opts.creation_time == Timestamp{} ? Now() : opts.creation_time;
    auto stmt = conn_.Prepare(
        "INSERT INTO resources (type, mesh, name, version, spec, status, labels, creation_time, "
        "modification_time, owner_type, owner_mesh, owner_name) "
        "VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING");
    if (!stmt.ok()) {
      return stmt.status();
    }
    stmt->Bind(1, type.name)
        .Bind(2, key.mesh)
        .Bind(3, key.name)
        .Bind(4, MessageToJson(r.spec()).dump())
        .Bind(5, r.status() ? MessageToJson(*r.status()).dump() : std::string("{}"))
        .Bind(6, LabelsToJson(r.meta().labels))
        .Bind(7, ToNanos(created));
    if (opts.owner) {
      stmt->Bind(8, opts.owner->type).Bind(9, opts.owner->key.mesh).Bind(10, opts.owner->key.name);
    } else {
      stmt->BindNull(8).BindNull(9).BindNull(10);
    }
    Status st = stmt->Run();
    if (!st.ok()) {
      if (st.message().find("FOREIGN KEY") != std::string::npos && opts.owner) {
        return NotFound(opts.owner->type, opts.owner->key);
      }
      return st;
    }
    if (conn_.Changes() == 0) {
      return Status::AlreadyExists("resource already exists: type=\"" + type.name + "\" name=\"" +
                                   key.name + "\" mesh=\"" + key.mesh + "\"");
    }
    r.meta().version = 1;
    r.meta().creation_time = created;
    r.meta().modification_time = created;
    events_.push_back({ChangeOp::kCreate, type.name, key, 1});
    return Status::Ok();
  }

  Status Update(Resource& r, const UpdateOptions& opts) override {
    const auto& type = r.type();
    if (!type.IsMeshScoped()) {
      r.meta().mesh.clear();
    }
    ResourceKey key = r.meta().Key();
    Timestamp modified = opts.modification_time == Timestamp{} ? Now() : opts.modification_time;
    int64_t expected = r.meta().version;
    auto stmt = conn_.Prepare(
        "UPDATE resources SET spec = ?4, status = ?5, labels = ?6, modification_time = ?7, "
        "version = version + 1 "
        "WHERE type = ?1 AND mesh = ?2 AND name = ?3 AND (?8 = 0 OR version = ?8) "
        "RETURNING version, creation_time");
    if (!stmt.ok()) {
      return stmt.status();
    }
    stmt->Bind(1, type.name)
        .Bind(2, key.mesh)
        .Bind(3, key.name)
        .Bind(4, MessageToJson(r.spec()).dump())
        .Bind(5, r.status() ? MessageToJson(*r.status()).dump() : std::string("{}"))
        .Bind(6, LabelsToJson(r.meta().labels))
        .Bind(7, ToNanos(modified))
        .Bind(8, expected);
    auto row = stmt->Step();
    if (!row.ok()) {
      return row.status();
    }
    if (!*row) {
      auto current = Rows(conn_).Version(type.name, key);
      if (!current.ok()) {
        return current.status();
      }
      return Conflict(type.name, key);
    }
    r.meta().version = stmt->ColumnInt(0);
    r.meta().creation_time = FromNanos(stmt->ColumnInt(1));
    r.meta().modification_time = modified;
    MP_RETURN_IF_ERROR(stmt->Run());
    events_.push_back({ChangeOp::kUpdate, type.name, key, r.meta().version});
    return Status::Ok();
  }

  Status Delete(const ResourceTypeDescriptor& type, const ResourceKey& raw_key,
                const DeleteOptions& opts) override {
    ResourceKey key{StoredMesh(type, raw_key.mesh), raw_key.name};
    auto version = Rows(conn_).Version(type.name, key);
    if (!version.ok()) {
      return version.status();
    }
    if (opts.expected_version != 0 && *version != opts.expected_version) {
      return Conflict(type.name, key);
    }
    // Owned resources go with their owner (foreign key cascade); collect them first so that
    // every deletion is announced.
    auto owned = conn_.Prepare(R"sql(
WITH RECURSIVE owned(type, mesh, name, version) AS (
  SELECT type, mesh, name, version FROM resources
   WHERE owner_type = ?1 AND owner_mesh = ?2 AND owner_name = ?3
  UNION
  SELECT r.type, r.mesh, r.name, r.version FROM resources r
    JOIN owned o ON r.owner_type = o.type AND r.owner_mesh = o.mesh AND r.owner_name = o.name
)
SELECT type, mesh, name, version FROM owned)sql");
    if (!owned.ok()) {
      return owned.status();
    }
    owned->Bind(1, type.name).Bind(2, key.mesh).Bind(3, key.name);
    std::vector<ResourceChangedEvent> cascaded;
    while (true) {
      auto row = owned->Step();
      if (!row.ok()) {
        return row.status();
      }
      if (!*row) {
        break;
      }
      cascaded.push_back({ChangeOp::kDelete, owned->ColumnText(0),
                          ResourceKey{owned->ColumnText(1), owned->ColumnText(2)},
                          owned->ColumnInt(3)});
    }
    auto del = conn_.Prepare("DELETE FROM resources WHERE type = ?1 AND mesh = ?2 AND name = ?3");
    if (!del.ok()) {
      return del.status();
    }
    del->Bind(1, type.name).Bind(2, key.mesh).Bind(3, key.name);
    MP_RETURN_IF_ERROR(del->Run());
    events_.insert(events_.end(), cascaded.begin(), cascaded.end());
    events_.push_back({ChangeOp::kDelete, type.name, key, *version});
    return Status::Ok();
  }

  Result<Resource> Get(const ResourceTypeDescriptor& type, const ResourceKey& key) override {
    return Rows(conn_).Get(type, key);
  }

  Result<ResourceList> List(const ResourceTypeDescriptor& type, const ListOptions& opts) override {
    return Rows(conn_).List(type, opts);
  }

  Status Transact(const std::function<Status(ResourceStore& tx)>& fn) override {
    return fn(*this);  // nested: same transaction
  }
  int Subscribe(ChangeListener listener) override { return store_.Subscribe(std::move(listener)); }
  void Unsubscribe(int id) override { store_.Unsubscribe(id); }
  std::string Kind() const override { return store_.Kind(); }

  std::vector<ResourceChangedEvent>& events() { return events_; }

 private:
  SqliteStore& store_;
  sqlite::Connection& conn_;
  std::vector<ResourceChangedEvent> events_;
};

struct SqliteStore::ReaderLease {
  SqliteStore* store;
  std::unique_ptr<sqlite::Connection> owned;           // null when borrowing the writer (in memory)
  std::unique_lock<std::recursive_mutex> writer_lock;  // held when borrowing the writer

  ReaderLease(SqliteStore* s, std::unique_ptr<sqlite::Connection> c,
              std::unique_lock<std::recursive_mutex> lock)
      : store(s), owned(std::move(c)), writer_lock(std::move(lock)) {}
  ReaderLease(ReaderLease&&) = default;
  ~ReaderLease() {
    if (owned) {
      store->ReleaseReader(std::move(owned));
    }
  }
  sqlite::Connection& conn() { return owned ? *owned : *store->writer_; }
};

SqliteStore::SqliteStore(const ResourceTypeRegistry& registry, std::string path)
    : registry_(registry), path_(std::move(path)), in_memory_(path_ == ":memory:") {}

SqliteStore::~SqliteStore() = default;

int SqliteStore::SchemaVersion() { return kLatestSchema; }

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const ResourceTypeRegistry& registry,
                                                       const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(registry, path));
  auto conn = sqlite::Connection::Open(path);
  if (!conn.ok()) {
    return conn.status();
  }
  store->writer_ = std::move(conn).value();
  MP_RETURN_IF_ERROR(ConfigureConnection(*store->writer_, true));
  if (!store->in_memory_) {
    // WAL: readers never block the writer; with synchronous=FULL each commit is fsynced.
    auto mode = store->writer_->Prepare("PRAGMA journal_mode = WAL");
    if (!mode.ok()) {
      return mode.status();
    }
    auto row = mode->Step();
    if (!row.ok()) {
      return row.status();
    }
    if (mode->ColumnText(0) != "wal") {
      return Status::Unavailable("cannot enable WAL mode on " + path);
    }
  }
  MP_RETURN_IF_ERROR(store->Migrate());
  return store;
}

Status SqliteStore::Migrate() {
  std::lock_guard<std::recursive_mutex> lock(write_mu_);
  MP_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
  auto body = [&]() -> Status {
    MP_RETURN_IF_ERROR(
        writer_->Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "applied_at INTEGER NOT NULL)"));
    auto stmt = writer_->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!stmt.ok()) {
      return stmt.status();
    }
    auto row = stmt->Step();
    if (!row.ok()) {
      return row.status();
    }
    int current = static_cast<int>(stmt->ColumnInt(0));
    if (current > kLatestSchema) {
      return Status::Unavailable("the database " + path_ + " has schema version " +
                                 std::to_string(current) +
                                 ", newer than this meshplane supports (" +
                                 std::to_string(kLatestSchema) + "); upgrade meshplane");
    }
    for (int v = current; v < kLatestSchema; ++v) {
      MP_RETURN_IF_ERROR(writer_->Exec(kMigrations[v]));
      auto ins =
          writer_->Prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
      if (!ins.ok()) {
        return ins.status();
      }
      ins->Bind(1, int64_t{v + 1}).Bind(2, ToNanos(Now()));
      MP_RETURN_IF_ERROR(ins->Run());
      spdlog::info("store: migrated SQLite schema to version {}", v + 1);
    }
    return Status::Ok();
  };
  Status st = body();
  if (!st.ok()) {
    (void)writer_->Exec("ROLLBACK");
    return st;
  }
  return writer_->Exec("COMMIT");
}

Result<SqliteStore::ReaderLease> SqliteStore::AcquireReader() {
  if (in_memory_) {
    return ReaderLease(this, nullptr, std::unique_lock<std::recursive_mutex>(write_mu_));
  }
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReaderLease(this, std::move(conn), {});
    }
  }
  auto conn = sqlite::Connection::Open(path_);
  if (!conn.ok()) {
    return conn.status();
  }
  MP_RETURN_IF_ERROR(ConfigureConnection(**conn, false));
  return ReaderLease(this, std::move(conn).value(), {});
}

void SqliteStore::ReleaseReader(std::unique_ptr<sqlite::Connection> conn) {
  std::lock_guard<std::mutex> lock(readers_mu_);
  if (idle_readers_.size() < 8) {
    idle_readers_.push_back(std::move(conn));
  }
}

Status SqliteStore::Transact(const std::function<Status(ResourceStore& tx)>& fn) {
  std::lock_guard<std::recursive_mutex> lock(write_mu_);
  MP_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
  Transaction tx(*this, *writer_);
  Status st = fn(tx);
  if (!st.ok()) {
    Status rb = writer_->Exec("ROLLBACK");
    if (!rb.ok()) {
      spdlog::error("store: rollback failed: {}", rb.message());
    }
    return st;
  }
  Status commit = writer_->Exec("COMMIT");
  if (!commit.ok()) {
    (void)writer_->Exec("ROLLBACK");
    return commit;
  }
  // Delivered in commit order: the write lock is still held.
  std::vector<ChangeListener> listeners;
  {
    std::lock_guard<std::mutex> l(listeners_mu_);
    for (const auto& [_, fn_listener] : listeners_) {
      listeners.push_back(fn_listener);
    }
  }
  for (const auto& event : tx.events()) {
    for (const auto& listener : listeners) {
      listener(event);
    }
  }
  return Status::Ok();
}

Status SqliteStore::Create(Resource& r, const CreateOptions& opts) {
  return Transact([&](ResourceStore& tx) { return tx.Create(r, opts); });
}

Status SqliteStore::Update(Resource& r, const UpdateOptions& opts) {
  return Transact([&](ResourceStore& tx) { return tx.Update(r, opts); });
}

Status SqliteStore::Delete(const ResourceTypeDescriptor& type, const ResourceKey& key,
                           const DeleteOptions& opts) {
  return Transact([&](ResourceStore& tx) { return tx.Delete(type, key, opts); });
}

Result<Resource> SqliteStore::Get(const ResourceTypeDescriptor& type, const ResourceKey& key) {
  auto lease = AcquireReader();
  if (!lease.ok()) {
    return lease.status();
  }
  return Rows(lease->conn()).Get(type, key);
}

Result<ResourceList> SqliteStore::List(const ResourceTypeDescriptor& type,
                                       const ListOptions& opts) {
  auto lease = AcquireReader();
  if (!lease.ok()) {
    return lease.status();
  }
  return Rows(lease->conn()).List(type, opts);
}

int SqliteStore::Subscribe(ChangeListener listener) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  int id = next_listener_id_++;
  listeners_[id] = std::move(listener);
  return id;
}

void SqliteStore::Unsubscribe(int id) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  listeners_.erase(id);
}

}  // namespace meshplane
