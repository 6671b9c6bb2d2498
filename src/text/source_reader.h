// Reading a packet file into pages of UTF-8 (NFC) text.
//
// PDFs are read through poppler-cpp, one string per page. Text files are
// decoded from UTF-8, UTF-16 with a byte-order mark, or a legacy 8-bit
// encoding detected with ICU (windows-1252, ISO-8859-1 …); form feeds split
// them into pages. The file's size is checked before anything is loaded, so
// an oversized file costs no memory.

#ifndef SAGSSPOR_TEXT_SOURCE_READER_H_
#define SAGSSPOR_TEXT_SOURCE_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "text/source_error.h"

namespace sagsspor::text {

struct ReadOptions {
  // Files larger than this are refused with kTooLarge before being read.
  std::uint64_t max_bytes = 256ull << 20;
};

struct RawText {
  model::Source source;            // file, sha256, bytes, pages, encoding
  std::vector<std::string> pages;  // UTF-8, NFC; one entry if no page breaks
  std::vector<std::string> notes;  // e.g. "converted from windows-1252"
  std::string bytes;               // the file as read, for the store to keep
};

// Splits decoded text into pages at form feeds; a trailing form feed ends
// the last page rather than starting an empty one.
std::vector<std::string> SplitPages(const std::string& text);

// True for paths ingest reads: ".pdf" and ".txt" (case-insensitive).
bool IsPacketPath(const std::string& path);

// Reads `path`. On success returns true and fills *out. On failure returns
// false, leaves *out unspecified and sets *error to a one-line message that
// names the file.
bool ReadSource(const std::string& path, const ReadOptions& options,
                RawText* out, SourceError* error);

}  // namespace sagsspor::text

#endif  // SAGSSPOR_TEXT_SOURCE_READER_H_
