#include "search/analyzer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "text/utf8.h"

namespace sagsspor::data {
extern const std::string_view stem_exceptions_txt_data;
extern const std::string_view synonyms_txt_data;
}  // namespace sagsspor::data

namespace sagsspor::search {
namespace {

bool IsWordChar(char32_t c) {
  if (c < 128) return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
  if (c >= 0xC0 && c <= 0xFF) return c != 0xD7 && c != 0xF7;  // Latin-1 letters
  return u_isalnum(static_cast<UChar32>(c));
}

// ASCII and Latin-1 letters (æ ø å é …) lower-cased by hand, which is what
// NFKC case folding does to them; anything else goes through ICU.
std::string CaseFold(std::string_view word) {
  std::string out(word);
  bool simple = true;
  for (std::size_t i = 0; i < out.size() && simple; ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);  // À-Þ → à-þ
      else if (d < 0xA0 || d == 0xB7 || d == 0xBF) simple = false;  // ß, ×, ÷, ÿ: ICU knows
      ++i;
    } else {
      simple = false;
    }
  }
  if (simple) return out;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(word);
  out.clear();
  icu::StringByteSink<std::string> sink(&out);
  nfkc_cf->normalizeUTF8(0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())), sink, nullptr,
                         status);
  return U_SUCCESS(status) ? out : std::string(word);
}

// aa → å, ae → æ, oe → ø, in a folded word.
std::string ModernSpelling(std::string word) {
  if (word.find("aa") == std::string::npos && word.find("ae") == std::string::npos &&
      word.find("oe") == std::string::npos) {
    return word;
  }
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i + 1 < word.size()) {
      std::string_view pair(word.data() + i, 2);
      const char* modern = pair == "aa" ? "å" : pair == "ae" ? "æ" : pair == "oe" ? "ø" : nullptr;
      if (modern) {
        out += modern;
        ++i;
        continue;
      }
    }
    out.push_back(word[i]);
  }
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text::Trim(text.substr(start, nl - start));
    if (!line.empty() && line[0] != '#') out.emplace_back(line);
    start = nl + 1;
  }
  return out;
}

}  // namespace

const Analyzer& Analyzer::Default() {
  static const Analyzer* analyzer =
      new Analyzer(data::stem_exceptions_txt_data, data::synonyms_txt_data);
  return *analyzer;
}

Analyzer::Analyzer(std::string_view stem_exceptions, std::string_view synonyms) {
  for (const std::string& line : Lines(stem_exceptions)) stem_exceptions_.insert(Fold(line));
  for (const std::string& line : Lines(synonyms)) {
    std::size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string left, right;
    for (const Token& t : Tokenize(line.substr(0, eq))) left += (left.empty() ? "" : " ") + t.word;
    for (const Token& t : Tokenize(line.substr(eq + 1))) right += (right.empty() ? "" : " ") + t.word;
    if (left.empty() || right.empty()) continue;
    synonyms_[left].push_back(right);
    synonyms_[right].push_back(left);
  }
}

std::string Analyzer::Fold(std::string_view word) const {
  // Most words are lower-case ASCII without aa, ae or oe: as they are.
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    const char next = i + 1 < word.size() ? word[i + 1] : '\0';
    if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c == 'a' && (next == 'a' || next == 'e')) ||
        (c == 'o' && next == 'e')) {
      return ModernSpelling(CaseFold(word));
    }
  }
  return std::string(word);
}

std::string Analyzer::Stem(const std::string& folded) const {
  if (stem_exceptions_.count(folded)) return folded;
  // Twice: Snowball's Danish stemmer takes "kapaciteten" to "kapacitet"
  // but "kapacitet" to "kapacit"; a second pass makes them meet. A
  // Xapian::Stem keeps state while it works, so each thread has its own.
  thread_local Xapian::Stem stemmer("danish");
  return stemmer(stemmer(folded));
}

const std::vector<std::string>& Analyzer::Synonyms(const std::string& folded) const {
  static const std::vector<std::string> kNone;
  auto it = synonyms_.find(folded);
  return it == synonyms_.end() ? kNone : it->second;
}

// Whether the code point at text[i] belongs to a word; sets *next past
// it. ASCII, most of any Danish text, without decoding.
static bool WordCharAt(std::string_view text, std::size_t i, std::size_t* next) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    *next = i + 1;
    return (byte >= '0' && byte <= '9') || ((byte | 32) >= 'a' && (byte | 32) <= 'z');
  }
  return IsWordChar(text::DecodeAt(text, i, next));
}

std::vector<std::pair<std::size_t, std::size_t>> Analyzer::WordSpans(std::string_view text) const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  out.reserve(text.size() / 7);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next;
    if (!WordCharAt(text, i, &next)) {
      i = next;
      continue;
    }
    std::size_t begin = i;
    i = next;
    while (i < text.size() && WordCharAt(text, i, &next)) i = next;
    out.emplace_back(begin, i);
  }
  return out;
}

std::vector<Token> Analyzer::Tokenize(std::string_view text) const {
  std::vector<Token> out;
  for (const auto& [begin, end] : WordSpans(text)) out.push_back({Fold(text.substr(begin, end - begin)), begin, end});
  return out;
}

}  // namespace sagsspor::search
