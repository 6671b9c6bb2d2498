#include "search/weight.h"

#include <algorithm>
#include <cmath>

namespace sagsspor::search {
namespace {

// Xapian::BM25Weight's defaults.
constexpr double kK1 = 1.0;
constexpr double kB = 0.5;
constexpr double kMinNormLength = 0.5;

}  // namespace

double Idf(Xapian::doccount doc_count, Xapian::doccount term_freq) {
  const double n = std::min<double>(term_freq, doc_count);
  double tw = (static_cast<double>(doc_count) - n + 0.5) / (n + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  return std::log(tw);
}

TfWeight::TfWeight(double average_length) : average_length_(average_length > 0 ? average_length : 1) {
  need_stat(WDF);
  need_stat(WDF_MAX);
  need_stat(DOC_LENGTH);
  need_stat(DOC_LENGTH_MIN);
}

TfWeight* TfWeight::clone() const { return new TfWeight(average_length_); }

void TfWeight::init(double factor) { factor_ = factor * (kK1 + 1); }

double TfWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount) const {
  const double normlen = std::max(doclen / average_length_, kMinNormLength);
  const double w = wdf;
  return factor_ * w / (kK1 * (normlen * kB + (1 - kB)) + w);
}

double TfWeight::get_maxpart() const {
  const double w = get_wdf_upper_bound();
  if (w == 0) return 0;
  const double normlen = std::max(get_doclength_lower_bound() / average_length_, kMinNormLength);
  return factor_ * w / (kK1 * (normlen * kB + (1 - kB)) + w);
}

}  // namespace sagsspor::search
