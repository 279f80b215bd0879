// Thin RAII wrappers over the SQLite C API: a connection and a prepared statement.
// Errors are returned as Status (kUnavailable for busy/locked/IO conditions, kInternal else).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace meshplane::sqlite {

class Statement;

class Connection {
 public:
  // Opens (creating if needed) the database at `path` (a file path or ":memory:").
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results.
  Status Exec(const std::string& sql);
  Result<Statement> Prepare(std::string_view sql);
  int64_t Changes() const;
  sqlite3* raw() { return db_; }

  Status ErrorStatus(int rc, std::string_view what) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept : conn_(other.conn_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, int64_t value);
  Statement& BindNull(int index);

  // Steps once. Returns true when a row is available, false when done.
  Result<bool> Step();
  // Steps until done (for statements without results).
  Status Run();

  std::string ColumnText(int col) const;
  int64_t ColumnInt(int col) const;
  bool ColumnIsNull(int col) const;

 private:
  friend class Connection;
  Statement(Connection* conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  Connection* conn_;
  sqlite3_stmt* stmt_;
};

}  // namespace meshplane::sqlite
