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

Xapian::termcount IndexedWdf(double count, double length) {
  const double normlen = std::max(length / kReferenceLength, kMinNormLength);
  const double s = count / (kK1 * ((1 - kB) + kB * normlen) + count);
  return static_cast<Xapian::termcount>(std::clamp(std::round(s * kWdfScale), 1.0, kWdfScale));
}

double Idf(Xapian::doccount doc_count, Xapian::doccount term_freq) {
  const double n = std::min<double>(term_freq, doc_count);
  double tw = (static_cast<double>(doc_count) - n + 0.5) / (n + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  return std::log(tw);
}

TfWeight::TfWeight() {
  need_stat(WDF);
  need_stat(WDF_MAX);
}

TfWeight* TfWeight::clone() const { return new TfWeight(); }

void TfWeight::init(double factor) { factor_ = factor * (kK1 + 1) / kWdfScale; }

double TfWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount, Xapian::termcount) const {
  return factor_ * wdf;
}

double TfWeight::get_maxpart() const { return factor_ * std::min<double>(get_wdf_upper_bound(), kWdfScale); }

Xapian::BM25Weight RemoteWeight() {
  constexpr double kLinearK1 = kWdfScale * 1e6;
  return Xapian::BM25Weight(kLinearK1, 0, 1, 0, kMinNormLength);
}

}  // namespace sagsspor::search
