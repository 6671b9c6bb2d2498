#include "store/sqlite_statement.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace sagsspor::store {
namespace {

class StatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db_, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
  }
  void TearDown() override { ASSERT_EQ(sqlite3_close(db_), SQLITE_OK); }  // fails if a statement was left
  sqlite3* db_ = nullptr;
};

TEST_F(StatementCacheTest, ReusesAStatementResetAndUnbound) {
  StatementCache cache(db_);
  {
    Statement q(cache, "SELECT x FROM t WHERE x >= ? ORDER BY x");
    q.Bind(1, 2);
    ASSERT_TRUE(q.Step());  // left mid-way: giving it back resets it
    EXPECT_EQ(q.Int(0), 2);
    Statement other(cache, "SELECT 1");  // another statement, to see it is not confused
    ASSERT_TRUE(other.Step());
  }
  {
    // Reset and unbound: a NULL parameter matches nothing.
    Statement again(cache, "SELECT x FROM t WHERE x >= ? ORDER BY x");
    EXPECT_FALSE(again.Step());
  }
  {
    Statement q(cache, "SELECT x FROM t WHERE x >= ? ORDER BY x");
    q.Bind(1, 3);
    ASSERT_TRUE(q.Step());
    EXPECT_EQ(q.Int(0), 3);
    EXPECT_FALSE(q.Step());
  }
  cache.Clear();
}

TEST_F(StatementCacheTest, TheSameSqlTwiceAtOnceGivesTwoStatements) {
  StatementCache cache(db_);
  const std::string sql = "SELECT x FROM t ORDER BY x";
  Statement outer(cache, sql);
  ASSERT_TRUE(outer.Step());
  {
    Statement inner(cache, sql);  // while outer runs: one of its own
    ASSERT_TRUE(inner.Step());
    EXPECT_EQ(inner.Int(0), 1);
  }
  ASSERT_TRUE(outer.Step());
  EXPECT_EQ(outer.Int(0), 2);  // undisturbed
}

TEST_F(StatementCacheTest, InvalidSqlThrowsAndKeepsNothing) {
  StatementCache cache(db_);
  EXPECT_THROW(Statement(cache, "SELEKT nothing"), std::runtime_error);
  EXPECT_THROW(Statement(cache, "SELECT y FROM t"), std::runtime_error);
  EXPECT_THROW(Statement(cache, "-- no statement"), std::runtime_error);
}

// A statement dropped mid-way, by an exception too, holds no read snapshot
// of the WAL: a checkpoint can still take everything.
TEST(StatementCacheWal, AStatementGivenBackHoldsNoSnapshot) {
  const std::string path = ::testing::TempDir() + "/statement_cache_" + std::to_string(::getpid()) + ".db";
  std::remove(path.c_str());
  sqlite3 *reader = nullptr, *writer = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &reader), SQLITE_OK);
  ASSERT_EQ(sqlite3_open(path.c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  {
    StatementCache cache(reader);
    try {
      Statement q(cache, "SELECT x FROM t");
      ASSERT_TRUE(q.Step());
      throw std::runtime_error("cut short");
    } catch (const std::runtime_error&) {
    }
    ASSERT_EQ(sqlite3_exec(writer, "INSERT INTO t VALUES (3)", nullptr, nullptr, nullptr), SQLITE_OK);
    int log = -1, done = -1;
    ASSERT_EQ(sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &done), SQLITE_OK);
    EXPECT_EQ(log, 0);  // truncated: no reader held an older snapshot
  }
  ASSERT_EQ(sqlite3_close(reader), SQLITE_OK);
  ASSERT_EQ(sqlite3_close(writer), SQLITE_OK);
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

}  // namespace
}  // namespace sagsspor::store
