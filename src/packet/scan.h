// Byte-level scanning helpers shared by the fact finders. Internal to
// packet/.

#ifndef SAGSSPOR_PACKET_SCAN_H_
#define SAGSSPOR_PACKET_SCAN_H_

#include <string_view>

namespace sagsspor::packet {

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
// Letters, digits and any byte of a multi-byte UTF-8 character (æøå …).
// A table: the fact finders ask this of nearly every byte.
struct WordByteTable {
  bool is_word[256] = {};
  constexpr WordByteTable() {
    for (int c = 0; c < 256; ++c) {
      is_word[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    }
  }
};
inline constexpr WordByteTable kWordBytes{};
inline bool IsWordByte(char c) { return kWordBytes.is_word[static_cast<unsigned char>(c)]; }

// Reads up to `max_digits` digits at *i, advancing it; returns the value.
inline int ReadInt(std::string_view s, std::size_t* i, int max_digits) {
  int v = 0, k = 0;
  while (*i < s.size() && k < max_digits && IsAsciiDigit(s[*i])) {
    v = v * 10 + (s[*i] - '0');
    ++*i;
    ++k;
  }
  return v;
}

// True when `s` at `i` starts with `word` (ASCII case-insensitive).
inline bool StartsWithAt(std::string_view s, std::size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (AsciiLower(s[i + k]) != AsciiLower(word[k])) return false;
  }
  return true;
}

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_SCAN_H_
