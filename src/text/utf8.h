// Small helpers over UTF-8 strings, built on ICU's character properties.
// All take and return UTF-8; none allocate unless they return a string.

#ifndef SAGSSPOR_TEXT_UTF8_H_
#define SAGSSPOR_TEXT_UTF8_H_

#include <string>
#include <string_view>

namespace sagsspor::text {

// The code point starting at byte `i` of `s`; sets *next past it. Invalid
// bytes decode as U+FFFD.
char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t* next);

// The first / last code point of `s`, or 0 when empty.
char32_t FirstCodePoint(std::string_view s);
char32_t LastCodePoint(std::string_view s);

bool IsLetter(char32_t c);
bool IsUpper(char32_t c);
bool IsLower(char32_t c);
bool IsDigit(char32_t c);  // ASCII 0-9 only

// Number of code points.
std::size_t CodePointCount(std::string_view s);

// True when `s` holds only ASCII white space (form feeds included).
bool IsBlank(std::string_view s);

// `s` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view s);

// The code points of `s` in reverse order.
std::string ReverseCodePoints(std::string_view s);

// Runs of spaces folded to one, ends trimmed.
std::string CollapseSpaces(std::string_view s);

// True when `s` has letters and none of them is lower case.
bool IsAllCaps(std::string_view s);

// Full Unicode upper / lower case and "Title case" of each word (ICU).
std::string ToUpper(std::string_view s);
std::string ToLower(std::string_view s);

// `s` lower-cased with letters folded for comparison: ICU case folding,
// then ASCII-only white space collapsed. Used for vocabulary look-ups.
std::string FoldForMatch(std::string_view s);

}  // namespace sagsspor::text

#endif  // SAGSSPOR_TEXT_UTF8_H_
