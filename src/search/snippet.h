// Choosing the part of a text that shows why it matched, with the matches
// marked.

#ifndef SAGSSPOR_SEARCH_SNIPPET_H_
#define SAGSSPOR_SEARCH_SNIPPET_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/analyzer.h"
#include "search/query.h"

namespace sagsspor::search {

struct Snippet {
  std::string text;  // about `length` bytes, "…" where cut
  std::vector<std::pair<std::size_t, std::size_t>> highlights;  // byte ranges in text
  // Only with `text_continues`: the rest of the text could change the
  // snippet (no match was found, or the window reaches the end of `text`).
  bool needs_more_text = false;
};

inline constexpr std::size_t kSnippetLength = 220;

// The window of `text` with the most matches of `terms` (a word, its stem,
// a compound containing a query word, or a prefix match), among those in
// the first part of the text that has any (16 KB, or twice that, and so
// on), so that a long text is not read whole. Without any match, the start
// of the text. `text_continues`: `text` is only the start of the text (see
// Snippet::needs_more_text).
Snippet MakeSnippet(std::string_view text, const QueryTerms& terms, const Analyzer& analyzer,
                    std::size_t length = kSnippetLength, bool text_continues = false);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_SNIPPET_H_
