#include "search/query.h"

#include <algorithm>
#include <optional>

#include "packet/meeting_header.h"
#include "search/lexicon.h"
#include "search/weight.h"
#include "text/utf8.h"

namespace sagsspor::search {
namespace {

constexpr double kStemWeight = 1.0;
constexpr double kPartWeight = 0.55;
constexpr double kSynonymWeight = 0.6;
constexpr int kMaxExpansion = 40;
constexpr std::size_t kMaxPrefixWords = 100;

// A word of at least three letters that the index holds on its own, as
// written or inflected ("plan" is known from "planen").
bool KnownWord(const Xapian::Database& db, std::string_view w) {
  if (text::CodePointCount(w) < 3) return false;
  std::string word(w);
  return db.term_exists(word) || db.term_exists(kStemPrefix + Analyzer::Default().Stem(word));
}

// A compound remainder: a known word, possibly after a linking s or e
// ("kapacitet" + "s" + "plan").
bool KnownPart(const Xapian::Database& db, std::string_view rest, bool at_start) {
  if (KnownWord(db, rest)) return true;
  if (at_start && (rest.starts_with("s") || rest.starts_with("e"))) return KnownWord(db, rest.substr(1));
  if (!at_start && (rest.ends_with("s") || rest.ends_with("e"))) return KnownWord(db, rest.substr(0, rest.size() - 1));
  return false;
}

// Indexed words that have `word` as a first or last compound part: from
// the term list of `db`, and the reversed lexicons of `each` (its
// databases one by one, lexicon.h).
std::vector<std::string> Compounds(const Xapian::Database& db, const std::vector<Xapian::Database>& each,
                                   const std::string& word) {
  std::vector<std::string> out;
  if (text::CodePointCount(word) < 4) return out;
  for (auto it = db.allterms_begin(word); it != db.allterms_end(word) && out.size() < kMaxExpansion; ++it) {
    const std::string& t = *it;
    if (t.size() > word.size() && KnownPart(db, std::string_view(t).substr(word.size()), true)) out.push_back(t);
  }
  VisitWordsEndingIn(each, word, [&](const std::string& t) {
    // The lexicon keeps words whose documents are gone: they must not take
    // the place of live ones.
    if (db.term_exists(t) && KnownPart(db, std::string_view(t).substr(0, t.size() - word.size()), false)) {
      out.push_back(t);
    }
    return out.size() < 2 * kMaxExpansion;
  });
  return out;
}

// The fast path for prefixes: the most frequent indexed words starting
// with `prefix` only, so that "a*" costs no more than a long OR. (Xapian's
// OP_WILDCARD would expand per database searched, and the partitions
// must agree.)
std::vector<std::string> PrefixWords(const Xapian::Database& db, const std::string& prefix) {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  const std::size_t keep = std::min<std::size_t>(found.size(), kMaxPrefixWords);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back(std::move(found[i].second));
  return out;
}

// Builds the parts of one query: terms weighted for `scoring`, expansions
// looked up once per index generation through the cache.
class Builder {
 public:
  Builder(const Analyzer& analyzer, const Xapian::Database& db, const std::vector<Xapian::Database>& each,
          QueryTerms* terms, QueryCache* cache, Scoring scoring)
      : analyzer_(analyzer), db_(db), each_(each), terms_(terms), cache_(cache ? cache : &own_cache_), scoring_(scoring) {}

  // A term with its relative weight (and, when scaled, its idf).
  Xapian::Query Term(const std::string& term, double weight) {
    return Scaled(Xapian::Query(term), weight * (scoring_ == Scoring::kScaled ? TermIdf(term) : 1.0));
  }

  // The phrase, word for word; scaled by its words' mean idf.
  Xapian::Query Phrase(const std::vector<Token>& tokens, double weight) {
    std::vector<Xapian::Query> words;
    double idf = 0;
    for (const Token& t : tokens) {
      words.emplace_back(t.word);
      terms_->words.insert(t.word);
      if (scoring_ == Scoring::kScaled) idf += TermIdf(t.word);
    }
    const double scale = weight * (scoring_ == Scoring::kScaled ? idf / static_cast<double>(tokens.size()) : 1.0);
    if (words.size() == 1) return Scaled(words[0], scale);
    return Scaled(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size()), scale);
  }

  // A phrase, or-ed with what it stands for ("forberedende grunduddannelse"
  // also finds "FGU").
  Xapian::Query PhraseWithSynonyms(const std::vector<Token>& tokens) {
    Xapian::Query q = Phrase(tokens, 1.0);
    std::string joined;
    for (const Token& t : tokens) joined += (joined.empty() ? "" : " ") + t.word;
    for (const std::string& synonym : analyzer_.Synonyms(joined)) {
      std::vector<Token> other = analyzer_.Tokenize(synonym);
      if (other.empty()) continue;
      q = Xapian::Query(Xapian::Query::OP_OR, q, Phrase(other, kSynonymWeight));
    }
    return q;
  }

