// RAII wrappers for SQLite prepared statements and transactions. Internal
// to store/. Errors throw std::runtime_error with SQLite's message; the
// store turns them into its error values.

#ifndef SAGSSPOR_STORE_SQLITE_STATEMENT_H_
#define SAGSSPOR_STORE_SQLITE_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace sagsspor::store {

class Statement;

// The prepared statements of one connection, kept for reuse: preparing
// (parsing and planning the SQL) was a good part of an item page's time.
// Used by one thread at a time, as its connection is (store.h). Statements
// take from it and give back to it; Clear() it before the connection
// closes.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  ~StatementCache() { Clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  sqlite3* db() const { return db_; }

  // Finalizes every kept statement.
  void Clear() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
  }

 private:
  friend class Statement;
  using Map = std::unordered_map<std::string, sqlite3_stmt*>;

  // A statement for `sql`, ready to bind, in a node of the map that Give
  // puts back without allocating (it runs in a destructor): the kept one,
  // taken out until then, or, when there is none or it is in use, a new
  // one. Throws std::runtime_error with SQLite's message if `sql` is not
  // one statement.
  Map::node_type Take(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return statements_.extract(it);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK ||
        stmt == nullptr) {
      const std::string message = stmt == nullptr && sqlite3_errcode(db_) == SQLITE_OK ? "no SQL statement" : sqlite3_errmsg(db_);
      sqlite3_finalize(stmt);
      throw std::runtime_error(message);
    }
    Map one;  // a node of its own, allocated now rather than in Give
    one.emplace(sql, stmt);
    return one.extract(one.begin());
  }

  // Resets the statement and keeps it for the next Take; finalizes it
  // instead when one is kept for its SQL already (two were in use at once)
  // or the cache is full.
  void Give(Map::node_type node) {
    sqlite3_stmt* stmt = node.mapped();
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (statements_.size() >= kMaxStatements) {
      sqlite3_finalize(stmt);
      return;
    }
    auto inserted = statements_.insert(std::move(node));
    if (!inserted.inserted) sqlite3_finalize(inserted.node.mapped());
  }

  // The store's statements number about 40 fixed ones and, for its list
  // filters, up to 32 variants of six list queries; the server uses about
  // 110. Beyond the bound a statement is prepared for each use, as
  // without a cache.
  static constexpr std::size_t kMaxStatements = 256;
  sqlite3* db_;
  Map statements_;
};

class Statement {
 public:
  // A statement from `cache`, given back when done.
  Statement(StatementCache& cache, const std::string& sql)
      : db_(cache.db()), cache_(cache), node_(cache.Take(sql)), stmt_(node_.mapped()) {}
  ~Statement() { cache_.Give(std::move(node_)); }
  // Neither copied nor moved: a moved-from statement would be given back
  // twice.
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&&) = delete;
  Statement& operator=(Statement&&) = delete;

  void Bind(int i, const std::string& v) {
    Check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void Bind(int i, std::int64_t v) { Check(sqlite3_bind_int64(stmt_, i, v)); }
  void Bind(int i, int v) { Check(sqlite3_bind_int(stmt_, i, v)); }
  void BindNull(int i) { Check(sqlite3_bind_null(stmt_, i)); }
  void BindBlob(int i, std::string_view v) {
    Check(sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_STATIC));  // `v` must outlive Step()
  }

  // Returns true while there is a row.
  bool Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Fail();
    return false;
  }
  void Run() {
    if (Step()) throw std::runtime_error("statement returned a row unexpectedly");
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  std::string Blob(int col) const {
    const void* b = sqlite3_column_blob(stmt_, col);
    return b ? std::string(static_cast<const char*>(b), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::int64_t Int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  int Int(int col) const { return sqlite3_column_int(stmt_, col); }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK) Fail();
  }
  [[noreturn]] void Fail() { throw std::runtime_error(sqlite3_errmsg(db_)); }

  sqlite3* db_;
  StatementCache& cache_;                // where stmt_ came from
  StatementCache::Map::node_type node_;  // holds stmt_
  sqlite3_stmt* stmt_ = nullptr;
};

// Begins on construction, rolls back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db, bool immediate = false) : db_(db) {
    Exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  ~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  bool Commit(std::string* error) {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      *error = sqlite3_errmsg(db_);
      return false;
    }
    done_ = true;
    return true;
  }

 private:
  void Exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
  }
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace sagsspor::store

#endif  // SAGSSPOR_STORE_SQLITE_STATEMENT_H_
