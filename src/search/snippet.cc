#include "search/snippet.h"

#include <algorithm>
#include <unordered_map>

namespace sagsspor::search {
namespace {

bool Matches(const Token& t, const QueryTerms& terms, const Analyzer& analyzer,
             std::unordered_map<std::string, bool>* stem_matches) {
  if (terms.words.count(t.word)) return true;
  for (const std::string& p : terms.prefixes) {
    if (t.word.rfind(p, 0) == 0) return true;
  }
  for (const std::string& part : terms.parts) {
    if (t.word.size() > part.size() &&
        (t.word.rfind(part, 0) == 0 || t.word.compare(t.word.size() - part.size(), part.size(), part) == 0)) {
      return true;
    }
  }
  // Snowball's Danish stemmer only ever cuts letters off the end, so a
  // word can only have a stem it starts with; most words are ruled out
  // here without stemming them.
  bool possible = false;
  for (const std::string& stem : terms.stems) {
    if (t.word.rfind(stem, 0) == 0) {
      possible = true;
      break;
    }
  }
  if (!possible) return false;
  // Stemming is the dear part: once per distinct word of the text.
  auto [it, fresh] = stem_matches->try_emplace(t.word, false);
  if (fresh) it->second = terms.stems.count(analyzer.Stem(t.word)) > 0;
  return it->second;
}

}  // namespace

Snippet MakeSnippet(std::string_view text, const QueryTerms& terms, const Analyzer& analyzer,
                    std::size_t length) {
  std::vector<Token> tokens = analyzer.Tokenize(text);
  std::vector<std::size_t> hits;  // token indices
  std::unordered_map<std::string, bool> stem_matches;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (Matches(tokens[i], terms, analyzer, &stem_matches)) hits.push_back(i);
  }
  // The window starting at a hit that covers the most hits within `length`.
  std::size_t best_start = 0, best_count = 0;
  for (std::size_t h = 0; h < hits.size(); ++h) {
    std::size_t begin = tokens[hits[h]].begin;
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
    for (const Token& t : tokens) {
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
