#include "search/partitioned_match.h"

#include <algorithm>
#include <memory>

#include "search/facet_spy.h"
#include "search/parallel.h"

namespace sagsspor::search {

PartitionedMatch MatchPartitions(std::vector<Xapian::Database>& databases, const Xapian::Query& query,
                                 const Xapian::Weight* weight, Xapian::doccount first, Xapian::doccount count,
                                 Xapian::doccount check_at_least, const FacetSlots& facets) {
  PartitionedMatch out;
  const std::size_t n = databases.size();
  out.msets.resize(n);
  std::vector<std::unique_ptr<FacetSpy>> facet_spies(n);
  std::vector<std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies(n);
  const bool packed = facets.packed != Xapian::BAD_VALUENO;
  // Each database examines its share of check_at_least.
  const Xapian::doccount share = n == 0 ? 0 : static_cast<Xapian::doccount>((check_at_least + n - 1) / n);
  // Xapian counts references to a query's parts and to a weight without
  // locks, so no two threads may share them: each task gets its own copy,
  // made here.
  const std::string serialised = n > 1 ? query.serialise() : std::string();
  std::vector<Xapian::Query> queries;
  std::vector<std::unique_ptr<Xapian::Weight>> weights;
  for (std::size_t i = 0; i < n; ++i) {
    queries.push_back(i == 0 ? query : Xapian::Query::unserialise(serialised));
    if (weight) weights.emplace_back(weight->clone());
  }
  RunInParallel(n, [&](std::size_t i) {
    Xapian::Enquire enquire(databases[i]);
    enquire.set_query(queries[i]);
    if (weight) enquire.set_weighting_scheme(*weights[i]);
    if (packed && !facets.slots.empty()) {
      facet_spies[i] = std::make_unique<FacetSpy>(facets.packed, facets.slots,
                                                   i < facets.tables.size() ? facets.tables[i] : nullptr);
      enquire.add_matchspy(facet_spies[i].get());
    } else if (!packed) {
      for (Xapian::valueno slot : facets.slots) {
        spies[i].push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        enquire.add_matchspy(spies[i].back().get());
      }
    }
    // Everyone's best first + count: the merged [first, first + count)
    // can come from any of them.
    out.msets[i] = enquire.get_mset(0, first + count, std::max(share, first + count));
  });

  std::vector<PartitionedMatch::Entry> all;
  for (std::size_t i = 0; i < n; ++i) {
    out.estimated += out.msets[i].get_matches_estimated();
    Xapian::doccount rank = 0;
    for (auto it = out.msets[i].begin(); it != out.msets[i].end(); ++it) all.push_back({it.get_weight(), i, rank++});
    out.facets.resize(facets.slots.size());
    if (facet_spies[i]) {
      facet_spies[i]->AddTo(&out.facets);
      out.examined += facet_spies[i]->seen();
    }
    if (!spies[i].empty()) out.examined += spies[i][0]->get_total();
    for (std::size_t s = 0; s < spies[i].size(); ++s) {
      for (auto v = spies[i][s]->values_begin(); v != spies[i][s]->values_end(); ++v) {
        out.facets[s][*v] += v.get_termfreq();
      }
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.partition != b.partition ? a.partition < b.partition : a.rank < b.rank;
  });
  for (std::size_t k = first; k < all.size() && k < static_cast<std::size_t>(first) + count; ++k) {
    out.best.push_back(all[k]);
  }
  return out;
}

}  // namespace sagsspor::search
