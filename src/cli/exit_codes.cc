#include "cli/exit_codes.h"

namespace sagsspor::cli {

ExitCode ExitCodeFor(const ingest::FileReport& report) {
  if (report.outcome != ingest::Outcome::kFailed) return kOk;
  if (report.store_error) return kStore;
  using K = text::SourceErrorKind;
  switch (report.error_kind) {
    case K::kNone: return kFailure;
    case K::kNotFound: return kNotFound;
    case K::kUnreadable: return kUnreadable;
    case K::kUnsupported: return kUnsupported;
    case K::kEmpty: return kEmpty;
    case K::kTooLarge: return kTooLarge;
    case K::kNotPdf: return kNotPdf;
    case K::kTruncated: return kTruncated;
    case K::kMalformed: return kMalformed;
    case K::kEncrypted: return kEncrypted;
    case K::kNoText: return kNoText;
    case K::kEncoding: return kEncoding;
  }
  return kFailure;
}

}  // namespace sagsspor::cli
