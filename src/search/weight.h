// Ranking: BM25 that scores alike wherever a document is searched from,
// and that reads no document lengths.
//
// BM25 (Xapian's defaults: k1 = 1, b = 0.5, min_normlen = 0.5) gives a
// term found tf times in a document of length dl the weight
//
//   idf × (k1 + 1) × s,  s = tf / (K + tf),  K = k1 × ((1 - b) + b × max(dl / avgdl, min_normlen))
//
// The index stores s, which lies in (0, 1), times kWdfScale and rounded,
// as the term's wdf (IndexedWdf), so a search needs no document lengths:
// reading them was half of matching's time (bench/search). A wdf is then
// at most kWdfScale, and a term's wdfs added up over a database (Xapian
// keeps that sum in 32 bits, and bounds weights by it) stay below 2^32
// up to 4 million documents a database. avgdl is fixed
// (kReferenceLength), not the index's mean, so that a document's wdfs do
// not change as the index grows; with attachments of hundreds of pages in
// it, the mean said little about agenda items anyway.
//
// Xapian's BM25Weight takes a term's idf from the database it searches.
// The index searches its partitions apart, in parallel (search_index.cc),
// so each would rank by its own statistics. TfWeight leaves the idf out:
// the query gives each term its idf over the whole index, computed with
// Idf(), as an OP_SCALE_WEIGHT factor (query.cc). Remote shards know only
// Xapian's own weights: RemoteWeight() is BM25Weight set to the same
// formula (idf from the combined remote database).

#ifndef SAGSSPOR_SEARCH_WEIGHT_H_
#define SAGSSPOR_SEARCH_WEIGHT_H_

#include <xapian.h>

#include <string>

namespace sagsspor::search {

// A wdf of kWdfScale stands for s = 1: s is kept to within 1 / 2000.
inline constexpr double kWdfScale = 1000;
// BM25's avgdl, in the unit of IndexedWdf's `length`: about the length of
// a real agenda item.
inline constexpr double kReferenceLength = 500;
// The most documents a database may hold (see above).
inline constexpr Xapian::doccount kMaxDocumentsPerDatabase = 4000000;

// The wdf to index for a term counted `count` times (title words count
// more) in a document whose counts add up to `length`: between 1 (a word
// once in a very long document still counts) and kWdfScale.
Xapian::termcount IndexedWdf(double count, double length);

// BM25's idf as Xapian computes it, for a term in `term_freq` of
// `doc_count` documents: log(tw) with tw = (N - n + 0.5) / (n + 0.5),
// raised to tw / 2 + 1 below 2 so that very common terms still count.
double Idf(Xapian::doccount doc_count, Xapian::doccount term_freq);

// (k1 + 1) × s for the wdf of IndexedWdf, times the OP_SCALE_WEIGHT
// factors above the term (the idf).
class TfWeight : public Xapian::Weight {
 public:
  TfWeight();

  std::string name() const override { return "sagsspor.TfWeight"; }
  TfWeight* clone() const override;
  void init(double factor) override;
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  double factor_ = 0;  // the OP_SCALE_WEIGHT factors above the term, times (k1 + 1) / kWdfScale
};

// For remote shards: BM25Weight with b = 0 (no document lengths) and a k1
// so large that (k1 + 1) × wdf / (k1 + wdf) is the wdf to within a
// millionth; with the database's own idf, TfWeight's ranking times
// kRemoteScoreScale.
Xapian::BM25Weight RemoteWeight();
inline constexpr double kRemoteScoreScale = kWdfScale / 2;  // RemoteWeight's scores ÷ TfWeight's

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_WEIGHT_H_
