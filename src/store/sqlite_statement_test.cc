#include "store/sqlite_statement.h"

#include <gtest/gtest.h>

#include <stdexcept>

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
  sqlite3_stmt* first = nullptr;
  {
    Statement q(cache, "SELECT x FROM t WHERE x >= ? ORDER BY x");
    q.Bind(1, 2);
    ASSERT_TRUE(q.Step());  // left mid-way: giving it back resets it
    EXPECT_EQ(q.Int(0), 2);
    first = cache.Take("SELECT 1");  // another statement, to see it is not confused
    cache.Give("SELECT 1", first);
  }
  sqlite3_stmt* again = cache.Take("SELECT x FROM t WHERE x >= ? ORDER BY x");
  EXPECT_EQ(sqlite3_bind_parameter_count(again), 1);
  // Reset and unbound: a NULL parameter matches nothing.
  EXPECT_EQ(sqlite3_step(again), SQLITE_DONE);
  cache.Give("SELECT x FROM t WHERE x >= ? ORDER BY x", again);
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
  EXPECT_THROW(cache.Take("SELECT y FROM t"), std::runtime_error);
}

}  // namespace
}  // namespace sagsspor::store
