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

// A meeting of `body` on `date` with `items` items, each with a
// Sagsfremstilling and a Beslutning, stored from bytes hashed as `sha`.
model::Packet MakeMeetingPacket(const std::string& body, model::Date date, int items, char sha) {
  model::Packet p;
  p.source.file = "/tmp/" + body + date.iso() + ".txt";
  p.source.sha256 = std::string(64, sha);
  model::Meeting m;
  std::string slug;
  for (char c : body) slug += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  m.id = slug + "-" + date.iso();
  m.body = body;
  m.date = date;
  for (int k = 1; k <= items; ++k) {
    model::AgendaItem item;
    item.number = std::to_string(k);
    item.id = m.id + "-" + item.number;
    item.title = "Punkt " + item.number;
    item.sections.push_back({"Sagsfremstilling", "sagsfremstilling", "Lang tekst " + item.number});
    item.sections.push_back({"Beslutning", "beslutning", "Godkendt " + item.number});
    item.facts.amounts.push_back({"100", "kr.", "100 kr.", {0, 0, 7}});
    m.items.push_back(item);
  }
  model::Document d;
  d.id = m.id + "-bilag-1";
  d.title = "Bilag 1";
  d.text = "Bilagets tekst";
  m.documents.push_back(d);
  p.meetings.push_back(m);
  return p;
}

