#include "search/facet_spy.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace sagsspor::search {
namespace {

constexpr Xapian::valueno kBody = 1, kYear = 2, kPacked = 4;

TEST(FacetSpy, CountsPackedValuesAndOlderDocumentsAlike) {
  Xapian::WritableDatabase db = Xapian::InMemory::open();
  auto add = [&](const std::string& body, const std::string& year, bool packed) {
    Xapian::Document d;
    d.add_term("x");
    d.add_value(kBody, body);
    d.add_value(kYear, year);
    if (packed) d.add_value(kPacked, PackFacets({body, year}));
    db.add_document(d);
  };
  // Runs of equal values, a value coming back after another, and two
  // documents from before the packed slot.
  for (int i = 0; i < 3; ++i) add("KKR Sjælland", "2020", true);
  add("Regionsrådet", "2020", true);
  add("KKR Sjælland", "2021", true);
  add("KKR Sjælland", "2020", true);
  add("KKR Sjælland", "2020", false);
  add("", "2019", false);
  FacetSpy spy(kPacked, {kBody, kYear});
  Xapian::Enquire e(db);
  e.set_query(Xapian::Query("x"));
  e.add_matchspy(&spy);
  e.get_mset(0, 10, 100);
  std::vector<std::map<std::string, Xapian::doccount>> counts;
  spy.AddTo(&counts);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0], (std::map<std::string, Xapian::doccount>{{"KKR Sjælland", 6}, {"Regionsrådet", 1}, {"", 1}}));
  EXPECT_EQ(counts[1], (std::map<std::string, Xapian::doccount>{{"2019", 1}, {"2020", 6}, {"2021", 1}}));
  // Adding again adds nothing new twice: the counts were flushed once.
  std::vector<std::map<std::string, Xapian::doccount>> again;
  spy.AddTo(&again);
  EXPECT_EQ(again, counts);
  // Through the database's table (the older documents, not in it, still
  // by their own slots): the same counts.
  std::shared_ptr<const FacetTable> table = ReadFacetTable(db, kPacked);
  EXPECT_EQ(table->values.size(), 4u);  // "", and three packed values
  FacetSpy by_table(kPacked, {kBody, kYear}, table.get());
  Xapian::Enquire e2(db);
  e2.set_query(Xapian::Query("x"));
  e2.add_matchspy(&by_table);
  e2.get_mset(0, 10, 100);
  std::vector<std::map<std::string, Xapian::doccount>> from_table;
  by_table.AddTo(&from_table);
  EXPECT_EQ(from_table, counts);
  EXPECT_EQ(by_table.seen(), 8u);
}

TEST(FacetSpy, PacksWithASeparatorNoValueHolds) {
  EXPECT_EQ(PackFacets({"a", "", "c"}), "a\x1f\x1f" "c");
  EXPECT_EQ(PackFacets({}), "");
}

}  // namespace
}  // namespace sagsspor::search
