// Decoding text files of unknown encoding into UTF-8 (NFC).

#ifndef SAGSSPOR_TEXT_DECODE_H_
#define SAGSSPOR_TEXT_DECODE_H_

#include <string>
#include <string_view>

namespace sagsspor::text {

struct Decoded {
  std::string utf8;      // NFC-normalised, without byte-order mark
  std::string encoding;  // "UTF-8", "UTF-16LE", "windows-1252" …
};

// Decodes `bytes`: UTF-8 if it is valid UTF-8; UTF-16/32 if it starts with a
// byte-order mark; else the legacy encoding ICU's detector finds most
// likely, falling back to windows-1252. Returns false with *error set when
// the bytes cannot be converted (e.g. NUL-laden binary data).
bool DecodeText(std::string_view bytes, Decoded* out, std::string* error);

// Returns `utf8` in Unicode normalisation form C (a cheap check first).
std::string ToNfc(std::string utf8);

}  // namespace sagsspor::text

#endif  // SAGSSPOR_TEXT_DECODE_H_
