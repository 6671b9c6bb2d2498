// Ranking that scores alike wherever a document is searched from.
//
// Xapian's BM25Weight takes a term's idf from the database it searches.
// The index searches its partitions apart, in parallel (search_index.cc),
// so each would rank by its own statistics. TfWeight is BM25 without the
// idf: the query gives each term its idf, computed over the whole index
// with Idf(), as an OP_SCALE_WEIGHT factor (query.cc). With Xapian's
// default BM25 parameters (k1 = 1, b = 0.5, min_normlen = 0.5) and the
// average document length of the whole index, a document scores what
// BM25Weight would give it over the whole index as one database.

#ifndef SAGSSPOR_SEARCH_WEIGHT_H_
#define SAGSSPOR_SEARCH_WEIGHT_H_

#include <xapian.h>

#include <string>

namespace sagsspor::search {

// BM25's idf as Xapian computes it, for a term in `term_freq` of
// `doc_count` documents: log(tw) with tw = (N - n + 0.5) / (n + 0.5),
// raised to tw / 2 + 1 below 2 so that very common terms still count.
double Idf(Xapian::doccount doc_count, Xapian::doccount term_freq);

class TfWeight : public Xapian::Weight {
 public:
  // `average_length`: the mean document length over the whole index.
  explicit TfWeight(double average_length);

  std::string name() const override { return "sagsspor.TfWeight"; }
  TfWeight* clone() const override;
  void init(double factor) override;
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  double average_length_;
  double factor_ = 0;  // the OP_SCALE_WEIGHT factors above the term, times (k1 + 1)
};

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_WEIGHT_H_