// MakeMeetingPacket() with the items' case numbers ("" for none).
model::Packet MakeCasePacket(const std::string& body, model::Date date, const std::vector<std::string>& numbers,
                             char sha) {
  model::Packet p = MakeMeetingPacket(body, date, static_cast<int>(numbers.size()), sha);
  for (std::size_t k = 0; k < numbers.size(); ++k) p.meetings[0].items[k].case_number = numbers[k];
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
  void Put(const model::Packet& p) {
    PutResult r;
    std::string error;
    ASSERT_TRUE(store_->Put(p, &r, &error)) << error;
  }
  // Writes behind the store's back (to set times a test needs).
  void Sql(const std::string& sql) {
    sqlite3* db;
    ASSERT_EQ(sqlite3_open((dir_ / "sagsspor.db").c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
  }
  // Three bodies' meetings: A on the 1st and 3rd, B on the 2nd, C on the
  // 3rd, each with two items; A's first meeting superseded once.
  void PutThreeBodies() {
    Put(MakeMeetingPacket("KKR A", {2021, 1, 1}, 2, 'a'));
    Put(MakeMeetingPacket("KKR B", {2021, 1, 2}, 2, 'b'));
    Put(MakeMeetingPacket("KKR A", {2021, 1, 3}, 2, 'c'));
    Put(MakeMeetingPacket("KKR C", {2021, 1, 3}, 2, 'd'));
    Put(MakeMeetingPacket("KKR A", {2021, 1, 1}, 3, 'e'));  // supersedes 'a'
  }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

std::vector<std::string> Ids(const std::vector<StoredMeeting>& meetings) {
  std::vector<std::string> out;
  for (const StoredMeeting& m : meetings) out.push_back(m.meeting.id);
  return out;
}

TEST_F(SqliteStoreTest, BodiesWithTheirMeetingCounts) {
  PutThreeBodies();
  auto bodies = store_->Bodies();
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies[0].name, "KKR A");
  EXPECT_EQ(bodies[0].meetings, 2);  // the superseded version is not counted
  EXPECT_EQ(bodies[1].name, "KKR B");
  EXPECT_EQ(bodies[1].meetings, 1);
  EXPECT_FALSE(bodies[0].created_at.empty());
  EXPECT_EQ(bodies[0].first_date.iso(), "2021-01-01");
  EXPECT_EQ(bodies[0].last_date.iso(), "2021-01-03");
  EXPECT_EQ(store_->BodyNames(), (std::vector<std::string>{"KKR A", "KKR B", "KKR C"}));
  auto b = store_->FindBody("KKR B");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->meetings, 1);
  EXPECT_EQ(b->first_date.iso(), "2021-01-02");
  EXPECT_FALSE(store_->FindBody("KKR D"));
  EXPECT_FALSE(store_->FindBody(""));
}

TEST_F(SqliteStoreTest, MeetingsPagesAreStableAndCounted) {
  PutThreeBodies();
  ListQuery all;
  EXPECT_EQ(store_->CountMeetings(all), 4);
  all.limit = 100;
  const std::vector<std::string> expected = {"kkr-a-2021-01-01", "kkr-b-2021-01-02", "kkr-a-2021-01-03",
                                             "kkr-c-2021-01-03"};
  EXPECT_EQ(Ids(store_->MeetingsPage(all, Detail::kHeader)), expected);
  // Pages of 3 put together give the same order.
  ListQuery page;
  page.limit = 3;
  std::vector<std::string> paged = Ids(store_->MeetingsPage(page, Detail::kHeader));
  page.offset = 3;
  for (const std::string& id : Ids(store_->MeetingsPage(page, Detail::kHeader))) paged.push_back(id);
  EXPECT_EQ(paged, expected);
  page.offset = 4;
  EXPECT_TRUE(store_->MeetingsPage(page, Detail::kHeader).empty());

  ListQuery a;
  a.body = "KKR A";
  EXPECT_EQ(store_->CountMeetings(a), 2);
  EXPECT_EQ(Ids(store_->MeetingsPage(a, Detail::kHeader)),
            (std::vector<std::string>{"kkr-a-2021-01-01", "kkr-a-2021-01-03"}));
  a.body = "Ingen";
  EXPECT_EQ(store_->CountMeetings(a), 0);
}

TEST_F(SqliteStoreTest, DetailDecidesWhatIsLoaded) {
  PutThreeBodies();
  ListQuery q;
  q.body = "KKR B";
  auto header = store_->MeetingsPage(q, Detail::kHeader);
  ASSERT_EQ(header.size(), 1u);
  EXPECT_EQ(header[0].meeting.date.iso(), "2021-01-02");
  EXPECT_TRUE(header[0].meeting.items.empty());
  EXPECT_TRUE(header[0].meeting.documents.empty());

  auto outline = store_->MeetingsPage(q, Detail::kOutline);
  ASSERT_EQ(outline[0].meeting.items.size(), 2u);
  const model::AgendaItem& item = outline[0].meeting.items[0];
  EXPECT_EQ(item.title, "Punkt 1");
  ASSERT_EQ(item.sections.size(), 1u);  // only the decision
  EXPECT_EQ(item.sections[0].text, "Godkendt 1");
  EXPECT_TRUE(item.facts.amounts.empty());
  ASSERT_EQ(outline[0].meeting.documents.size(), 1u);
  EXPECT_EQ(outline[0].meeting.documents[0].title, "Bilag 1");
  EXPECT_TRUE(outline[0].meeting.documents[0].text.empty());

  auto full = store_->MeetingsPage(q, Detail::kFull);
  EXPECT_EQ(full[0].meeting.items[0].sections.size(), 2u);
  EXPECT_EQ(full[0].meeting.items[0].facts.amounts.size(), 1u);
  EXPECT_EQ(full[0].meeting.documents[0].text, "Bilagets tekst");
}

TEST_F(SqliteStoreTest, MeetingsOnADateAndLatestPerBody) {
  PutThreeBodies();
  EXPECT_EQ(Ids(store_->MeetingsOn({2021, 1, 3}, Detail::kHeader)),
            (std::vector<std::string>{"kkr-a-2021-01-03", "kkr-c-2021-01-03"}));
  EXPECT_TRUE(store_->MeetingsOn({2021, 1, 4}, Detail::kHeader).empty());
  EXPECT_TRUE(store_->MeetingsOn({0, 1, 3}, Detail::kHeader).empty());  // no year: no date to match
  auto latest = store_->LatestMeetings(Detail::kOutline);
  EXPECT_EQ(Ids(latest), (std::vector<std::string>{"kkr-a-2021-01-03", "kkr-b-2021-01-02", "kkr-c-2021-01-03"}));
  EXPECT_EQ(latest[0].meeting.items.size(), 2u);
}

TEST_F(SqliteStoreTest, ItemsPagesAndLookUps) {
  PutThreeBodies();
  ListQuery q;
  EXPECT_EQ(store_->CountItems(q), 9);  // 3 + 2 + 2 + 2: the superseded version's 2 are gone
  q.body = "KKR A";
  EXPECT_EQ(store_->CountItems(q), 5);
  q.limit = 4;
  q.offset = 2;
  auto page = store_->ItemsPage(q, Detail::kOutline);
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[0].item.id, "kkr-a-2021-01-01-3");
  EXPECT_EQ(page[0].position, 2);
  EXPECT_EQ(page[0].meeting.id, "kkr-a-2021-01-01");
  EXPECT_TRUE(page[0].meeting.items.empty());
  EXPECT_EQ(page[1].item.id, "kkr-a-2021-01-03-1");
  EXPECT_EQ(page[2].item.id, "kkr-a-2021-01-03-2");

  auto one = store_->FindStoredItem("kkr-b-2021-01-02-2", Detail::kFull);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->meeting.body, "KKR B");
  EXPECT_EQ(one->position, 1);
  EXPECT_EQ(one->item.sections.size(), 2u);
  EXPECT_FALSE(store_->FindStoredItem("kkr-a-2021-01-01-9", Detail::kFull));

  // FindItem: the item in full, its meeting in outline.
  model::Meeting meeting;
  auto item = store_->FindItem("kkr-a-2021-01-01-2", &meeting);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->sections.size(), 2u);
  EXPECT_EQ(item->facts.amounts.size(), 1u);
  EXPECT_EQ(meeting.id, "kkr-a-2021-01-01");
  ASSERT_EQ(meeting.items.size(), 3u);
  EXPECT_EQ(meeting.items[0].sections.size(), 1u);
}

