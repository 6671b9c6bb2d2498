#include "ingest/ingest.h"

#include <algorithm>
#include <filesystem>

#include "packet/parser.h"

namespace sagsspor::ingest {
namespace fs = std::filesystem;

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kAdded: return "added";
    case Outcome::kUnchanged: return "unchanged";
    case Outcome::kSuperseded: return "superseded";
    case Outcome::kFailed: return "failed";
  }
  return "failed";
}

std::vector<std::string> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && text::IsPacketPath(it->path().string())) {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(p);
    }
  }
  return out;
}

FileReport IngestFile(const std::string& path, store::Store& store, search::SearchIndex* index,
                      const text::ReadOptions& options) {
  FileReport report;
  report.file = path;
  text::RawText raw;
  text::SourceError error;
  if (!text::ReadSource(path, options, &raw, &error)) {
    report.error_kind = error.kind;
    report.error = error.message;
    return report;
  }
  report.sha256 = raw.source.sha256;
  report.pages = raw.source.pages;
  model::Packet packet;
  try {
    packet = packet::ParsePacket(raw);
  } catch (const std::exception& e) {
    report.store_error = false;
    report.error_kind = text::SourceErrorKind::kMalformed;
    report.error = path + ": cannot be parsed: " + e.what();
    return report;
  }
  packet.original = std::move(raw.bytes);
  report.layout = packet.layout;
  report.warnings = packet.warnings;
  for (const model::Meeting& m : packet.meetings) {
    ++report.meetings;
    report.items += static_cast<int>(m.items.size());
    report.documents += static_cast<int>(m.documents.size());
  }
  report.documents += static_cast<int>(packet.documents.size());

  store::PutResult result;
  std::string store_error;
  store::BeforeCommit add_to_index = nullptr;
  if (index) {
    add_to_index = [&](const store::PutResult& put, std::string* error) {
      return index->Add(packet, put.superseded_sha256, error);
    };
  }
  if (!store.Put(packet, &result, &store_error, add_to_index)) {
    report.store_error = true;
    report.error = path + ": cannot be stored: " + store_error;
    return report;
  }
  report.outcome = result.status == store::PutStatus::kAdded        ? Outcome::kAdded
                   : result.status == store::PutStatus::kUnchanged  ? Outcome::kUnchanged
                                                                    : Outcome::kSuperseded;
  return report;
}

}  // namespace sagsspor::ingest
