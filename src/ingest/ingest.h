// Ingest: read a packet file, parse it and store it, as one step per file.
// Shared by the CLI and (later) the HTTP upload endpoint.

#ifndef SAGSSPOR_INGEST_INGEST_H_
#define SAGSSPOR_INGEST_INGEST_H_

#include <string>
#include <vector>

#include "search/search_index.h"
#include "store/store.h"
#include "text/source_reader.h"

namespace sagsspor::ingest {

enum class Outcome { kAdded, kUnchanged, kSuperseded, kFailed };

struct FileReport {
  std::string file;
  Outcome outcome = Outcome::kFailed;
  text::SourceErrorKind error_kind = text::SourceErrorKind::kNone;
  bool store_error = false;       // the store refused it (error_kind is kNone)
  std::string error;              // one line naming the file, when failed
  std::string sha256;
  std::string layout;
  int pages = 0;
  int meetings = 0;
  int items = 0;
  int documents = 0;
  std::vector<std::string> warnings;
};

// Expands `paths`: files stay as given; directories are walked
// recursively for .pdf and .txt files, in sorted order. Missing paths are
// kept so that ingesting them reports "no such file".
std::vector<std::string> CollectFiles(const std::vector<std::string>& paths);

// Reads, parses and stores one file, and adds it to `index` (when not
// null) in the same step: the store commits only after the index took
// the packet. Never throws; a failure leaves the store unchanged and is
// described in the report.
FileReport IngestFile(const std::string& path, store::Store& store, search::SearchIndex* index,
                      const text::ReadOptions& options = {});

// "added", "unchanged", "superseded", "failed".
const char* OutcomeName(Outcome outcome);

}  // namespace sagsspor::ingest

#endif  // SAGSSPOR_INGEST_INGEST_H_
