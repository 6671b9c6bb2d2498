// The spelling table behind "Mente du …": which indexed words a
// misspelled query word may have meant (Xapian's spelling table).
//
// Adding a word to that table rewrites, at the next commit, the list of
// words of each of the word's fragments, and those lists grow with the
// vocabulary. Done at every packet's commit, it took a third of the
// indexing time. So packets are indexed without it, and SpellPending adds
// the words of every document added since its last call in one
// transaction: SearchIndex::Compact calls it for each delta shard (and
// every writer of the index calls Compact after a batch of adds).
//
// A spelling word is an unprefixed term (a folded word, as indexed) of
// four code points or more that does not start with a digit ("2021" is
// not misspelled); its frequency is the number of documents it is in.

#ifndef SAGSSPOR_SEARCH_SPELLING_H_
#define SAGSSPOR_SEARCH_SPELLING_H_

#include <xapian.h>

#include <string_view>

namespace sagsspor::search {

// Whether `term` goes in the spelling table (see above).
bool IsSpellingWord(std::string_view term);

// Adds the spelling words of the documents of `db` with docids above its
// mark (user metadata, kept by this function) to its spelling table and
// moves the mark to the last docid, committing every
// `documents_per_commit` documents and at the end (Xapian holds the
// changes in memory until a commit). Documents changed in place keep
// their docid and are not read again: writers add a changed document as
// a new one (delete, then add). Returns the number of documents read; 0
// means nothing was written. Throws what Xapian throws.
Xapian::doccount SpellPending(Xapian::WritableDatabase& db, Xapian::doccount documents_per_commit = 20000);

// Moves the mark to `db`'s last docid, without reading anything: for a
// database made by merging databases whose documents were all spelled
// (their spelling tables are merged too). Does not commit.
void MarkAllSpelled(Xapian::WritableDatabase& db);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_SPELLING_H_
