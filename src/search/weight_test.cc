#include "search/weight.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace sagsspor::search {
namespace {

TEST(Idf, FollowsXapiansBm25) {
  EXPECT_NEAR(Idf(1000, 10), std::log(990.5 / 10.5), 1e-12);
  // Common terms keep a small positive weight.
  EXPECT_GT(Idf(1000, 999), 0);
  EXPECT_GT(Idf(1000, 1000), 0);
  EXPECT_GT(Idf(1000, 10), Idf(1000, 100));
}

// BM25 as Xapian's BM25Weight computes it without the idf (k1 = 1,
// b = 0.5, min_normlen = 0.5), with avgdl = kReferenceLength.
double Bm25WithoutIdf(double count, double length) {
  const double normlen = std::max(length / kReferenceLength, 0.5);
  return 2 * count / ((0.5 + 0.5 * normlen) + count);
}

// TfWeight's weight for a document with this wdf, with no factor above
// the term: searched, as Xapian sets a weight up only for a search.
double Scored(Xapian::termcount wdf) {
  TfWeight weight;
  Xapian::WritableDatabase db = Xapian::InMemory::open();
  Xapian::Document doc;
  doc.add_term("ord", wdf);
  db.add_document(doc);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("ord"));
  enquire.set_weighting_scheme(weight);
  return enquire.get_mset(0, 1).begin().get_weight();
}

TEST(IndexedWdf, TfWeightOfItIsBm25WithoutTheIdf) {
  for (double length : {10.0, 250.0, 500.0, 2000.0, 60000.0}) {
    for (double count : {1.0, 2.0, 3.0, 7.0, 40.0}) {
      if (count > length) continue;
      // The wdf is s = count / (K + count) to the nearest 1 / kWdfScale.
      const double expected = Bm25WithoutIdf(count, length);
      EXPECT_NEAR(Scored(IndexedWdf(count, length)), expected, 2 * 0.5 / kWdfScale + 1e-12)
          << count << " of " << length;
    }
  }
}

TEST(IndexedWdf, StaysWithinItsBounds) {
  // Never more than kWdfScale, however often a word is said: a term's
  // wdfs over kMaxDocumentsPerDatabase documents add up to less than 2^32.
  EXPECT_LE(IndexedWdf(1e9, 1e9), static_cast<Xapian::termcount>(kWdfScale));
  EXPECT_LE(IndexedWdf(400, 450), static_cast<Xapian::termcount>(kWdfScale));
  EXPECT_LT(kWdfScale * kMaxDocumentsPerDatabase, 4294967296.0);
  // Never 0: a word once in a very long attachment still counts.
  EXPECT_EQ(IndexedWdf(1, 1e9), 1u);
}

TEST(IndexedWdf, LongerDocumentsAndFewerOccurrencesWeighLess) {
  EXPECT_GT(IndexedWdf(3, 500), IndexedWdf(3, 5000));
  EXPECT_GT(IndexedWdf(3, 500), IndexedWdf(1, 500));
  // Below half the reference length, length no longer matters.
  EXPECT_EQ(IndexedWdf(3, 50), IndexedWdf(3, 200));
}

TEST(RemoteWeight, IsTfWeightTimesAConstant) {
  // b = 0: a remote shard's documents rank by their wdf alone, like
  // TfWeight's, whatever their lengths.
  Xapian::WritableDatabase db = Xapian::InMemory::open();
  for (int padding : {0, 5000}) {
    Xapian::Document doc;
    doc.add_term("ord", 600);
    doc.add_term("fyld", static_cast<Xapian::termcount>(padding + 1));
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("ord"));
  enquire.set_weighting_scheme(RemoteWeight());
  Xapian::MSet m = enquire.get_mset(0, 2);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_DOUBLE_EQ(m.begin().get_weight(), (++m.begin()).get_weight());
  // Linear in the wdf, as TfWeight: idf × wdf, idf = log((N - n + 0.5) / (n + 0.5)) raised as in Idf().
  EXPECT_NEAR(m.begin().get_weight(), Idf(2, 2) * 600, 600 * 1e-6);
  EXPECT_NEAR(m.begin().get_weight() / kRemoteScoreScale, Idf(2, 2) * Scored(600), 1e-6);
}

}  // namespace
}  // namespace sagsspor::search
