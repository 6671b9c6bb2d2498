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

// The prepared statements of one connection, kept for reuse: preparing
// (parsing and planning the SQL) was a good part of an item page's time.
// Used by one thread at a time, as its connection is. Clear() it before
// the connection closes.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  ~StatementCache() { Clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  sqlite3* db() const { return db_; }

  // A statement for `sql`, ready to bind: the cached one (taken out of the
  // cache until Give) or, when there is none or it is in use, a new one.
  // Throws std::runtime_error with SQLite's message if `sql` is invalid.
  sqlite3_stmt* Take(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) {
      sqlite3_stmt* stmt = it->second;
      statements_.erase(it);
      return stmt;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt);
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    return stmt;
  }

  // Resets `stmt` (which Take gave for `sql`) and keeps it for the next
  // Take; finalizes it instead when one is kept for `sql` already or the
  // cache is full.
  void Give(const std::string& sql, sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (statements_.size() >= kMaxStatements || !statements_.emplace(sql, stmt).second) sqlite3_finalize(stmt);
  }

  // Finalizes every kept statement.
  void Clear() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
  }

 private:
  // Far more than the store's distinct statements (its list filters make
  // a few dozen); a bound all the same.
  static constexpr std::size_t kMaxStatements = 256;
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class Statement {
 public:
  // A statement of its own, finalized when done.
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) Fail();
  }
  // A statement from `cache`, given back when done.
  Statement(StatementCache& cache, std::string sql)
      : db_(cache.db()), cache_(&cache), sql_(std::move(sql)), stmt_(cache.Take(sql_)) {}
  ~Statement() {
    if (cache_) {
      cache_->Give(sql_, stmt_);
    } else {
      sqlite3_finalize(stmt_);
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

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
  StatementCache* cache_ = nullptr;  // where stmt_ came from, if anywhere
  std::string sql_;                  // when from a cache
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
