#include "text/source_error.h"

namespace sagsspor::text {

const char* SourceErrorName(SourceErrorKind kind) {
  switch (kind) {
    case SourceErrorKind::kNone: return "ok";
    case SourceErrorKind::kNotFound: return "not_found";
    case SourceErrorKind::kUnreadable: return "unreadable";
    case SourceErrorKind::kUnsupported: return "unsupported";
    case SourceErrorKind::kEmpty: return "empty";
    case SourceErrorKind::kTooLarge: return "too_large";
    case SourceErrorKind::kNotPdf: return "not_pdf";
    case SourceErrorKind::kTruncated: return "truncated";
    case SourceErrorKind::kMalformed: return "malformed";
    case SourceErrorKind::kEncrypted: return "encrypted";
    case SourceErrorKind::kNoText: return "no_text";
    case SourceErrorKind::kEncoding: return "encoding";
  }
  return "unknown";
}

}  // namespace sagsspor::text
