#include "cases/case_timeline.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite_store.h"

namespace sagsspor::cases {
namespace {
namespace fs = std::filesystem;

struct ItemSpec {
  std::string title;
  std::string case_number;
  std::string text;
};

model::Packet MakeMeeting(const std::string& id, const std::string& body, model::Date date, char sha,
                          const std::vector<ItemSpec>& items) {
  model::Packet p;
  p.source.file = id + ".txt";
  p.source.sha256 = std::string(64, sha);
  model::Meeting m;
  m.id = id;
  m.body = body;
  m.date = date;
  for (std::size_t k = 0; k < items.size(); ++k) {
    model::AgendaItem item;
    item.number = std::to_string(k + 1);
    item.id = id + "-" + item.number;
    item.title = items[k].title;
    item.case_number = items[k].case_number;
    item.sections.push_back({"Indstilling", "indstilling", items[k].text});
    if (items[k].text.find("senest") != std::string::npos) {
      item.facts.deadlines.push_back({{2020, 12, 1}, "senest den 1. december 2020", {0, 0, 0}});
    }
    m.items.push_back(item);
  }
  p.meetings.push_back(m);
  return p;
}

class CaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cases_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    std::string error;
    store_ = store::OpenSqliteStore(dir_.string(), &error);
    ASSERT_TRUE(store_) << error;
    index_ = search::SearchIndex::Open((dir_ / "index").string(), &error);
    ASSERT_TRUE(index_) << error;
    // KKR prints its meeting's own number on every item.
    Put(MakeMeeting("kkr-2020-09-07", "KKR Sjælland", {2020, 9, 7}, 'a',
                    {{"Godkendelse af dagsorden", "SAG-2019-07158", "Dagsordenen godkendes."},
                     {"Rammeaftale for det specialiserede social- og undervisningsområde 2021-2022",
                      "SAG-2019-07158", "KKR anbefaler rammeaftalen, jf. punkt 3."},
                     {"Takstaftale 2021", "SAG-2019-07158", "Taksterne følger rammeaftalen."},
                     {"Kapacitetsplan for fysioterapi", "SAG-2019-07158", "Planen drøftes."}}));
    Put(MakeMeeting("region-2020-10-01", "Udvalget for Social og Psykiatri", {2020, 10, 1}, 'b',
                    {{"RAMMEAFTALE 2021-2022 FOR DET SPECIALISEREDE SOCIAL- OG UNDERVISNINGSOMRÅDE", "20-012345",
                      "Sagen blev behandlet på mødet den 7. september 2020 i KKR."}}));
    Put(MakeMeeting("byraad-2020-11-20", "Byrådet, Roskilde Kommune", {2020, 11, 20}, 'c',
                    {{"Rammeaftale 2021-2022 for det specialiserede social- og undervisningsområde",
                      "27.00.00-A00-1-20", "Byrådet skal godkende rammeaftalen senest den 1. december 2020."},
                     {"Lokalplan 512", "01.02.05-P16-2-20", "Lokalplanen vedtages."}}));
    Put(MakeMeeting("byraad-2021-02-24", "Byrådet, Roskilde Kommune", {2021, 2, 24}, 'd',
                    {{"Opfølgning på rammeaftale", "27.00.00-A00-1-20", "Status på implementeringen."}}));
    Put(MakeMeeting("kkr-2022-09-05", "KKR Sjælland", {2022, 9, 5}, 'e',
                    {{"Rammeaftale for det specialiserede social- og undervisningsområde 2023-2024",
                      "SAG-2022-00001", "KKR anbefaler rammeaftalen."}}));
  }
  void TearDown() override {
    index_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  void Put(const model::Packet& p) {
    store::PutResult r;
    std::string error;
    ASSERT_TRUE(store_->Put(p, &r, &error, [&](const store::PutResult& put, std::string* e) {
      return index_->Add(p, put.superseded_sha256, e);
    })) << error;
  }
  std::vector<std::string> Ids(const Timeline& t) {
    std::vector<std::string> out;
    for (const TimelineEntry& e : t.entries) out.push_back(e.item_id);
    return out;
  }
  const TimelineEntry* Entry(const Timeline& t, const std::string& id) {
    for (const TimelineEntry& e : t.entries) if (e.item_id == id) return &e;
    return nullptr;
  }
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<search::SearchIndex> index_;
};

TEST_F(CaseTest, FollowsTheRammeaftaleAcrossBodies) {
  Timeline t = BuildTimeline(*store_, *index_, "kkr-2020-09-07-2", {2020, 9, 7});
  EXPECT_EQ(Ids(t), (std::vector<std::string>{"kkr-2020-09-07-2", "kkr-2020-09-07-3", "region-2020-10-01-1",
                                              "byraad-2020-11-20-1"}));
  // The agreement for 2023-2024 is another case; the meeting's own number
  // (on every KKR item) links nothing.
  EXPECT_EQ(Entry(t, "kkr-2022-09-05-1"), nullptr);
  EXPECT_EQ(Entry(t, "kkr-2020-09-07-1"), nullptr);
  const TimelineEntry* region = Entry(t, "region-2020-10-01-1");
  ASSERT_NE(region, nullptr);
  EXPECT_DOUBLE_EQ(region->confidence, 0.9);  // the same title, but no shared number
  EXPECT_NE(region->reason.find("samme emne"), std::string::npos) << region->reason;
  const TimelineEntry* reference = Entry(t, "kkr-2020-09-07-3");
  ASSERT_NE(reference, nullptr);
  EXPECT_EQ(reference->reason, "henvisning: jf. punkt 3");
  const TimelineEntry* council = Entry(t, "byraad-2020-11-20-1");
  ASSERT_NE(council, nullptr);
  ASSERT_EQ(council->deadlines_ahead.size(), 1u);
  EXPECT_EQ(council->recommendation, "Byrådet skal godkende rammeaftalen senest den 1. december 2020.");
}

TEST_F(CaseTest, ByCaseNumber) {
  Timeline t = BuildTimeline(*store_, *index_, "27.00.00-A00-1-20", {2020, 1, 1});
  EXPECT_EQ(t.subject, "27.00.00-A00-1-20");
  std::vector<std::string> ids = Ids(t);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "byraad-2020-11-20-1"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "byraad-2021-02-24-1"), ids.end());
}

