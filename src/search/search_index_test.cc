#include "search/search_index.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "packet/parser.h"
#include "search/query.h"
#include "store/sqlite_store.h"

namespace sagsspor::search {
namespace {
namespace fs = std::filesystem;

model::Packet Meeting(const std::string& body, model::Date date, const std::string& sha,
                      std::vector<std::tuple<std::string, std::string, std::string>> items) {
  model::Packet p;
  p.source.sha256 = sha;
  model::Meeting m;
  m.body = body;
  m.date = date;
  m.id = BodyKey(body) + "-" + date.iso();
  int n = 0;
  for (auto& [title, type, text] : items) {
    model::AgendaItem item;
    item.number = std::to_string(++n);
    item.id = m.id + "-" + item.number;
    item.title = title;
    item.type = type;
    item.case_number = "SAG-2020-0000" + std::to_string(n);
    item.sections.push_back({"Sagsfremstilling", "sagsfremstilling", text});
    m.items.push_back(item);
  }
  p.meetings.push_back(m);
  return p;
}

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("search_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    std::string error;
    index_ = SearchIndex::Open(dir_.string(), &error);
    ASSERT_TRUE(index_) << error;
    ASSERT_TRUE(index_->Add(Meeting("KKR Sjælland", {2020, 9, 7}, std::string(64, 'a'),
                                    {{"Kapacitetsplan for fysioterapi", "Beslutningssag",
                                      "Planen beskriver kapaciteten på fysioterapiområdet i Aabenraa."},
                                     {"Rammeaftale 2021-2022", "Beslutningssag",
                                      "Rammeaftalen for det specialiserede socialområde skal godkendes."},
                                     {"Demensstrategi", "Orienteringssag",
                                      "Indsatsen for borgere med demens styrkes. Vi giver dem bedre tilbud."},
                                     {"Fysioterapikapacitet i regionen", "Orienteringssag",
                                      "Status på kapacitet og ventetider."}}),
                            "", &error))
        << error;
    ASSERT_TRUE(index_->Add(Meeting("Udvalget for Social og Psykiatri", {2021, 3, 15}, std::string(64, 'b'),
                                    {{"Rammeaftale 2021-2022 for det specialiserede socialområde",
                                      "Beslutningssag", "Udvalget anbefaler rammeaftalen. Taksterne stiger."}}),
                            "", &error))
        << error;
  }
  void TearDown() override {
    index_.reset();
    fs::remove_all(dir_);
  }
  std::vector<std::string> Ids(const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 20;
    std::vector<std::string> out;
    for (const Hit& h : index_->Search(r).hits) out.push_back(h.id);
    return out;
  }
  fs::path dir_;
  std::unique_ptr<SearchIndex> index_;
};

TEST_F(SearchIndexTest, ShardsPerBodyAndYear) {
  EXPECT_TRUE(fs::exists(dir_ / "kkr-sjaelland" / "2020" / "iamglass"));
  EXPECT_TRUE(fs::exists(dir_ / "udvalget-for-social-og-psykiatri" / "2021" / "iamglass"));
  EXPECT_EQ(index_->Size(), 5u);
}

TEST_F(SearchIndexTest, WordsAndStems) {
  auto ids = Ids("rammeaftalen");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(Ids("godkendes").size(), 1u);
  EXPECT_EQ(Ids("godkende").size(), 1u);  // by the stem
}

TEST_F(SearchIndexTest, CompoundsWithWholeWordsFirst) {
  // Items 1 and 4 have the word itself ("kapaciteten", "kapacitet") and
  // a compound in the title. The new meeting's two items are alike but
  // for "fysioterapikapacitet" in the first where the second has
  // "kapacitet".
  std::string error;
  ASSERT_TRUE(index_->Add(Meeting("KKR Syddanmark", {2022, 5, 2}, std::string(64, 'd'),
                                  {{"Status på genoptræning", "Orienteringssag", "Der mangler fysioterapikapacitet."},
                                   {"Status på aflastning", "Orienteringssag", "Der mangler kapacitet."}}),
                          "", &error))
      << error;
  auto ids = Ids("kapacitet");
  ASSERT_EQ(ids.size(), 4u);
  const std::set<std::string> whole_word(ids.begin(), ids.begin() + 3);
  EXPECT_EQ(whole_word, (std::set<std::string>{"kkr-sjaelland-2020-09-07-1", "kkr-sjaelland-2020-09-07-4",
                                               "kkr-syddanmark-2022-05-02-2"}));
  EXPECT_EQ(ids[3], "kkr-syddanmark-2022-05-02-1");  // a compound only
}

// A long attachment's snippet shows its match, near the start or far in
// (its text is stored in pieces, read as far as needed).
TEST_F(SearchIndexTest, SnippetsOfLongTexts) {
  std::string filler;
  while (filler.size() < 100 * 1024) filler += "Her står der noget andet om økonomien. ";
  std::string error;
  ASSERT_TRUE(index_->Add(Meeting("KKR Syddanmark", {2022, 1, 10}, std::string(64, 'c'),
                                  {{"Bilag A", "Orienteringssag", "Om genoptræning. " + filler},
                                   {"Bilag B", "Orienteringssag", filler + "Til sidst om vederlagsfri fysioterapi."}}),
                          "", &error))
      << error;
  for (const auto& [query, word] : {std::pair<std::string, std::string>{"genoptræning", "genoptræning"},
                                    {"vederlagsfri", "vederlagsfri"}}) {
    SearchRequest r;
    r.query = query;
    SearchResults res = index_->Search(r);
    ASSERT_EQ(res.hits.size(), 1u) << query;
    ASSERT_EQ(res.hits[0].highlights.size(), 1u) << query;
    const auto [b, e] = res.hits[0].highlights[0];
    EXPECT_EQ(res.hits[0].snippet.substr(b, e - b), word);
    EXPECT_LT(res.hits[0].snippet.size(), 300u);
  }
}

// A word found at the end of compounds only, through the reversed
// lexicon: in the delta shards, and after they are merged into the base.
// A new index is one without shards, whatever else its directory holds.
TEST(SearchIndexFormat, NewIndexIsOfTheCurrentFormat) {
  fs::path dir = fs::path(::testing::TempDir()) / ("search_format_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "remotes.txt") << "# none yet\n";
  std::string error;
  ASSERT_TRUE(SearchIndex::Open(dir.string(), &error)) << error;
  EXPECT_TRUE(fs::exists(dir / "format"));
  fs::remove_all(dir);
}

TEST_F(SearchIndexTest, CompoundsEndingInTheWord) {
  std::string error;
  ASSERT_TRUE(index_->Add(Meeting("KKR Syddanmark", {2022, 1, 10}, std::string(64, 'c'),
                                  {{"Status", "Orienteringssag", "Ventetider og genoptræningsforløb."},
                                   {"Genoptræning", "Orienteringssag", "Genoptræning efter sygehusophold. Hvert forløb."},
                                   {"Budget", "Orienteringssag", "Budgettet for 2022."},
                                   {"Bilag", "Orienteringssag", "Se 2022budget og udgifter."}}),
                          "", &error))
      << error;
  // The whole word first, then the compound (by its first part, or by its
  // last through the reversed lexicon).
  const std::vector<std::string> both = {"kkr-syddanmark-2022-01-10-2", "kkr-syddanmark-2022-01-10-1"};
  EXPECT_EQ(Ids("forløb"), both);
  EXPECT_EQ(Ids("genoptræning"), both);
  // A compound that starts with a number ends in a word too.
  EXPECT_EQ(Ids("budget"), (std::vector<std::string>{"kkr-syddanmark-2022-01-10-3", "kkr-syddanmark-2022-01-10-4"}));
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  EXPECT_EQ(Ids("forløb"), both);
  EXPECT_EQ(Ids("genoptræning"), both);
}

TEST_F(SearchIndexTest, OldSpellingsAndDemens) {
  EXPECT_EQ(Ids("Åbenrå"), (std::vector<std::string>{"kkr-sjaelland-2020-09-07-1"}));
  // "demens" is not stemmed to "dem", which item 3 also contains: only
  // the dementia item matches, and "dem" alone does not find "demens".
  EXPECT_EQ(Ids("demens"), (std::vector<std::string>{"kkr-sjaelland-2020-09-07-3"}));
}

TEST_F(SearchIndexTest, QuerySyntax) {
  EXPECT_EQ(Ids("\"specialiserede socialområde\"").size(), 2u);
  EXPECT_EQ(Ids("rammeaftale -taksterne"), (std::vector<std::string>{"kkr-sjaelland-2020-09-07-2"}));
  EXPECT_EQ(Ids("demens OR taksterne").size(), 2u);
  EXPECT_EQ(Ids("fysio*").size(), 2u);
  EXPECT_EQ(Ids("rammeaftale body:\"KKR Sjælland\""), (std::vector<std::string>{"kkr-sjaelland-2020-09-07-2"}));
  EXPECT_EQ(Ids("rammeaftale year:2021").size(), 1u);
  EXPECT_EQ(Ids("type:Orienteringssag").size(), 2u);
  EXPECT_EQ(Ids("case:SAG-2020-00003"), (std::vector<std::string>{"kkr-sjaelland-2020-09-07-3"}));
  EXPECT_TRUE(Ids("").empty());
  EXPECT_TRUE(Ids("\"").empty());
}

TEST_F(SearchIndexTest, FiltersFacetsSnippetsAndPaging) {
  SearchRequest r;
  r.query = "rammeaftale";
  SearchResults all = index_->Search(r);
  ASSERT_EQ(all.total, 2);
  EXPECT_EQ(all.facets["year"].size(), 2u);
  EXPECT_EQ(all.facets["type"][0].value, "Beslutningssag");
  EXPECT_EQ(all.facets["type"][0].count, 2);
  ASSERT_FALSE(all.hits[0].highlights.empty());
  const auto& [b, e] = all.hits[0].highlights[0];
  EXPECT_EQ(all.hits[0].snippet.substr(b, 11), "Rammeaftale");
  r.from = {2021, 1, 1};
  EXPECT_EQ(index_->Search(r).total, 1);
  r.from = {};
  r.limit = 1;
  r.offset = 1;
  SearchResults page = index_->Search(r);
  ASSERT_EQ(page.hits.size(), 1u);
  EXPECT_NE(page.hits[0].id, all.hits[0].id);
}

// Facet counts add up to the matches: exactly, or scaled when Xapian
// stopped early, within rounding.
TEST_F(SearchIndexTest, FacetCountsAddUpToTheTotal) {
  std::string error;
  for (int m = 0; m < 12; ++m) {
    std::vector<std::tuple<std::string, std::string, std::string>> items;
    for (int i = 0; i < 25; ++i) {
      std::string text = "Kommunen skal " + std::string(i % 5 == 0 ? "planlægge og planlægge plan" : "drøfte") +
                         " sagen" + std::string(static_cast<std::size_t>(i % 7), '.') + " om plan nummer " +
                         std::to_string(i);
      items.emplace_back("Punkt " + std::to_string(i), i % 3 == 0 ? "Orienteringssag" : "Beslutningssag", text);
    }
    ASSERT_TRUE(index_->Add(Meeting(m % 2 ? "KKR Syddanmark" : "KKR Nordjylland", {2019 + m % 4, 2, 1 + m},
                                    std::string(63, 'p') + static_cast<char>('a' + m), items),
                            "", &error))
        << error;
  }
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  // Pages drawn from both partitions come back full, every time (hits
  // are fetched by one task per partition).
  for (int round = 0; round < 50; ++round) {
    SearchRequest r;
    r.query = "sagen";
    r.limit = 20;
    ASSERT_EQ(index_->Search(r).hits.size(), 20u) << round;
  }
  for (const std::string query : {"plan", "kommunen sagen", "planlægge"}) {
    SearchRequest r;
    r.query = query;
    r.limit = 3;
    SearchResults res = index_->Search(r);
    ASSERT_GT(res.total, 3) << query;
    int sum = 0;
    for (const FacetValue& v : res.facets["type"]) sum += v.count;
    if (res.facets_estimated) {
      EXPECT_NEAR(sum, res.total, 2 + res.total / 20) << query;
    } else {
      EXPECT_EQ(sum, res.total) << query;
    }
  }
}

TEST_F(SearchIndexTest, HostileQueriesGiveNoErrors) {
  for (const std::string& q : std::vector<std::string>{"\"", "-", "OR", "OR OR rammeaftale", "body:", "type:\"", "*", "**", ":", "-\"\"",
                              std::string(10000, 'a'), std::string("ramme\0aftale", 13), "\xff\xfe rammeaftale",
                              "<script>alert(1)</script>", "year:abc", "case:", "-rammeaftale"}) {
    SearchRequest r;
    r.query = q;
    SearchResults res = index_->Search(r);
    EXPECT_LE(res.hits.size(), 10u) << q;
  }
  // Only a negation matches nothing rather than everything.
  EXPECT_TRUE(Ids("-rammeaftale").empty());
  EXPECT_EQ(Ids("OR OR rammeaftale").size(), 2u);
}

TEST_F(SearchIndexTest, MultiWordSynonyms) {
  std::string error;
  ASSERT_TRUE(index_->Add(Meeting("KKR Sjælland", {2021, 1, 1}, std::string(64, 'e'),
                                  {{"Udpegning til FGU Danmark", "Beslutningssag", "Bestyrelsen for FGU."}}),
                          "", &error));
  EXPECT_EQ(Ids("fgu").size(), 1u);
  EXPECT_EQ(Ids("forberedende grunduddannelse").size(), 1u);
  EXPECT_EQ(Ids("\"forberedende grunduddannelse\"").size(), 1u);
}

TEST_F(SearchIndexTest, SpellingSuggestion) {
  SearchRequest r;
  r.query = "rammeaftalne";
  // Adding leaves the spelling table alone; Compact, which every writer
  // calls after its adds, fills it in even when it merges nothing.
  EXPECT_EQ(index_->Search(r).suggestion, "");
  std::string error;
  ASSERT_TRUE(index_->Compact(true, &error)) << error;
  EXPECT_FALSE(fs::exists(dir_ / "_merged"));
  SearchResults res = index_->Search(r);
  // One edit away: "rammeaftale" or "rammeaftalen", both indexed.
  EXPECT_TRUE(res.suggestion == "rammeaftale" || res.suggestion == "rammeaftalen") << res.suggestion;
  r.query = res.suggestion;
  EXPECT_GT(index_->Search(r).total, 0);
  r.query = "rammeaftale";
  EXPECT_EQ(index_->Search(r).suggestion, "");  // nothing to correct
  for (const char* q : {"type:Beslutningssag", "type:Beslutningsag", "rammeaft*", "demens"}) {
    r.query = q;
    EXPECT_EQ(index_->Search(r).suggestion, "") << q;  // fields, prefixes and found words stay
  }
}

TEST_F(SearchIndexTest, SpellingOfWordsAddedAfterAMergeOrInAChangedItem) {
  std::string error;
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  SearchRequest r;
  r.query = "ergoterapeyter";
  EXPECT_EQ(index_->Search(r).suggestion, "");
  // A new word in a delta shard beside the base.
  ASSERT_TRUE(index_->Add(Meeting("KKR Sjælland", {2020, 9, 7}, std::string(64, 'c'),
                                  {{"Kapacitetsplan for ergoterapeuter", "Beslutningssag", "Ny tekst."}}),
                          std::string(64, 'a'), &error))
      << error;
  ASSERT_TRUE(index_->Compact(true, &error)) << error;
  EXPECT_EQ(index_->Search(r).suggestion, "ergoterapeuter");
  // The same item again with a new word: a new document, spelled too.
  ASSERT_TRUE(index_->Add(Meeting("KKR Sjælland", {2020, 9, 7}, std::string(64, 'd'),
                                  {{"Kapacitetsplan for audiologopæder", "Beslutningssag", "Ny tekst."}}),
                          std::string(64, 'c'), &error))
      << error;
  ASSERT_TRUE(index_->Compact(true, &error)) << error;
  r.query = "audiologpæder";
  EXPECT_EQ(index_->Search(r).suggestion, "audiologopæder");
  EXPECT_EQ(Ids("audiologopæder"), (std::vector<std::string>{"kkr-sjaelland-2020-09-07-1"}));
}

TEST(SearchIndexPartitions, ABaseOfOnePartitionWithDeltasBesideIt) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("search_one_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string error;
  auto index = SearchIndex::Open(dir.string(), &error);
  ASSERT_TRUE(index) << error;
  ASSERT_TRUE(index->Add(Meeting("KKR Sjælland", {2020, 9, 7}, std::string(64, 'a'),
                                 {{"Rammeaftale 2021-2022", "Beslutningssag", "Rammeaftalen godkendes."}}),
                         "", &error))
      << error;
  ASSERT_TRUE(index->Compact(false, &error)) << error;  // one shard: a base of one partition
  EXPECT_TRUE(fs::exists(dir / "_merged" / "p0"));
  EXPECT_FALSE(fs::exists(dir / "_merged" / "p1"));
  ASSERT_TRUE(index->Add(Meeting("KKR Hovedstaden", {2021, 3, 1}, std::string(64, 'b'),
                                 {{"Rammeaftale 2022-2023", "Beslutningssag", "Rammeaftalen drøftes."}}),
                         "", &error))
      << error;
  SearchRequest r;
  r.query = "rammeaftale";
  EXPECT_EQ(index->Search(r).total, 2);
  index.reset();
  fs::remove_all(dir);
}

// A merge lists the deltas it took in before it removes them; a crash in
// between leaves them beside a base that holds them already.
TEST_F(SearchIndexTest, DeltasLeftByACutShortMergeCountOnce) {
  std::string error;
  const std::vector<fs::path> deltas = {dir_ / "kkr-sjaelland" / "2020", dir_ / "udvalget-for-social-og-psykiatri" / "2021"};
  const fs::path copies = dir_.string() + "_deltas";
  fs::remove_all(copies);
  fs::create_directories(copies);
  for (std::size_t i = 0; i < deltas.size(); ++i) fs::copy(deltas[i], copies / std::to_string(i), fs::copy_options::recursive);
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  for (std::size_t i = 0; i < deltas.size(); ++i) {
    ASSERT_FALSE(fs::exists(deltas[i]));
    fs::create_directories(deltas[i].parent_path());
    fs::copy(copies / std::to_string(i), deltas[i], fs::copy_options::recursive);  // as the crash left it
  }
  fs::remove_all(copies);
  EXPECT_EQ(index_->Size(), 5u);
  // An add to such a delta is not hidden with it.
  ASSERT_TRUE(index_->Add(Meeting("KKR Sjælland", {2020, 10, 1}, std::string(64, 'e'),
                                  {{"Ergoterapi i hjemmeplejen", "Orienteringssag", "Status."}}),
                          "", &error))
      << error;
  EXPECT_EQ(Ids("ergoterapi").size(), 1u);
  EXPECT_EQ(index_->Size(), 6u);
  // Nor does the next merge take in again what the base holds (the
  // other delta).
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  EXPECT_EQ(index_->Size(), 6u);
  EXPECT_EQ(Ids("rammeaftalen").size(), 2u);
  EXPECT_EQ(Ids("ergoterapi").size(), 1u);
}

TEST_F(SearchIndexTest, SupersedingReplacesTheOldVersion) {
  std::string error;
  ASSERT_TRUE(index_->Add(Meeting("KKR Sjælland", {2020, 9, 7}, std::string(64, 'c'),
                                  {{"Kapacitetsplan for ergoterapi", "Beslutningssag", "Ny tekst."}}),
                          std::string(64, 'a'), &error))
      << error;
  EXPECT_EQ(index_->Size(), 2u);
  EXPECT_TRUE(Ids("demens").empty());
  EXPECT_EQ(Ids("ergoterapi").size(), 1u);
}

TEST_F(SearchIndexTest, MergedBaseGivesTheSameAnswers) {
  const std::vector<std::string> queries = {"rammeaftale", "kapacitet", "demens", "\"specialiserede socialområde\"",
                                            "fysio*", "type:Orienteringssag", "rammeaftale year:2021", "rammeaftalne"};
  std::map<std::string, std::vector<std::string>> before;
  for (const std::string& q : queries) before[q] = Ids(q);
  std::string error;
  ASSERT_TRUE(index_->Compact(true, &error)) << error;  // two shards: not needed yet
  EXPECT_FALSE(fs::exists(dir_ / "_merged"));
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  // Two shards, two partitions of the base (at least two are made).
  EXPECT_TRUE(fs::exists(dir_ / "_merged" / "p0" / "iamglass"));
  EXPECT_TRUE(fs::exists(dir_ / "_merged" / "p1" / "iamglass"));
  EXPECT_FALSE(fs::exists(dir_ / "kkr-sjaelland" / "2020"));  // now in the base
  for (const std::string& q : queries) EXPECT_EQ(Ids(q), before[q]) << q;
  EXPECT_EQ(index_->Size(), 5u);
  SearchRequest r;
  r.query = "rammeaftalne";
  EXPECT_FALSE(index_->Search(r).suggestion.empty());  // the spelling table survives the merge
  // A superseding version goes to a delta shard; the old one in the base
  // is left out.
  ASSERT_TRUE(index_->Add(Meeting("KKR Sjælland", {2020, 9, 7}, std::string(64, 'c'),
                                  {{"Kapacitetsplan for ergoterapi", "Beslutningssag", "Ny tekst."}}),
                          std::string(64, 'a'), &error));
  EXPECT_TRUE(Ids("demens").empty());
  EXPECT_EQ(Ids("ergoterapi"), (std::vector<std::string>{"kkr-sjaelland-2020-09-07-1"}));
  EXPECT_EQ(Ids("rammeaftalen").size(), 1u);  // only the other body's
  EXPECT_EQ(index_->Size(), 2u);
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  EXPECT_FALSE(fs::exists(dir_ / "tombstones.txt"));
  EXPECT_TRUE(Ids("demens").empty());
  EXPECT_EQ(Ids("ergoterapi").size(), 1u);
  EXPECT_EQ(index_->Size(), 2u);
}

// What a crash of the machine can leave behind (adds do not wait for the
// disk, and the store may lose its last commits too), repaired from the
// store.
TEST_F(SearchIndexTest, ReconcileRepairsTheIndexFromTheStore) {
  const fs::path store_dir = dir_.string() + "-store";
  fs::remove_all(store_dir);
  std::string error;
  auto store = store::OpenSqliteStore(store_dir.string(), &error);
  ASSERT_TRUE(store) << error;
  model::Packet kept = Meeting("KKR Hovedstaden", {2022, 5, 2}, std::string(64, '1'),
                               {{"Kapacitetsplan for ergoterapi", "Beslutningssag", "Ergoterapi i hovedstaden."}});
  model::Packet lost = Meeting("KKR Midtjylland", {2022, 6, 1}, std::string(64, '2'),
                               {{"Takster for botilbud", "Beslutningssag", "Taksterne for botilbud."}});
  store::PutResult put;
  ASSERT_TRUE(store->Put(kept, &put, &error)) << error;
  ASSERT_TRUE(store->Put(lost, &put, &error)) << error;
  // The index holds one of the two, and two sources the store does not
  // hold (SetUp's); one of those is merged into the base.
  ASSERT_TRUE(index_->Compact(false, &error)) << error;
  ASSERT_TRUE(index_->Add(kept, "", &error)) << error;
  EXPECT_TRUE(Ids("botilbud").empty());
  EXPECT_FALSE(Ids("rammeaftale").empty());
  bool repaired = false;
  ASSERT_TRUE(index_->Reconcile(*store, &repaired, &error)) << error;
  EXPECT_TRUE(repaired);
  EXPECT_EQ(Ids("botilbud"), (std::vector<std::string>{"kkr-midtjylland-2022-06-01-1"}));
  EXPECT_EQ(Ids("ergoterapi"), (std::vector<std::string>{"kkr-hovedstaden-2022-05-02-1"}));
  EXPECT_TRUE(Ids("rammeaftale").empty());
  EXPECT_EQ(index_->Size(), 2u);
  // In step now: nothing to do.
  ASSERT_TRUE(index_->Reconcile(*store, &repaired, &error)) << error;
  EXPECT_FALSE(repaired);
  // An index that cannot be read is made anew (as a restarted server
  // finds it: the generation file tells readers to open it again).
  for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
    if (entry.is_regular_file() && entry.path().filename() == "postlist.glass") {
      std::ofstream(entry.path(), std::ios::trunc) << "not a database";
    }
  }
  std::ofstream(dir_ / "generation", std::ios::trunc) << "after a crash\n";
  ASSERT_TRUE(index_->Reconcile(*store, &repaired, &error)) << error;
  EXPECT_TRUE(repaired);
  EXPECT_EQ(Ids("botilbud").size(), 1u);
  EXPECT_EQ(index_->Size(), 2u);
  // So is an index of an older format, whose terms searches no longer
  // read the same way. The list of remote shards is not made from the
  // store: it stays.
  ASSERT_TRUE(fs::remove(dir_ / "format"));
  std::ofstream(dir_ / "remotes.txt") << "# none yet\n";
  ASSERT_TRUE(index_->Reconcile(*store, &repaired, &error)) << error;
  EXPECT_TRUE(repaired);
  EXPECT_TRUE(fs::exists(dir_ / "format"));
  EXPECT_TRUE(fs::exists(dir_ / "remotes.txt"));
  EXPECT_EQ(Ids("botilbud").size(), 1u);
  EXPECT_EQ(Ids("hovedstaden").size(), 1u);
  ASSERT_TRUE(index_->Reconcile(*store, &repaired, &error)) << error;
  EXPECT_FALSE(repaired);
  store.reset();
  fs::remove_all(store_dir);
}

TEST_F(SearchIndexTest, RemoteShardsAreSearchedWithLocalOnes) {
  if (std::system("command -v xapian-tcpsrv >/dev/null 2>&1") != 0) GTEST_SKIP() << "xapian-tools not installed";
  // A shard built elsewhere and served over TCP on loopback.
  fs::path other = dir_.string() + "-remote";
  fs::remove_all(other);
  std::string error;
  auto remote = SearchIndex::Open(other.string(), &error);
  ASSERT_TRUE(remote->Add(Meeting("KKR Nordjylland", {2019, 5, 1}, std::string(64, 'f'),
                                  {{"Praksisplan for almen praksis", "Orienteringssag", "Høring om praksisplanen."}}),
                          "", &error))
      << error;
  const int port = 20000 + ::getpid() % 20000;
  const std::string shard = (other / "kkr-nordjylland" / "2019").string();
  pid_t server = fork();
  if (server == 0) {
    setpgid(0, 0);  // xapian-tcpsrv signals its whole process group on exit
    execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port).c_str(),
           shard.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Ended however the test ends: the whole group, and with SIGKILL (the
  // server forks a child per connection), since one left behind keeps
  // ctest's output pipe open.
  struct Stop {
    pid_t pid;
    ~Stop() {
      kill(-pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  } stop{server};
  std::ofstream(dir_ / "remotes.txt") << "# served by xapian-tcpsrv\n127.0.0.1:" << port << "\n";
  // Until the server listens, searches find it unreachable: no hits, and
  // no exception (Search throws nothing).
  std::vector<std::string> ids = Ids("praksisplan OR rammeaftale");
  for (int attempt = 0; attempt < 50 && ids.size() < 3; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ids = Ids("praksisplan OR rammeaftale");
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "kkr-nordjylland-2019-05-01-1"), ids.end());
  // Compounds that end in the word reach the remote shard's lexicon too
  // ("praksisplan" for "plan").
  const std::vector<std::string> plan = Ids("plan");
  EXPECT_NE(std::find(plan.begin(), plan.end(), "kkr-nordjylland-2019-05-01-1"), plan.end());
  fs::remove_all(other);
}

TEST(SearchCorpus, RealAgendaIsFoundInDanish) {
  std::ifstream in(std::string(SAGSSPOR_CORPUS_DIR) + "/kkr-sjaelland-2020-09-07-dagsorden.txt");
  if (!in) GTEST_SKIP() << "corpus not available";
  std::stringstream b;
  b << in.rdbuf();
  text::RawText raw;
  raw.pages = {b.str()};
  raw.source.sha256 = std::string(64, 'd');
  model::Packet p = packet::ParsePacket(raw);
  fs::path dir = fs::path(::testing::TempDir()) / ("search_corpus_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string error;
  auto index = SearchIndex::Open(dir.string(), &error);
  ASSERT_TRUE(index->Add(p, "", &error)) << error;
  SearchRequest r;
  r.query = "rammeaftale";
  SearchResults res = index->Search(r);
  ASSERT_FALSE(res.hits.empty());
  EXPECT_EQ(res.hits[0].number, "2.4");
  r.query = "grønlandske borgere";
  res = index->Search(r);
  ASSERT_FALSE(res.hits.empty());
  EXPECT_EQ(res.hits[0].number, "2.5");
  r.query = "\"praksisplan for almen praksis\"";
  res = index->Search(r);
  ASSERT_FALSE(res.hits.empty());
  EXPECT_EQ(res.hits[0].number, "2.7");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sagsspor::search