TEST_F(SqliteStoreTest, StampsAndTimeFilters) {
  Put(MakeMeetingPacket("KKR A", {2021, 1, 1}, 1, 'a'));
  Put(MakeMeetingPacket("KKR B", {2021, 1, 2}, 1, 'b'));
  Sql("UPDATE sources SET created_at = '2020-01-01T00:00:00Z', ingested_at = '2020-01-01T00:00:00Z'"
      " WHERE sha256 LIKE 'a%'");
  Sql("UPDATE sources SET created_at = '2020-06-01T00:00:00Z', ingested_at = '2020-06-01T00:00:00Z'"
      " WHERE sha256 LIKE 'b%'");
  Put(MakeMeetingPacket("KKR A", {2021, 1, 1}, 1, 'c'));  // a new version of A, stored now
  auto a = store_->FindMeeting("kkr-a-2021-01-01");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->stamps.created_at, "2020-01-01T00:00:00Z");  // the identity's first
  EXPECT_GT(a->stamps.modified_at, "2021-");              // this version's

  ListQuery q;
  q.created_since = "2020-03-01T00:00:00Z";
  EXPECT_EQ(Ids(store_->MeetingsPage(q, Detail::kHeader)), (std::vector<std::string>{"kkr-b-2021-01-02"}));
  EXPECT_EQ(store_->CountItems(q), 1);
  q = {};
  q.created_until = "2020-01-01T00:00:00Z";  // inclusive
  EXPECT_EQ(Ids(store_->MeetingsPage(q, Detail::kHeader)), (std::vector<std::string>{"kkr-a-2021-01-01"}));
  q = {};
  q.modified_until = "2020-12-31T23:59:59Z";
  EXPECT_EQ(Ids(store_->MeetingsPage(q, Detail::kHeader)), (std::vector<std::string>{"kkr-b-2021-01-02"}));
  EXPECT_EQ(store_->CountMeetings(q), 1);
  q = {};
  q.modified_since = "2021-01-01T00:00:00Z";
  EXPECT_EQ(Ids(store_->MeetingsPage(q, Detail::kHeader)), (std::vector<std::string>{"kkr-a-2021-01-01"}));
  auto items = store_->ItemsPage(q, Detail::kOutline);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].stamps.created_at, "2020-01-01T00:00:00Z");
}

