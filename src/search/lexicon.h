// The reversed lexicon: which indexed words end in a given one
// ("fysioterapikapacitet" for "kapacitet"), for compound words (query.h).
// Words starting with a given one come from the term list itself.
//
// Each database keeps the words of four characters or more that it holds,
// spelled backwards, as user metadata keys "R<reversed word>" (the value
// is the word). Not as a term in every document, which made indexing a
// fifth slower, nor in Xapian's synonym table, which its remote protocol
// does not carry. Metadata it does, so a database served by xapian-tcpsrv
// answers too; but, as for a combined Xapian::Database, a server given
// several databases shows only its first one's, so serve one database a
// port. Words whose documents are all deleted stay listed (callers check
// that a word is still indexed).

#ifndef SAGSSPOR_SEARCH_LEXICON_H_
#define SAGSSPOR_SEARCH_LEXICON_H_

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sagsspor::search {

// Lists `word` (folded, as indexed) in `db`'s lexicon, in the current
// transaction if one is open. Cheap to repeat; callers skip words `db`
// already holds.
void AddToLexicon(Xapian::WritableDatabase& db, std::string_view word);

// Calls visit(word) for each word listed in any of `databases` that ends
// in `ending` and is longer than it, in the order of their reversed
// spelling, each word once, until visit returns false. A
// Xapian::Database that combines several shows only its first one's
// metadata, so pass each database on its own. Throws what Xapian throws
// (a remote database out of reach).
void VisitWordsEndingIn(const std::vector<Xapian::Database>& databases, std::string_view ending,
                        const std::function<bool(const std::string& word)>& visit);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_LEXICON_H_
