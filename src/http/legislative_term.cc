#include "http/legislative_term.h"

#include <algorithm>

namespace sagsspor::http {
namespace {

constexpr int kFirstTerm = 1982;

}  // namespace

LegislativeTerm TermOf(int year) {
  if (year < kFirstTerm) return {};
  const int start = kFirstTerm + (year - kFirstTerm) / 4 * 4;
  return {start, start + 3};
}

std::vector<LegislativeTerm> TermsCovering(const model::Date& first, const model::Date& last) {
  std::vector<LegislativeTerm> out;
  if (!first.valid() || !last.valid() || first.year == 0 || last.year == 0) return out;
  for (int y = std::max(first.year, kFirstTerm); y <= last.year; y += 4) {
    const LegislativeTerm t = TermOf(y);
    if (out.empty() || out.back().first_year != t.first_year) out.push_back(t);
  }
  // Stepping by four from `first` can skip the last year's term.
  const LegislativeTerm end = TermOf(last.year);
  if (end.first_year && (out.empty() || out.back().first_year != end.first_year)) out.push_back(end);
  return out;
}

}  // namespace sagsspor::http
