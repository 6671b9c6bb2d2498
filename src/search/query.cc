#include "search/query.h"

#include <algorithm>
#include <optional>

#include "packet/meeting_header.h"
#include "text/utf8.h"

namespace sagsspor::search {
namespace {

constexpr double kStemWeight = 0.7;
constexpr double kPartWeight = 0.4;
constexpr double kSynonymWeight = 0.6;
constexpr int kMaxExpansion = 40;

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

// Indexed words that have `word` as a first or last compound part.
std::vector<std::string> Compounds(const Xapian::Database& db, const std::string& word) {
  std::vector<std::string> out;
  if (text::CodePointCount(word) < 4) return out;
  for (auto it = db.allterms_begin(word); it != db.allterms_end(word) && out.size() < kMaxExpansion; ++it) {
    const std::string& t = *it;
    if (t.size() > word.size() && KnownPart(db, std::string_view(t).substr(word.size()), true)) out.push_back(t);
  }
  const std::string reversed = kReversedPrefix + text::ReverseCodePoints(word);
  for (auto it = db.allterms_begin(reversed); it != db.allterms_end(reversed) && out.size() < 2 * kMaxExpansion;
       ++it) {
    std::string t = text::ReverseCodePoints(std::string_view(*it).substr(1));
    if (t.size() > word.size() && KnownPart(db, std::string_view(t).substr(0, t.size() - word.size()), false)) {
      out.push_back(t);
    }
  }
  return out;
}

Xapian::Query Phrase(const std::vector<Token>& tokens, QueryTerms* terms) {
  std::vector<Xapian::Query> words;
  for (const Token& t : tokens) {
    words.emplace_back(t.word);
    terms->words.insert(t.word);
  }
  if (words.size() == 1) return words[0];
  return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
}

// A phrase, or-ed with what it stands for ("forberedende grunduddannelse"
// also finds "FGU").
Xapian::Query PhraseWithSynonyms(const std::vector<Token>& tokens, const Analyzer& analyzer, QueryTerms* terms) {
  Xapian::Query q = Phrase(tokens, terms);
  std::string joined;
  for (const Token& t : tokens) joined += (joined.empty() ? "" : " ") + t.word;
  for (const std::string& synonym : analyzer.Synonyms(joined)) {
    std::vector<Token> other = analyzer.Tokenize(synonym);
    if (other.empty()) continue;
    q = Xapian::Query(Xapian::Query::OP_OR, q,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Phrase(other, terms), kSynonymWeight));
  }
  return q;
}

// The word, its stem, its compounds and its synonyms. Every document with
// the word also has its stem (the index adds both for each word), so the
// word itself is an AND_MAYBE on the rest: the same matches and weights
// as an OR of all, but the word's postings are only skipped to, never
// merged.
Xapian::Query Word(const std::string& word, const Analyzer& analyzer, const Xapian::Database& db,
                   QueryTerms* terms, CompoundCache* cache) {
  std::vector<Xapian::Query> any;
  terms->words.insert(word);
  const std::string stem = analyzer.Stem(word);
  terms->stems.insert(stem);
  any.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(kStemPrefix + stem), kStemWeight);
  std::vector<std::string> found;
  if (cache) {
    auto it = cache->find(word);
    if (it == cache->end()) it = cache->emplace(word, Compounds(db, word)).first;
    found = it->second;
  } else {
    found = Compounds(db, word);
  }
  const std::vector<std::string>& compounds = found;
  if (!compounds.empty()) {
    terms->parts.push_back(word);
    Xapian::Query parts(Xapian::Query::OP_OR, compounds.begin(), compounds.end());
    any.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, parts, kPartWeight);
  }
  for (const std::string& synonym : analyzer.Synonyms(word)) {
    std::vector<Token> tokens = analyzer.Tokenize(synonym);
    any.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Phrase(tokens, terms), kSynonymWeight);
    if (tokens.size() == 1) {
      any.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(kStemPrefix + analyzer.Stem(tokens[0].word)), kSynonymWeight * kStemWeight);
    }
  }
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()),
                       Xapian::Query(word));
}

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
                         QueryTerms* terms, CompoundCache* cache) {
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
        c.query = Phrase(tokens, terms);
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
      terms->prefixes.push_back(prefix);
      // The fast path for prefixes: expand to the most frequent matching
      // words only, so "a*" costs no more than a long OR.
      c.query = Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, 100, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      clauses.push_back(c);
      continue;
    }
    std::vector<Token> tokens = analyzer.Tokenize(raw.text);
    if (tokens.empty()) continue;
    if (raw.quoted || tokens.size() > 1) {
      c.query = PhraseWithSynonyms(tokens, analyzer, terms);
    } else {
      c.query = Word(tokens[0].word, analyzer, db, terms, cache);
      // Two plain words that together stand for an abbreviation
      // ("kommunernes landsforening" → "KL") may also match it.
      if (!clauses.empty() && !c.negative && !c.or_with_previous && previous_word.has_value()) {
        std::vector<Token> pair = {*previous_word, tokens[0]};
        std::string joined = pair[0].word + " " + pair[1].word;
        if (!analyzer.Synonyms(joined).empty() && !clauses.back().negative && !clauses.back().filter) {
          Xapian::Query both(Xapian::Query::OP_AND, clauses.back().query, c.query);
          clauses.back().query = Xapian::Query(Xapian::Query::OP_OR, both, PhraseWithSynonyms(pair, analyzer, terms));
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
