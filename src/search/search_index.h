// The full-text index: Xapian databases, one per body and year, searched
// together as one. Kept in step with the store by ingest (see
// ingest/ingest.h) and rebuilt from it by Rebuild().
//
// Layout on disk: DIR/<body slug>/<year>/ (Xapian glass databases);
// packets without a meeting go to DIR/dokumenter/<year or 0000>/. Writes
// go to these shards; Compact() merges them into DIR/_merged/ (a few
// partitions, one per core, matched in parallel: a query costs per
// database searched) and removes them, so the shards hold only what was
// written since (deltas).
// Superseded versions still in the merged base are left out by their
// source (DIR/tombstones.txt) until the next merge drops them. Shards
// served from other machines by xapian-tcpsrv are listed in
// DIR/remotes.txt, one "host:port" a line, and searched with the local
// ones as one database (see docs/architecture.md).

#ifndef SAGSSPOR_SEARCH_SEARCH_INDEX_H_
#define SAGSSPOR_SEARCH_SEARCH_INDEX_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"

namespace sagsspor::store {
class Store;
}

namespace sagsspor::search {

struct SearchRequest {
  std::string query;     // see query.h for the syntax
  int limit = 10;
  int offset = 0;
  std::string body;      // exact body name, or "" for all
  std::string type;      // canonical item type, or ""
  model::Date from;      // meeting dates, inclusive; invalid = open
  model::Date to;
};

struct Hit {
  std::string id;
  std::string kind;        // "item" or "document"
  std::string meeting_id;
  std::string date;        // YYYY-MM-DD or ""
  std::string body;
  std::string number;
  std::string title;
  std::string type;
  std::string snippet;     // plain text
  std::vector<std::pair<std::size_t, std::size_t>> highlights;  // byte ranges in snippet
  double score = 0;
};

struct FacetValue {
  std::string value;
  int count = 0;
};

struct SearchResults {
  std::vector<Hit> hits;
  int total = 0;           // estimated number of matches
  // "body", "year", "type": matches per value, most first. Exact when
  // every match was examined; otherwise counted among the matches the
  // ranking examined and scaled up to `total`, and facets_estimated is set.
  std::map<std::string, std::vector<FacetValue>> facets;
  bool facets_estimated = false;
  std::string suggestion;  // a corrected query ("Mente du …"), or ""
};

class SearchIndex {
 public:
  // Opens the index in `dir`, creating it when missing. Returns nullptr
  // with *error set when it cannot.
  static std::unique_ptr<SearchIndex> Open(const std::string& dir, std::string* error);

  virtual ~SearchIndex() = default;

  // Adds the packet's items and documents, and removes those of the
  // source with SHA-256 `superseded_sha256` (if not empty). Each touched
  // shard changes in one Xapian transaction; on failure the shards are
  // left as they were (best effort across shards) and false is returned.
  // Adds do not wait for the disk (no fsync): the store is the record and
  // the index is made from it, so after a crash of the machine Reconcile
  // repairs what the disk lost. New words reach the spelling table at the
  // next Compact().
  virtual bool Add(const model::Packet& packet, const std::string& superseded_sha256,
                   std::string* error) = 0;

  // Makes the index hold exactly the store's current sources: adds those
  // it lacks, drops those the store does not hold (the store may lose its
  // last commits in a crash too), and rebuilds the index when it cannot
  // be read or was written in an older format (DIR/format). Cheap when nothing is amiss (a look at the store's source
  // list and the index's). *repaired (may be null) tells whether anything
  // was done. `sagsspor serve` calls it at start.
  virtual bool Reconcile(store::Store& store, bool* repaired, std::string* error) = 0;

  // Whether the index was written in an older format (DIR/format) and
  // must be rebuilt (Rebuild, or Reconcile) before it is written to, and
  // for searches to find and rank as documented.
  virtual bool NeedsRebuild() = 0;

  // Replaces the whole index with one built from the store's current
  // meetings and documents. The old index stays until the new one is
  // complete.
  virtual bool Rebuild(store::Store& store, std::string* error) = 0;

  // Fills in the spelling tables of the delta shards for what was added
  // since the last call (Add leaves them alone: spelling.h), then merges
  // the merged base and the delta shards into a new base, as described
  // above. `only_if_needed`: merges only when there are more than a few
  // delta shards. Every writer calls it after its adds, or new words get
  // no "Mente du" until it is called. Safe against concurrent writers
  // (they wait) and readers (they reopen).
  virtual bool Compact(bool only_if_needed, std::string* error) = 0;

  // Searches all shards. Throws nothing: a malformed query gives no hits.
  virtual SearchResults Search(const SearchRequest& request) = 0;

  // Number of indexed items and documents.
  virtual std::size_t Size() = 0;
};

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_SEARCH_INDEX_H_
