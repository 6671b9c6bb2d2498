// Counting the facet values (body, year, type) of the matches cheaply.
//
// The index keeps a document's facet values together in one value slot
// (PackFacets), so one value read per match gives all of them. Matches
// come in docid order, and neighbouring documents mostly share their
// values (they were indexed together), so the spy counts runs of equal
// values and touches its map once per run.
//
// Cheaper still, with a FacetTable: a database's packed values read once
// (ReadFacetTable), looked up by docid, so counting is an array access.
//
// Xapian's remote servers know only Xapian's own spies: count remote
// matches with Xapian::ValueCountMatchSpy instead.

#ifndef SAGSSPOR_SEARCH_FACET_SPY_H_
#define SAGSSPOR_SEARCH_FACET_SPY_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sagsspor::search {

// The values joined with '\x1f' (which no value holds: the analyzer and
// the model never produce control characters).
std::string PackFacets(const std::vector<std::string>& values);

// One database's packed facet values by docid.
struct FacetTable {
  std::vector<std::uint32_t> value_of_docid;  // index into values; 0 for none
  std::vector<std::string> values;            // values[0] is ""
};

// The table of a database that is a single local one (docids in a
// combined database are not the spy's to look up). Tables are shared by
// every thread while the database (by its UUID) does not change.
std::shared_ptr<const FacetTable> ReadFacetTable(const Xapian::Database& db, Xapian::valueno packed_slot);

class FacetSpy : public Xapian::MatchSpy {
 public:
  // `packed_slot`: the slot PackFacets filled. `slots`: each facet's own
  // slot, in the packed order, read for documents indexed before the
  // packed slot existed. `table` (may be null): the searched database's,
  // used for the documents it covers.
  FacetSpy(Xapian::valueno packed_slot, std::vector<Xapian::valueno> slots, const FacetTable* table = nullptr);

  void operator()(const Xapian::Document& doc, double weight) override;

  // Adds the counts so far to (*counts)[i] for the i-th facet, value →
  // matches; resizes *counts to the number of facets.
  void AddTo(std::vector<std::map<std::string, Xapian::doccount>>* counts);

  // The matches counted so far.
  Xapian::doccount seen() const { return seen_; }

 private:
  void Flush();

  Xapian::valueno packed_slot_;
  std::vector<Xapian::valueno> slots_;
  const FacetTable* table_;
  std::vector<Xapian::doccount> table_counts_;  // by index into table_->values
  std::map<std::string, Xapian::doccount> packed_counts_;
  std::string run_value_;
  Xapian::doccount run_length_ = 0;
  Xapian::doccount seen_ = 0;
};

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_FACET_SPY_H_
