// Danish text analysis shared by indexing and querying, so both sides
// agree on every term.
//
// A word is folded (Unicode NFKC case folding, then the old spellings aa,
// ae, oe written as å, æ, ø: "Aabenraa" and "Åbenrå" give the same term)
// and stemmed with Snowball's Danish stemmer, except for the words in
// data/search/stem_exceptions.txt, which stay as they are ("demens" would
// otherwise become the pronoun "dem").

#ifndef SAGSSPOR_SEARCH_ANALYZER_H_
#define SAGSSPOR_SEARCH_ANALYZER_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sagsspor::search {

struct Token {
  std::string word;   // folded
  std::size_t begin;  // byte range in the analysed text
  std::size_t end;
};

// Thread-safe: all methods are const and share nothing mutable.
class Analyzer {
 public:
  // The analyzer with the data files compiled into the program.
  static const Analyzer& Default();

  // `stem_exceptions` and `synonyms` are the texts of the data files.
  Analyzer(std::string_view stem_exceptions, std::string_view synonyms);

  // The words of `text` (runs of letters and digits; hyphens and other
  // punctuation separate words), folded, in order.
  std::vector<Token> Tokenize(std::string_view text) const;

  // The byte ranges of the words Tokenize finds, not folded (cheaper when
  // most words need not be looked at).
  std::vector<std::pair<std::size_t, std::size_t>> WordSpans(std::string_view text) const;

  // One word folded as described above.
  std::string Fold(std::string_view word) const;

  // The stem of a folded word (Snowball applied twice, see analyzer.cc).
  std::string Stem(const std::string& folded) const;

  // What a folded word or phrase also stands for ("kkr" →
  // "kommunekontaktråd"), each a folded phrase; empty when nothing.
  const std::vector<std::string>& Synonyms(const std::string& folded) const;

 private:
  std::unordered_set<std::string> stem_exceptions_;
  std::unordered_map<std::string, std::vector<std::string>> synonyms_;
};

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_ANALYZER_H_
