#include "search/lexicon.h"

#include "text/utf8.h"

namespace sagsspor::search {
namespace {

constexpr char kLexiconPrefix[] = "R";

}  // namespace

void AddToLexicon(Xapian::WritableDatabase& db, std::string_view word) {
  db.set_metadata(kLexiconPrefix + text::ReverseCodePoints(word), std::string(word));
}

void VisitWordsEndingIn(const std::vector<Xapian::Database>& databases, std::string_view ending,
                        const std::function<bool(const std::string& word)>& visit) {
  const std::string prefix = kLexiconPrefix + text::ReverseCodePoints(ending);
  // The databases' key lists, each sorted, merged.
  struct Cursor {
    Xapian::TermIterator at, end;
  };
  std::vector<Cursor> cursors;
  for (const Xapian::Database& db : databases) {
    Cursor c{db.metadata_keys_begin(prefix), db.metadata_keys_end(prefix)};
    if (c.at != c.end) cursors.push_back(std::move(c));
  }
  while (!cursors.empty()) {
    std::string least = *cursors.front().at;
    for (const Cursor& c : cursors) least = std::min(least, *c.at);
    for (std::size_t i = cursors.size(); i-- > 0;) {
      if (*cursors[i].at != least) continue;
      if (++cursors[i].at == cursors[i].end) cursors.erase(cursors.begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (least.size() > prefix.size() && !visit(text::ReverseCodePoints(std::string_view(least).substr(1)))) return;
  }
}

}  // namespace sagsspor::search
