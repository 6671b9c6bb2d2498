#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

namespace sagsspor::store {
namespace {
namespace fs = std::filesystem;

model::Packet MakePacket(const std::string& sha, const std::string& title) {
  model::Packet p;
  p.source.file = "/tmp/kkr.txt";
  p.source.sha256 = sha;
  p.layout = "numbered";
  model::Meeting m;
  m.id = "kkr-sjaelland-2020-09-07";
  m.body = "KKR Sjælland";
  m.date = {2020, 9, 7};
  model::AgendaItem item;
  item.id = m.id + "-1.1";
  item.number = "1.1";
  item.title = title;
  item.sections.push_back({"Indstilling", "indstilling", "Det indstilles, at …"});
  item.facts.deadlines.push_back({{2020, 12, 1}, "senest den 1. december", {0, 3, 25}});
  item.facts.appointments.push_back({"Henrik Hvidesten", "Ringsted", "FGU Danmark", "medlem", {0, 0, 5}});
  m.items.push_back(item);
  p.meetings.push_back(m);
  return p;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("store_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    std::string error;
    store_ = OpenSqliteStore(dir_.string(), &error);
    ASSERT_TRUE(store_) << error;
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, RoundTripsAPacket) {
  PutResult r;
  std::string error;
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'a'), "Godkendelse"), &r, &error)) << error;
  EXPECT_EQ(r.status, PutStatus::kAdded);
  auto meetings = store_->Meetings();
  ASSERT_EQ(meetings.size(), 1u);
  const model::Meeting& m = meetings[0].meeting;
  EXPECT_EQ(m.body, "KKR Sjælland");
  EXPECT_EQ(m.date.iso(), "2020-09-07");
  ASSERT_EQ(m.items.size(), 1u);
  EXPECT_EQ(m.items[0].sections[0].heading, "Indstilling");
  ASSERT_EQ(m.items[0].facts.deadlines.size(), 1u);
  EXPECT_EQ(m.items[0].facts.deadlines[0].date.iso(), "2020-12-01");
  EXPECT_EQ(m.items[0].facts.deadlines[0].span.end, 25u);
  EXPECT_EQ(m.items[0].facts.appointments[0].person, "Henrik Hvidesten");
  model::Meeting owner;
  auto item = store_->FindItem("kkr-sjaelland-2020-09-07-1.1", &owner);
  ASSERT_TRUE(item);
  EXPECT_EQ(owner.id, m.id);
  EXPECT_FALSE(store_->FindItem("nope", nullptr));
}

TEST_F(SqliteStoreTest, DeadlinesInARange) {
  PutResult r;
  std::string error;
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'a'), "Godkendelse"), &r, &error));
  auto all = store_->Deadlines({}, {});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].date.iso(), "2020-12-01");
  EXPECT_EQ(all[0].item_id, "kkr-sjaelland-2020-09-07-1.1");
  EXPECT_EQ(all[0].body, "KKR Sjælland");
  EXPECT_EQ(all[0].title, "Godkendelse");
  EXPECT_TRUE(store_->Deadlines({2020, 12, 2}, {}).empty());
  EXPECT_EQ(store_->Deadlines({2020, 12, 1}, {2020, 12, 1}).size(), 1u);
  // A superseded version's deadlines are gone.
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'b'), "Rettet"), &r, &error));
  all = store_->Deadlines({}, {});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].title, "Rettet");
}

TEST_F(SqliteStoreTest, AppointmentsWithTheirItems) {
  PutResult r;
  std::string error;
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'a'), "Udpegning til FGU Danmark"), &r, &error));
  auto all = store_->Appointments();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].appointment.person, "Henrik Hvidesten");
  EXPECT_EQ(all[0].appointment.body, "FGU Danmark");
  EXPECT_EQ(all[0].item_id, "kkr-sjaelland-2020-09-07-1.1");
  EXPECT_EQ(all[0].meeting_body, "KKR Sjælland");
  EXPECT_EQ(all[0].date.iso(), "2020-09-07");
}

TEST_F(SqliteStoreTest, SameBytesTwiceChangeNothing) {
  PutResult r;
  std::string error;
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'a'), "Godkendelse"), &r, &error));
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'a'), "Godkendelse"), &r, &error));
  EXPECT_EQ(r.status, PutStatus::kUnchanged);
  EXPECT_EQ(store_->Sources().size(), 1u);
  EXPECT_EQ(store_->Meetings().size(), 1u);
}

TEST_F(SqliteStoreTest, CorrectedVersionSupersedesAndKeepsHistory) {
  PutResult first, second;
  std::string error;
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'a'), "Gammel titel"), &first, &error));
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'b'), "Rettet titel"), &second, &error));
  EXPECT_EQ(second.status, PutStatus::kSuperseded);
  EXPECT_EQ(second.superseded_source_id, first.source_id);
  auto meetings = store_->Meetings();
  ASSERT_EQ(meetings.size(), 1u);
  EXPECT_EQ(meetings[0].meeting.items[0].title, "Rettet titel");
  auto sources = store_->Sources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].superseded_by, second.source_id);
  EXPECT_EQ(sources[1].superseded_by, 0);
}

TEST_F(SqliteStoreTest, FailedPutLeavesNothing) {
  // Break the schema behind the store's back so the write fails half-way,
  // after the source and meeting rows were inserted.
  {
    sqlite3* db;
    ASSERT_EQ(sqlite3_open((dir_ / "sagsspor.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TABLE appointments", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  PutResult r;
  std::string error;
  EXPECT_FALSE(store_->Put(MakePacket(std::string(64, 'a'), "Godkendelse"), &r, &error));
  EXPECT_NE(error.find("appointments"), std::string::npos) << error;
  EXPECT_TRUE(store_->Sources().empty());
  EXPECT_TRUE(store_->Meetings().empty());
}

TEST_F(SqliteStoreTest, ReopenKeepsDataAndSchemaVersion) {
  PutResult r;
  std::string error;
  ASSERT_TRUE(store_->Put(MakePacket(std::string(64, 'a'), "Godkendelse"), &r, &error));
  store_.reset();
  store_ = OpenSqliteStore(dir_.string(), &error);
  ASSERT_TRUE(store_) << error;
  EXPECT_EQ(store_->Meetings().size(), 1u);
}

TEST_F(SqliteStoreTest, RefusesANewerSchemaAndForeignFiles) {
  store_.reset();
  {
    sqlite3* db;
    ASSERT_EQ(sqlite3_open((dir_ / "sagsspor.db").c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  std::string error;
  EXPECT_FALSE(OpenSqliteStore(dir_.string(), &error));
  EXPECT_NE(error.find("newer"), std::string::npos) << error;

  fs::path other = dir_ / "other";
  fs::create_directories(other);
  std::FILE* f = std::fopen((other / "sagsspor.db").c_str(), "w");
  std::fputs("this is not a database, just text that is long enough to be refused by sqlite", f);
  std::fclose(f);
  EXPECT_FALSE(OpenSqliteStore(other.string(), &error));
  EXPECT_NE(error.find("sagsspor.db"), std::string::npos) << error;
}

}  // namespace
}  // namespace sagsspor::store