TEST_F(SqliteStoreTest, MigratingFromVersion1FillsCreatedAt) {
  Put(MakeMeetingPacket("KKR A", {2021, 1, 1}, 1, 'a'));
  Put(MakeMeetingPacket("KKR A", {2021, 1, 1}, 1, 'b'));
  store_.reset();
  // Take the database back to schema version 1, with two versions of A
  // stored at different times.
  Sql("DROP INDEX items_case_key; ALTER TABLE items DROP COLUMN case_key; DROP INDEX appointments_item; DROP INDEX appointments_person; DROP TABLE source_files; DROP INDEX sources_created; DROP INDEX sources_ingested; DROP INDEX meetings_body_date;"
      " DROP INDEX meetings_date; DROP INDEX meetings_source; ALTER TABLE sources DROP COLUMN created_at;"
      " UPDATE sources SET ingested_at = '2020-01-01T00:00:00Z' WHERE sha256 LIKE 'a%';"
      " UPDATE sources SET ingested_at = '2020-02-01T00:00:00Z' WHERE sha256 LIKE 'b%';"
      " PRAGMA user_version = 1;");
  std::string error;
  store_ = OpenSqliteStore(dir_.string(), &error);
  ASSERT_TRUE(store_) << error;
  auto a = store_->FindMeeting("kkr-a-2021-01-01");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->stamps.created_at, "2020-01-01T00:00:00Z");
  EXPECT_EQ(a->stamps.modified_at, "2020-02-01T00:00:00Z");
  EXPECT_FALSE(a->stamps.original_kept);  // stored before the store kept bytes
  EXPECT_FALSE(store_->Original(std::string(64, 'b'), true));
}

TEST_F(SqliteStoreTest, KeepsNoProcessWideMemoryStatistics) {
  // Turned off when the program starts (it serialised every allocation of
  // every connection); SQLite then reports no memory in use.
  PutThreeBodies();
  sqlite3_int64 used = -1, highwater = -1;
  ASSERT_EQ(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &used, &highwater, 0), SQLITE_OK);
  EXPECT_EQ(used, 0);
}

TEST(CaseKeys, FoldedAndWithoutTheMeetingsOwnNumber) {
  model::Meeting two = MakeCasePacket("KKR A", {2021, 1, 1}, {"SAG-2021-1", "sag-2021-1"}, 'a').meetings[0];
  EXPECT_EQ(CaseKeys(two), (std::vector<std::string>{"sag-2021-1", "sag-2021-1"}));
  // Printed on more than half of three or more items: the meeting's own.
  model::Meeting kkr =
      MakeCasePacket("KKR A", {2021, 1, 1}, {"SAG-2019-07158", "21/123", "sag-2019-07158 "}, 'a').meetings[0];
  EXPECT_EQ(CaseKeys(kkr), (std::vector<std::string>{"", "21/123", ""}));
  model::Meeting half = MakeCasePacket("KKR A", {2021, 1, 1}, {"X-1", "X-1", "X-2", "X-3"}, 'a').meetings[0];
  EXPECT_EQ(CaseKeys(half), (std::vector<std::string>{"x-1", "x-1", "x-2", "x-3"}));  // half is not more
}

std::vector<std::string> ItemIds(const StoredCase& c) {
  std::vector<std::string> out;
  for (const StoredItem& i : c.items) out.push_back(i.item.id);
  return out;
}