TEST_F(CaseTest, ByQueryAndReferenceToAnEarlierMeeting) {
  Timeline t = BuildTimeline(*store_, *index_, "rammeaftale behandlet", {2020, 1, 1});
  ASSERT_FALSE(t.entries.empty());
  const TimelineEntry* kkr = Entry(t, "kkr-2020-09-07-2");
  ASSERT_NE(kkr, nullptr);
  // Deadlines before `today` are not ahead.
  Timeline later = BuildTimeline(*store_, *index_, "byraad-2020-11-20-1", {2021, 1, 1});
  ASSERT_NE(Entry(later, "byraad-2020-11-20-1"), nullptr);
  EXPECT_TRUE(Entry(later, "byraad-2020-11-20-1")->deadlines_ahead.empty());
}

TEST_F(CaseTest, NothingMatches) {
  EXPECT_TRUE(BuildTimeline(*store_, *index_, "zzzz", {}).entries.empty());
}

TEST(TitleSimilarity, SharedWordsAndYears) {
  std::vector<std::string> shared;
  EXPECT_GT(TitleSimilarity("Rammeaftale 2021-2022 for det specialiserede socialområde",
                            "RAMMEAFTALE 2021-2022 FOR DET SPECIALISEREDE SOCIALOMRÅDE", &shared),
            0.99);
  EXPECT_LT(TitleSimilarity("Rammeaftale 2021-2022", "Rammeaftale 2023-2024", nullptr), 0.5);
  EXPECT_EQ(TitleSimilarity("Godkendelse af dagsorden", "Lokalplan 512", nullptr), 0);
}

}  // namespace
}  // namespace sagsspor::cases
