#include "text/utf8.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace sagsspor::text {

char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t* next) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t offset = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(bytes, offset, static_cast<int32_t>(s.size()), c);
  *next = static_cast<std::size_t>(offset);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t next;
  return DecodeAt(s, 0, &next);
}

char32_t LastCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t offset = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(bytes, 0, offset, c);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

bool IsLetter(char32_t c) { return c < 128 ? ((c | 32) >= 'a' && (c | 32) <= 'z') : u_isalpha(c); }
bool IsUpper(char32_t c) { return c < 128 ? (c >= 'A' && c <= 'Z') : u_isupper(c); }
bool IsLower(char32_t c) { return c < 128 ? (c >= 'a' && c <= 'z') : u_islower(c); }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

std::string ReverseCodePoints(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t end = s.size();
  while (end > 0) {
    std::size_t begin = end - 1;
    while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
    out.append(s.substr(begin, end - begin));
    end = begin;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

std::string CollapseSpaces(std::string_view s) {
  s = Trim(s);
  // Most lines have nothing to fold (find() is memchr/memmem fast).
  if (s.find("  ") == std::string_view::npos && s.find('\t') == std::string_view::npos) {
    return std::string(s);
  }
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool IsAllCaps(std::string_view s) {
  bool letters = false;
  for (std::size_t i = 0, next; i < s.size(); i = next) {
    char32_t c = DecodeAt(s, i, &next);
    if (IsLower(c)) return false;
    if (IsLetter(c)) letters = true;
  }
  return letters;
}

namespace {
std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}
icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}
}  // namespace

std::string ToUpper(std::string_view s) { return ToUtf8(FromUtf8(s).toUpper(icu::Locale("da"))); }
std::string ToLower(std::string_view s) { return ToUtf8(FromUtf8(s).toLower(icu::Locale("da"))); }

std::string FoldForMatch(std::string_view s) {
  return CollapseSpaces(ToUtf8(FromUtf8(s).foldCase()));
}

}  // namespace sagsspor::text
