#include "search/partitioned_match.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "search/weight.h"

namespace sagsspor::search {
namespace {

constexpr Xapian::valueno kSlot = 0;

// Document d: "plan" with wdf d + 1, "tekst" with wdf d + 1 (documents
// differ in length, which no weight here reads), "sjælden" in every
// seventh; value "krop d % 3".
Xapian::Document Doc(int d) {
  Xapian::Document doc;
  doc.add_term("plan", static_cast<Xapian::termcount>(d + 1));
  doc.add_term("tekst", static_cast<Xapian::termcount>(d + 1));
  if (d % 7 == 0) doc.add_term("sjælden");
  doc.add_value(kSlot, "krop " + std::to_string(d % 3));
  doc.set_data(std::to_string(d));
  return doc;
}

class PartitionedMatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two partitions, unequal in size and content, and the same documents
    // as one database.
    Xapian::WritableDatabase a = Xapian::InMemory::open(), b = Xapian::InMemory::open(),
                             all = Xapian::InMemory::open();
    for (int d = 0; d < 60; ++d) {
      (d % 3 == 0 ? b : a).add_document(Doc(d));
      all.add_document(Doc(d));
    }
    parts_ = {a, b};
    all_ = all;
  }

  // Each document's weight for `term` over the one database, by
  // `weight` (Xapian's BM25 when null).
  std::map<std::string, double> WeightsOverAll(const std::string& term, const Xapian::Weight* weight = nullptr) {
    Xapian::Enquire e(all_);
    e.set_query(Xapian::Query(term));
    if (weight) e.set_weighting_scheme(*weight);
    std::map<std::string, double> out;
    Xapian::MSet m = e.get_mset(0, 100);
    for (auto it = m.begin(); it != m.end(); ++it) out[it.get_document().get_data()] = it.get_weight();
    return out;
  }

  Xapian::Query Scaled(const std::string& term) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term),
                         Idf(all_.get_doccount(), all_.get_termfreq(term)));
  }

  std::vector<Xapian::Database> parts_;
  Xapian::Database all_;
};

TEST_F(PartitionedMatchTest, TfWeightWithIdfScoresAsRemoteWeightOverTheWhole) {
  // Partitions ranked apart with the whole's idf in the query rank as
  // the whole ranked as one by RemoteWeight, which scores
  // kRemoteScoreScale times as much (weight.h).
  TfWeight weight;
  const Xapian::BM25Weight remote = RemoteWeight();
  for (const std::string term : {"plan", "sjælden"}) {
    const std::map<std::string, double> expected = WeightsOverAll(term, &remote);
    PartitionedMatch m = MatchPartitions(parts_, Scaled(term), &weight, 0, 100, 0, FacetSlots{});
    ASSERT_EQ(m.best.size(), expected.size()) << term;
    for (const PartitionedMatch::Entry& e : m.best) {
      const std::string id = m.msets[e.partition][e.rank].get_document().get_data();
      ASSERT_TRUE(expected.count(id)) << id;
      EXPECT_NEAR(e.weight * kRemoteScoreScale, expected.at(id), expected.at(id) * 1e-6) << term << " " << id;
    }
  }
}

TEST_F(PartitionedMatchTest, MergesRankingPagesAndFacets) {
  TfWeight weight;
  PartitionedMatch whole = MatchPartitions(parts_, Scaled("plan"), &weight, 0, 60, 60, FacetSlots{{kSlot}});
  ASSERT_EQ(whole.best.size(), 60u);
  EXPECT_EQ(whole.estimated, 60u);
  for (std::size_t k = 1; k < whole.best.size(); ++k) EXPECT_GE(whole.best[k - 1].weight, whole.best[k].weight);
  bool from_a = false, from_b = false;
  for (std::size_t k = 0; k < 10; ++k) (whole.best[k].partition == 0 ? from_a : from_b) = true;
  EXPECT_TRUE(from_a && from_b);  // the top ten mixes both
  // Every match examined: exact facet counts.
  ASSERT_EQ(whole.facets.size(), 1u);
  EXPECT_EQ(whole.facets[0]["krop 0"], 20u);
  EXPECT_EQ(whole.facets[0]["krop 1"], 20u);
  EXPECT_EQ(whole.facets[0]["krop 2"], 20u);
  // The same counts from the packed slot (with the unpacked one as
  // fallback, here for every document).
  PartitionedMatch packed = MatchPartitions(parts_, Scaled("plan"), &weight, 0, 60, 60, FacetSlots{{kSlot}, 7});
  ASSERT_EQ(packed.facets.size(), 1u);
  EXPECT_EQ(packed.facets[0], whole.facets[0]);
  // A page is that stretch of the whole ranking.
  PartitionedMatch page = MatchPartitions(parts_, Scaled("plan"), &weight, 20, 10, 0, FacetSlots{});
  ASSERT_EQ(page.best.size(), 10u);
  for (std::size_t k = 0; k < 10; ++k) {
    const auto& e = page.best[k];
    const auto& w = whole.best[20 + k];
    EXPECT_EQ(*page.msets[e.partition][e.rank], *whole.msets[w.partition][w.rank]);
    EXPECT_EQ(e.partition, w.partition);
  }
  // Past the end: nothing, and no error.
  EXPECT_TRUE(MatchPartitions(parts_, Scaled("plan"), &weight, 100, 10, 0, FacetSlots{}).best.empty());
}

TEST_F(PartitionedMatchTest, OneDatabaseWithXapiansOwnWeight) {
  std::vector<Xapian::Database> one = {all_};
  PartitionedMatch m = MatchPartitions(one, Xapian::Query("sjælden"), nullptr, 0, 3, 0, FacetSlots{});
  const std::map<std::string, double> expected = WeightsOverAll("sjælden");
  ASSERT_EQ(m.best.size(), 3u);
  for (const auto& e : m.best) {
    EXPECT_NEAR(e.weight, expected.at(m.msets[0][e.rank].get_document().get_data()), 1e-12);
  }
}

}  // namespace
}  // namespace sagsspor::search
