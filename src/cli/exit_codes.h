// The sagsspor command's exit codes: one per kind of failure, so scripts
// can tell them apart. With several files, the first failure's code wins.

#ifndef SAGSSPOR_CLI_EXIT_CODES_H_
#define SAGSSPOR_CLI_EXIT_CODES_H_

#include "ingest/ingest.h"

namespace sagsspor::cli {

enum ExitCode {
  kOk = 0,
  kFailure = 1,      // anything not listed below
  kUsage = 2,        // bad command line
  kNotFound = 3,     // a file or an id that does not exist
  kUnreadable = 4,
  kUnsupported = 5,  // neither .pdf nor .txt
  kEmpty = 6,
  kTooLarge = 7,
  kNotPdf = 8,
  kTruncated = 9,
  kMalformed = 10,
  kEncrypted = 11,
  kNoText = 12,      // a scanned PDF without a text layer
  kEncoding = 13,
  kStore = 20,       // the store cannot be opened or written
};

// The exit code for a failed ingest of one file.
ExitCode ExitCodeFor(const ingest::FileReport& report);

}  // namespace sagsspor::cli

#endif  // SAGSSPOR_CLI_EXIT_CODES_H_
