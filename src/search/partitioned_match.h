// One query matched over several databases at once, one task each (see
// parallel.h), and merged into one ranking: how the index searches its
// partitions (search_index.h).
//
// The databases rank apart, so a weight that depends on a database's own
// statistics would rank each differently; give one that does not (see
// weight.h) when there is more than one.

#ifndef SAGSSPOR_SEARCH_PARTITIONED_MATCH_H_
#define SAGSSPOR_SEARCH_PARTITIONED_MATCH_H_

#include <xapian.h>

#include "search/facet_spy.h"

#include <map>
#include <string>
#include <vector>

namespace sagsspor::search {

struct PartitionedMatch {
  struct Entry {
    double weight = 0;
    std::size_t partition = 0;  // index into msets
    Xapian::doccount rank = 0;  // in msets[partition]
  };
  std::vector<Xapian::MSet> msets;  // per database: its best first + count
  std::vector<Entry> best;          // the merged ranking, [first, first + count)
  Xapian::doccount estimated = 0;   // matches in all, estimated
  // Per facet asked for: value → number of matches with it, among the
  // `examined` matches Xapian looked at: all of them, unless it could
  // tell early that the rest would not make the page (it always looks at
  // check_at_least, each database at its share, when as many match).
  std::vector<std::map<std::string, Xapian::doccount>> facets;
  Xapian::doccount examined = 0;
};

// What to count facets with: each facet's own value slot, and the slot
// holding them together (facet_spy.h), or Xapian::BAD_VALUENO to count
// with Xapian's own spies (which remote shards understand).
struct FacetSlots {
  std::vector<Xapian::valueno> slots;
  Xapian::valueno packed = Xapian::BAD_VALUENO;
  // Per database (or empty): its FacetTable, or null (facet_spy.h).
  std::vector<const FacetTable*> tables;
};

// Matches `query` in each of `databases` (each used by one thread at a
// time, so no two may share a Xapian::Database::Internal) with `weight`
// (Xapian's default BM25 when null). Ties rank by database, then by
// docid. Throws what Xapian throws.
PartitionedMatch MatchPartitions(std::vector<Xapian::Database>& databases, const Xapian::Query& query,
                                 const Xapian::Weight* weight, Xapian::doccount first, Xapian::doccount count,
                                 Xapian::doccount check_at_least, const FacetSlots& facets);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_PARTITIONED_MATCH_H_
