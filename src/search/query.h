// The search query language, turned into a Xapian query.
//
//   kapacitet plan        both words (AND), each also by its stem, as part
//                         of compound words ("kapacitetsplan",
//                         "fysioterapikapacitet") and by its synonyms
//   "takst for plads"     the phrase, word for word
//   -demens  -"lukket"    not this word / phrase
//   kapacitet OR takst    either
//   kapacit*              words starting with it
//   body:"KKR Sjælland"   fields: body:, type:, case:, year:
//
// Words (by their stem, so every inflection alike) weigh more than
// compound parts, and both more than synonyms.

#ifndef SAGSSPOR_SEARCH_QUERY_H_
#define SAGSSPOR_SEARCH_QUERY_H_

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/analyzer.h"

namespace sagsspor::search {

// Term prefixes of the index (see search_index.cc).
inline constexpr char kStemPrefix[] = "Z";
inline constexpr char kBodyPrefix[] = "B";
inline constexpr char kTypePrefix[] = "T";
inline constexpr char kYearPrefix[] = "Y";
inline constexpr char kCasePrefix[] = "K";
inline constexpr char kIdPrefix[] = "Q";
inline constexpr char kSourcePrefix[] = "H";

// What the query looks for, to highlight it in snippets.
struct QueryTerms {
  std::set<std::string> words;  // folded words of the query
  std::set<std::string> stems;
  std::vector<std::string> parts;  // words also matched inside compounds
  std::vector<std::string> prefixes;  // kapacit* → "kapacit"
};

// What a query costs to look up in the index, kept between queries while
// the index does not change: the words a query word or prefix expands to
// (the term-list scan is the dear part), and terms' idf.
struct QueryCache {
  std::map<std::string, std::vector<std::string>> expansions;  // "c:" word or "p:" prefix
  std::map<std::string, double> idf;                           // by term, and "<prefix>*"
  void clear() {
    expansions.clear();
    idf.clear();
  }
};

// How the terms of the query are weighted.
enum class Scoring {
  kBm25,    // for a BM25Weight (RemoteWeight, weight.h): terms carry only their relative weight
  kScaled,  // for TfWeight (weight.h): terms also carry their idf over `db`
};

// Parses `query` against `db` (whose term list drives compound and prefix
// expansion, and whose statistics give the idf for Scoring::kScaled);
// `each` holds the databases `db` combines, one by one, for their reversed
// lexicons (lexicon.h). Sets *terms. An empty or all-negative query
// matches nothing but the filters. `cache` may be null. Throws only what
// Xapian throws when a remote database is out of reach.
Xapian::Query ParseQuery(std::string_view query, const Analyzer& analyzer, const Xapian::Database& db,
                         const std::vector<Xapian::Database>& each, QueryTerms* terms,
                         QueryCache* cache = nullptr, Scoring scoring = Scoring::kBm25);

// The body slug used in body: filters and B terms ("KKR Sjælland" →
// "kkr-sjaelland").
std::string BodyKey(std::string_view body);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_QUERY_H_