TEST_F(SqliteStoreTest, CasesGroupItemsByCaseKeyAcrossMeetingsAndBodies) {
  Put(MakeCasePacket("KKR A", {2021, 1, 1}, {"SAG-1", "", "SAG-2"}, 'a'));
  Put(MakeCasePacket("KKR B", {2021, 1, 2}, {"sag-1", "SAG-3"}, 'b'));
  Put(MakeCasePacket("KKR A", {2021, 1, 3}, {"SAG-3", "SAG-1"}, 'c'));
  ListQuery q;
  // SAG-1 (3 items), the lone item, SAG-2, SAG-3 (2 items, first in B).
  EXPECT_EQ(store_->CountCases(q), 4);
  auto all = store_->CasesPage(q, Detail::kOutline);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].case_key, "sag-1");
  EXPECT_EQ(ItemIds(all[0]), (std::vector<std::string>{"kkr-a-2021-01-01-1", "kkr-b-2021-01-02-1",
                                                       "kkr-a-2021-01-03-2"}));
  EXPECT_EQ(all[0].items[1].case_key, "sag-1");
  EXPECT_EQ(all[0].items[1].item.case_number, "sag-1");  // as printed
  EXPECT_EQ(all[1].case_key, "");
  EXPECT_EQ(ItemIds(all[1]), (std::vector<std::string>{"kkr-a-2021-01-01-2"}));
  EXPECT_EQ(ItemIds(all[2]), (std::vector<std::string>{"kkr-a-2021-01-01-3"}));
  EXPECT_EQ(ItemIds(all[3]), (std::vector<std::string>{"kkr-b-2021-01-02-2", "kkr-a-2021-01-03-1"}));

  // A body lists the cases whose earliest item it holds.
  q.body = "KKR A";
  EXPECT_EQ(store_->CountCases(q), 3);
  q.offset = 1;
  q.limit = 5;
  auto page = store_->CasesPage(q, Detail::kOutline);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(ItemIds(page[0]), (std::vector<std::string>{"kkr-a-2021-01-01-2"}));
  EXPECT_EQ(page[1].case_key, "sag-2");
  q.body = "KKR B";
  q.offset = 0;
  page = store_->CasesPage(q, Detail::kOutline);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].case_key, "sag-3");
  EXPECT_EQ(page[0].items.size(), 2u);

  auto one = store_->FindCase("sag-1", Detail::kHeader);
  ASSERT_TRUE(one);
  EXPECT_EQ(ItemIds(*one), ItemIds(all[0]));
  EXPECT_FALSE(store_->FindCase("sag-9", Detail::kHeader));
  EXPECT_FALSE(store_->FindCase("", Detail::kHeader));
  EXPECT_EQ(store_->FindStoredItem("kkr-b-2021-01-02-1", Detail::kHeader)->case_key, "sag-1");
  EXPECT_EQ(store_->FindStoredItem("kkr-a-2021-01-01-2", Detail::kHeader)->case_key, "");

  // A new version of the first meeting without SAG-1: B's item comes first.
  Put(MakeCasePacket("KKR A", {2021, 1, 1}, {"", "", "SAG-2"}, 'd'));
  q = {};
  q.body = "KKR B";
  EXPECT_EQ(store_->CountCases(q), 2);
  EXPECT_EQ(ItemIds(*store_->FindCase("sag-1", Detail::kHeader)),
            (std::vector<std::string>{"kkr-b-2021-01-02-1", "kkr-a-2021-01-03-2"}));
}

TEST_F(SqliteStoreTest, CaseStampsAreTheEarliestAndLatestOfItsItems) {
  Put(MakeCasePacket("KKR A", {2021, 1, 1}, {"SAG-1", ""}, 'a'));
  Put(MakeCasePacket("KKR B", {2021, 1, 2}, {"SAG-1"}, 'b'));
  Sql("UPDATE sources SET created_at = '2020-01-01T00:00:00Z', ingested_at = '2020-01-01T00:00:00Z'"
      " WHERE sha256 LIKE 'a%'");
  Sql("UPDATE sources SET created_at = '2020-06-01T00:00:00Z', ingested_at = '2020-06-01T00:00:00Z'"
      " WHERE sha256 LIKE 'b%'");
  ListQuery q;
  auto all = store_->CasesPage(q, Detail::kOutline);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].created_at, "2020-01-01T00:00:00Z");
  EXPECT_EQ(all[0].modified_at, "2020-06-01T00:00:00Z");  // B's item, stored later
  EXPECT_EQ(all[1].modified_at, "2020-01-01T00:00:00Z");
  auto found = store_->FindCase("sag-1", Detail::kOutline);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->created_at, all[0].created_at);
  EXPECT_EQ(found->modified_at, all[0].modified_at);

  q.modified_since = "2020-03-01T00:00:00Z";  // only the case B's item joined
  EXPECT_EQ(store_->CountCases(q), 1);
  auto page = store_->CasesPage(q, Detail::kOutline);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].case_key, "sag-1");
  q = {};
  q.created_since = "2020-03-01T00:00:00Z";  // the case was created with A's item
  EXPECT_EQ(store_->CountCases(q), 0);
  q = {};
  q.created_until = "2020-01-01T00:00:00Z";  // inclusive
  q.body = "KKR A";
  EXPECT_EQ(store_->CountCases(q), 2);
}

TEST_F(SqliteStoreTest, MigratingFromVersion4FillsCaseKeys) {
  Put(MakeCasePacket("KKR A", {2021, 1, 1}, {"SAG-1", ""}, 'a'));
  Put(MakeCasePacket("KKR B", {2021, 1, 2}, {"Sag-1", "K-7", "K-7"}, 'b'));
  store_.reset();
  Sql("DROP INDEX items_case_key; ALTER TABLE items DROP COLUMN case_key; PRAGMA user_version = 4;");
  std::string error;
  store_ = OpenSqliteStore(dir_.string(), &error);
  ASSERT_TRUE(store_) << error;
  auto one = store_->FindCase("sag-1", Detail::kHeader);
  ASSERT_TRUE(one);
  EXPECT_EQ(ItemIds(*one), (std::vector<std::string>{"kkr-a-2021-01-01-1", "kkr-b-2021-01-02-1"}));
  EXPECT_FALSE(store_->FindCase("k-7", Detail::kHeader));  // B's own number: on two of its three items
  EXPECT_EQ(store_->CountCases({}), 4);
}

