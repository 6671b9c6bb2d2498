#include "search/spelling.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include "text/utf8.h"

namespace sagsspor::search {
namespace {

// User metadata: the last docid whose words are in the spelling table.
// Lowercase, so it cannot collide with the lexicon's "R…" keys.
constexpr char kSpelledToKey[] = "spelled-to";

Xapian::docid SpelledTo(const Xapian::Database& db) {
  const std::string mark = db.get_metadata(kSpelledToKey);
  Xapian::docid to = 0;
  const auto [end, error] = std::from_chars(mark.data(), mark.data() + mark.size(), to);
  if (error != std::errc() || end != mark.data() + mark.size()) return 0;  // none or unreadable: read everything
  return to;
}

}  // namespace

bool IsSpellingWord(std::string_view term) {
  if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) return false;  // a prefixed term
  if (text::IsDigit(text::FirstCodePoint(term))) return false;
  return text::CodePointCount(term) >= 4;
}

Xapian::doccount SpellPending(Xapian::WritableDatabase& db, Xapian::doccount documents_per_commit) {
  const Xapian::docid last = db.get_lastdocid();
  Xapian::docid done = SpelledTo(db);
  if (last <= done) return 0;
  Xapian::doccount read = 0;
  while (true) {
    std::map<std::string, Xapian::doccount> words;
    // The term "" lists every document; it is opened anew after each
    // commit rather than read across one.
    Xapian::PostingIterator doc = db.postlist_begin("");
    if (done > 0) doc.skip_to(done + 1);
    Xapian::doccount batch = 0;
    for (; doc != db.postlist_end("") && batch < std::max<Xapian::doccount>(documents_per_commit, 1); ++doc, ++batch) {
      for (Xapian::TermIterator t = db.termlist_begin(*doc); t != db.termlist_end(*doc); ++t) {
        const std::string term = *t;
        if (IsSpellingWord(term)) ++words[term];
      }
      done = *doc;
    }
    read += batch;
    const bool finished = doc == db.postlist_end("");
    if (finished) done = last;
    for (const auto& [word, frequency] : words) db.add_spelling(word, frequency);
    db.set_metadata(kSpelledToKey, std::to_string(done));
    db.commit();
    if (finished) return read;
  }
}

void MarkAllSpelled(Xapian::WritableDatabase& db) { db.set_metadata(kSpelledToKey, std::to_string(db.get_lastdocid())); }

}  // namespace sagsspor::search