  // The word by its stem, its compounds and its synonyms. Every document
  // with the word has its stem too (the index adds both for each word),
  // so the word itself adds no matches; as an extra weight it changed no
  // judged ranking (bench/search) and cost a tenth of the search time.
  Xapian::Query Word(const std::string& word) {
    std::vector<Xapian::Query> any;
    terms_->words.insert(word);
    const std::string stem = analyzer_.Stem(word);
    terms_->stems.insert(stem);
    any.push_back(Term(kStemPrefix + stem, kStemWeight));
    const std::vector<std::string>& compounds = Expansion("c:", word);
    if (!compounds.empty()) {
      terms_->parts.push_back(word);
      std::vector<Xapian::Query> parts;
      for (const std::string& c : compounds) parts.push_back(Term(c, kPartWeight));
      any.emplace_back(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
    for (const std::string& synonym : analyzer_.Synonyms(word)) {
      std::vector<Token> tokens = analyzer_.Tokenize(synonym);
      any.push_back(Phrase(tokens, kSynonymWeight));
      if (tokens.size() == 1) {
        any.push_back(Term(kStemPrefix + analyzer_.Stem(tokens[0].word), kSynonymWeight * kStemWeight));
      }
    }
    return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
  }

  // Words starting with `prefix`, as one term (OP_SYNONYM); its idf is
  // that of a term in as many documents as they are in together, at most.
  Xapian::Query Prefix(const std::string& prefix) {
    terms_->prefixes.push_back(prefix);
    const std::vector<std::string>& words = Expansion("p:", prefix);
    if (words.empty()) return Xapian::Query::MatchNothing;
    Xapian::Query q(Xapian::Query::OP_SYNONYM, words.begin(), words.end());
    if (scoring_ != Scoring::kScaled) return q;
    // Cached like a term's, under a key no term has (terms hold no '*').
    auto [idf, fresh] = cache_->idf.try_emplace(prefix + "*", 0.0);
    if (fresh) {
      Xapian::doccount together = 0;
      for (const std::string& w : words) together += db_.get_termfreq(w);
      idf->second = Idf(db_.get_doccount(), together);
    }
    return Scaled(q, idf->second);
  }

 private:
  static Xapian::Query Scaled(Xapian::Query q, double factor) {
    return factor == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
  }

  double TermIdf(const std::string& term) {
    auto [it, fresh] = cache_->idf.try_emplace(term, 0.0);
    if (fresh) it->second = Idf(db_.get_doccount(), db_.get_termfreq(term));
    return it->second;
  }

  const std::vector<std::string>& Expansion(const char* kind, const std::string& what) {
    const std::string key = kind + what;
    auto it = cache_->expansions.find(key);
    if (it == cache_->expansions.end()) {
      it = cache_->expansions.emplace(key, kind[0] == 'c' ? Compounds(db_, each_, what) : PrefixWords(db_, what)).first;
    }
    return it->second;
  }

  const Analyzer& analyzer_;
  const Xapian::Database& db_;
  const std::vector<Xapian::Database>& each_;
  QueryTerms* terms_;
  QueryCache own_cache_;
  QueryCache* cache_;
  Scoring scoring_;
};

struct Clause {
  Xapian::Query query;
  bool negative = false;
  bool filter = false;
  bool or_with_previous = false;
};

// Splits the query into raw clauses: words, "phrases", with their sign and
// field; OR is a clause of its own.
struct RawClause {
  std::string field;
  std::string text;
  bool quoted = false;
  bool negative = false;
};

std::vector<RawClause> Split(std::string_view q) {
  std::vector<RawClause> out;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t')) ++i;
    if (i >= q.size()) break;
    RawClause c;
    if (q[i] == '-' || q[i] == '+') {
      c.negative = q[i] == '-';
      ++i;
    }
    std::size_t start = i;
    while (i < q.size() && q[i] != ' ' && q[i] != '"' && q[i] != ':') ++i;
    if (i < q.size() && q[i] == ':' && i > start) {
      c.field = std::string(q.substr(start, i - start));
      std::transform(c.field.begin(), c.field.end(), c.field.begin(), ::tolower);
      ++i;
      start = i;
    } else {
      i = start;
    }
    if (i < q.size() && q[i] == '"') {
      std::size_t close = q.find('"', i + 1);
      if (close == std::string_view::npos) close = q.size();
      c.text = std::string(q.substr(i + 1, close - i - 1));
      c.quoted = true;
      i = close + 1;
    } else {
      while (i < q.size() && q[i] != ' ' && q[i] != '\t') ++i;
      c.text = std::string(q.substr(start, i - start));
    }
    if (!c.text.empty() || c.quoted) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string BodyKey(std::string_view body) { return packet::Slug(body); }

Xapian::Query ParseQuery(std::string_view query, const Analyzer& analyzer, const Xapian::Database& db,
                         const std::vector<Xapian::Database>& each, QueryTerms* terms, QueryCache* cache,
                         Scoring scoring) {
  Builder build(analyzer, db, each, terms, cache, scoring);
  std::vector<Clause> clauses;
  std::optional<Token> previous_word;  // the last clause, when a plain word
  bool pending_or = false;
  for (const RawClause& raw : Split(query)) {
    if (!raw.quoted && raw.field.empty() && !raw.negative && raw.text == "OR") {
      pending_or = !clauses.empty();
      continue;
    }
    Clause c;
    c.negative = raw.negative;
    c.or_with_previous = pending_or;
    pending_or = false;
    if (!raw.field.empty() || raw.quoted || raw.text.back() == '*') previous_word.reset();
    if (!raw.field.empty()) {
      std::string value = std::string(text::Trim(raw.text));
      if (raw.field == "body") c.query = Xapian::Query(kBodyPrefix + BodyKey(value));
      else if (raw.field == "type") c.query = Xapian::Query(kTypePrefix + analyzer.Fold(value));
      else if (raw.field == "case") c.query = Xapian::Query(kCasePrefix + text::FoldForMatch(value));
      else if (raw.field == "year") c.query = Xapian::Query(kYearPrefix + value);
      else {
        // Not a field we know: search the text "field:value" as words.
        std::vector<Token> tokens = analyzer.Tokenize(raw.field + " " + raw.text);
        if (tokens.empty()) continue;
        c.query = build.Phrase(tokens, 1.0);
        clauses.push_back(c);
        continue;
      }
      c.filter = !c.negative;
      clauses.push_back(c);
      continue;
    }
    if (!raw.quoted && raw.text.size() > 1 && raw.text.back() == '*') {
      std::string prefix = analyzer.Fold(std::string_view(raw.text).substr(0, raw.text.size() - 1));
      if (prefix.empty()) continue;
      c.query = build.Prefix(prefix);
      clauses.push_back(c);
      continue;
    }
    std::vector<Token> tokens = analyzer.Tokenize(raw.text);
    if (tokens.empty()) continue;
    if (raw.quoted || tokens.size() > 1) {
      c.query = build.PhraseWithSynonyms(tokens);
    } else {
      c.query = build.Word(tokens[0].word);
      // Two plain words that together stand for an abbreviation
      // ("kommunernes landsforening" → "KL") may also match it.
      if (!clauses.empty() && !c.negative && !c.or_with_previous && previous_word.has_value()) {
        std::vector<Token> pair = {*previous_word, tokens[0]};
        std::string joined = pair[0].word + " " + pair[1].word;
        if (!analyzer.Synonyms(joined).empty() && !clauses.back().negative && !clauses.back().filter) {
          Xapian::Query both(Xapian::Query::OP_AND, clauses.back().query, c.query);
          clauses.back().query = Xapian::Query(Xapian::Query::OP_OR, both, build.PhraseWithSynonyms(pair));
          previous_word.reset();
          continue;
        }
      }
    }
    previous_word.reset();
    if (!raw.quoted && tokens.size() == 1 && !c.negative) previous_word = tokens[0];
    clauses.push_back(c);
  }

  // Positive clauses: AND, except runs joined by OR.
  std::vector<Xapian::Query> required, filters, excluded;
  for (std::size_t k = 0; k < clauses.size(); ++k) {
    const Clause& c = clauses[k];
    if (c.negative) {
      excluded.push_back(c.query);
    } else if (c.filter) {
      filters.push_back(c.query);
    } else if (c.or_with_previous && !required.empty()) {
      required.back() = Xapian::Query(Xapian::Query::OP_OR, required.back(), c.query);
    } else {
      required.push_back(c.query);
    }
  }
  Xapian::Query q = required.empty() ? Xapian::Query::MatchAll
                                     : Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
  if (required.empty() && filters.empty()) q = Xapian::Query::MatchNothing;
  for (const Xapian::Query& f : filters) q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
  for (const Xapian::Query& e : excluded) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, e);
  return q;
}

}  // namespace sagsspor::search