TEST_F(SqliteStoreTest, KeepsTheOriginalBytes) {
  model::Packet p = MakeMeetingPacket("KKR A", {2021, 1, 1}, 1, 'a');
  p.source.encoding = "pdf";
  p.original = std::string("%PDF-1.4\0binary\xff", 17);
  Put(p);
  auto meeting = store_->FindMeeting("kkr-a-2021-01-01");
  ASSERT_TRUE(meeting);
  EXPECT_TRUE(meeting->stamps.original_kept);
  auto file = store_->Original(std::string(64, 'a'), true);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->bytes, p.original);  // byte for byte, NULs included
  EXPECT_EQ(file->source.encoding, "pdf");
  EXPECT_EQ(file->meeting_ids, std::vector<std::string>{"kkr-a-2021-01-01"});
  EXPECT_TRUE(store_->Original(std::string(64, 'a'), false)->bytes.empty());
  EXPECT_FALSE(store_->Original(std::string(64, 'z'), true));
  // A new version's bytes replace the old ones among the current.
  model::Packet q = MakeMeetingPacket("KKR A", {2021, 1, 1}, 1, 'b');
  q.original = "rettet";
  Put(q);
  EXPECT_FALSE(store_->Original(std::string(64, 'a'), true));
  EXPECT_EQ(store_->Original(std::string(64, 'b'), true)->bytes, "rettet");
  // A packet stored without bytes has none.
  Put(MakeMeetingPacket("KKR B", {2021, 1, 1}, 1, 'c'));
  EXPECT_FALSE(store_->FindMeeting("kkr-b-2021-01-01")->stamps.original_kept);
}

TEST_F(SqliteStoreTest, AFailedPutKeepsNoBytes) {
  Sql("DROP TABLE appointments");
  model::Packet p = MakePacket(std::string(64, 'a'), "Godkendelse");
  p.original = "bytes";
  PutResult r;
  std::string error;
  EXPECT_FALSE(store_->Put(p, &r, &error));
  EXPECT_FALSE(store_->Original(std::string(64, 'a'), true));
  // The rolled-back bytes left no row behind.
  sqlite3* db;
  ASSERT_EQ(sqlite3_open((dir_ / "sagsspor.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM source_files", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

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

TEST_F(SqliteStoreTest, AppointmentsByBodyPersonAndItem) {
  model::Packet a = MakePacket(std::string(64, 'a'), "Udpegning");
  a.meetings[0].items[0].facts.appointments.push_back({"Anne Andersen", "", "KKR", "formand", {}});
  Put(a);
  model::Packet b = MakeMeetingPacket("KKR B", {2021, 1, 2}, 1, 'b');
  b.meetings[0].items[0].facts.appointments.push_back({"Anne Andersen", "", "FGU", "medlem", {}});
  Put(b);
  EXPECT_EQ(store_->AppointedPersons(), (std::vector<std::string>{"Anne Andersen", "Henrik Hvidesten"}));
  EXPECT_EQ(store_->Appointments().size(), 3u);
  AppointmentFilter f;
  f.person = "Anne Andersen";
  auto anne = store_->FindAppointments(f);
  ASSERT_EQ(anne.size(), 2u);
  EXPECT_EQ(anne[0].meeting_body, "KKR Sjælland");  // 2020 before 2021
  EXPECT_EQ(anne[1].meeting_body, "KKR B");
  f.meeting_body = "KKR B";
  EXPECT_EQ(store_->FindAppointments(f).size(), 1u);
  AppointmentFilter by_item;
  by_item.item_id = "kkr-sjaelland-2020-09-07-1.1";
  EXPECT_EQ(store_->FindAppointments(by_item).size(), 2u);
  by_item.meeting_body = "KKR B";
  EXPECT_TRUE(store_->FindAppointments(by_item).empty());
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
