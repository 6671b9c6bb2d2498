// Why a packet file could not be read. Each kind has its own exit code in
// the CLI (see cli/exit_codes.h), so scripts can tell them apart.

#ifndef SAGSSPOR_TEXT_SOURCE_ERROR_H_
#define SAGSSPOR_TEXT_SOURCE_ERROR_H_

#include <string>

namespace sagsspor::text {

enum class SourceErrorKind {
  kNone = 0,
  kNotFound,      // no such file
  kUnreadable,    // exists but cannot be opened or read
  kUnsupported,   // neither a PDF nor a text file
  kEmpty,         // zero bytes, or only white space
  kTooLarge,      // above ReadOptions::max_bytes; nothing was loaded
  kNotPdf,        // named .pdf but not a PDF
  kTruncated,     // a PDF cut short
  kMalformed,     // a PDF poppler cannot open
  kEncrypted,     // a PDF locked by a password
  kNoText,        // a PDF with no extractable text (scanned images)
  kEncoding,      // text in an encoding that cannot be decoded
};

struct SourceError {
  SourceErrorKind kind = SourceErrorKind::kNone;
  std::string message;  // one line, names the file and the reason
  bool ok() const { return kind == SourceErrorKind::kNone; }
};

// A short stable name for the kind ("not_found", "encrypted" …) for --json.
const char* SourceErrorName(SourceErrorKind kind);

}  // namespace sagsspor::text

#endif  // SAGSSPOR_TEXT_SOURCE_ERROR_H_
