#include "search/snippet.h"

#include <algorithm>
#include <unordered_map>

namespace sagsspor::search {
namespace {

// How much of the text is read first for matches (then twice as much
// each time, while none is found).
constexpr std::size_t kSnippetScan = 16 * 1024;

bool Matches(const std::string& word, const QueryTerms& terms, const Analyzer& analyzer,
             std::unordered_map<std::string, bool>* stem_matches) {
  if (terms.words.count(word)) return true;
  for (const std::string& p : terms.prefixes) {
    if (word.rfind(p, 0) == 0) return true;
  }
  for (const std::string& part : terms.parts) {
    if (word.size() > part.size() &&
        (word.rfind(part, 0) == 0 || word.compare(word.size() - part.size(), part.size(), part) == 0)) {
      return true;
    }
  }
  // Snowball's Danish stemmer only ever cuts letters off the end, so a
  // word can only have a stem it starts with; most words are ruled out
  // here without stemming them.
  bool possible = false;
  for (const std::string& stem : terms.stems) {
    if (word.rfind(stem, 0) == 0) {
      possible = true;
      break;
    }
  }
  if (!possible) return false;
  // Stemming is the dear part: once per distinct word of the text.
  auto [it, fresh] = stem_matches->try_emplace(word, false);
  if (fresh) it->second = terms.stems.count(analyzer.Stem(word)) > 0;
  return it->second;
}

// Which words are worth folding and matching: those whose first byte
// (or, with compound parts, last byte) could begin (end) a query term.
// Upper-case ASCII counts as lower case; a word starting with "aa" or
// "oe" may fold to "å" or "ø"; other non-ASCII lead bytes always pass.
class Prefilter {
 public:
  explicit Prefilter(const QueryTerms& terms) {
    auto first = [&](const std::string& t) {
      if (!t.empty()) first_[static_cast<unsigned char>(t[0])] = true;
    };
    for (const std::string& w : terms.words) first(w);
    for (const std::string& s : terms.stems) first(s);
    for (const std::string& p : terms.prefixes) first(p);
    for (const std::string& p : terms.parts) {
      first(p);
      if (!p.empty()) last_[static_cast<unsigned char>(p.back())] = true;
      any_last_ = true;
    }
    if (first_[0xC3]) first_['a'] = first_['o'] = true;
    bool non_ascii_last = false;
    for (int c = 0x80; c < 0x100; ++c) non_ascii_last = non_ascii_last || last_[c];
    if (non_ascii_last) last_['a'] = last_['e'] = true;  // "…aa", "…ae", "…oe"
    for (int c = 0x80; c < 0x100; ++c) {
      if (c != 0xC3) first_[c] = last_[c] = true;
    }
  }

  bool Passes(std::string_view word) const {
    return first_[Lower(word.front())] || (any_last_ && last_[Lower(word.back())]);
  }

 private:
  static unsigned char Lower(char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 'A' && b <= 'Z' ? static_cast<unsigned char>(b + 32) : b;
  }

  bool first_[256] = {};
  bool last_[256] = {};
  bool any_last_ = false;
};

}  // namespace

Snippet MakeSnippet(std::string_view text, const QueryTerms& terms, const Analyzer& analyzer,
                    std::size_t length, bool text_continues) {
  struct Span {
    std::size_t begin, end;
  };
  std::vector<Span> tokens;
  const Prefilter prefilter(terms);
  std::vector<std::size_t> hits;  // token indices
  std::unordered_map<std::string, bool> stem_matches;
  // The text is read a piece at a time, and no further than a window past
  // the first piece with a match: an attachment of hundreds of pages
  // would otherwise be read whole for every hit.
  std::size_t scanned = 0;
  std::size_t piece = kSnippetScan;
  std::size_t stop = std::string_view::npos;  // set by the first piece with a match
  while (scanned < text.size() && scanned < stop) {
    std::size_t end = std::min(text.size(), stop == std::string_view::npos ? scanned + piece : stop);
    // Not in the middle of a word: up to the end of the word at `end`.
    if (end < text.size()) {
      const auto spans = analyzer.WordSpans(text.substr(end, 64));
      if (!spans.empty() && spans.front().first == 0) end += spans.front().second;
    }
    for (const auto& [b, e] : analyzer.WordSpans(text.substr(scanned, end - scanned))) {
      const Span t{scanned + b, scanned + e};
      tokens.push_back(t);
      const std::string_view raw = text.substr(t.begin, t.end - t.begin);
      if (prefilter.Passes(raw) && Matches(analyzer.Fold(raw), terms, analyzer, &stem_matches)) {
        hits.push_back(tokens.size() - 1);
      }
    }
    scanned = end;
    if (stop == std::string_view::npos) {
      if (!hits.empty()) {
        stop = tokens[hits.back()].begin + length;  // the windows of the hits found so far
      } else {
        piece *= 2;
      }
    }
  }
  // The window starting at a hit that covers the most hits within `length`.
  std::size_t best_start = 0, best_count = 0;
  for (std::size_t h = 0; h < hits.size(); ++h) {
    std::size_t begin = tokens[hits[h]].begin;
    if (begin + length > scanned && scanned < text.size()) break;  // a window not read whole
    std::size_t count = 0;
    for (std::size_t k = h; k < hits.size() && tokens[hits[k]].end - begin <= length; ++k) ++count;
    if (count > best_count) {
      best_count = count;
      best_start = begin;
    }
  }
  // Start a little before the first hit, at a word boundary.
  std::size_t begin = 0;
  if (best_count > 0) {
    const std::size_t lead = length / 5;
    std::size_t want = best_start > lead ? best_start - lead : 0;
    for (const Span& t : tokens) {
      if (t.begin >= want) {
        begin = std::min(t.begin, best_start);
        break;
      }
    }
  }
  std::size_t end = std::min(text.size(), begin + length);
  // End at a word boundary too.
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    if (it->end <= end) {
      if (end < text.size()) end = it->end;
      break;
    }
  }
  Snippet s;
  s.needs_more_text = text_continues && (best_count == 0 || end >= text.size());
  if (begin > 0) s.text = "… ";
  const std::size_t offset = s.text.size();
  for (std::size_t i : hits) {
    if (tokens[i].begin >= begin && tokens[i].end <= end) {
      s.highlights.emplace_back(tokens[i].begin - begin + offset, tokens[i].end - begin + offset);
    }
  }
  std::string body(text.substr(begin, end - begin));
  std::replace(body.begin(), body.end(), '\n', ' ');
  s.text += body;
  if (end < text.size()) s.text += " …";
  return s;
}

}  // namespace sagsspor::search
