// sagsspor: the command line. Thin: parses arguments and calls the parts.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <ctime>
#include <iostream>

#include "cases/case_timeline.h"
#include "cases/timeline_json.h"
#include "cli/exit_codes.h"
#include "cli/show.h"
#include "http/server.h"
#include "ingest/ingest.h"
#include "model/json.h"
#include "packet/parser.h"
#include "search/results_json.h"
#include "search/search_index.h"
#include "store/sqlite_store.h"

namespace sagsspor::cli {
namespace {

using nlohmann::json;

std::unique_ptr<store::Store> OpenStore(const std::string& dir) {
  std::string error;
  auto s = store::OpenSqliteStore(dir, &error);
  if (!s) std::cerr << "sagsspor: " << error << "\n";
  return s;
}

// The search index lives beside the store, in DIR/index.
std::unique_ptr<search::SearchIndex> OpenIndex(const std::string& dir) {
  std::string error;
  auto index = search::SearchIndex::Open(dir + "/index", &error);
  if (!index) std::cerr << "sagsspor: " << error << "\n";
  return index;
}

// For commands that only read the index: says when it is of an older
// format (serve and reindex rebuild it).
std::unique_ptr<search::SearchIndex> OpenIndexToRead(const std::string& dir) {
  auto index = OpenIndex(dir);
  if (index && index->NeedsRebuild()) {
    std::cerr << "sagsspor: warning: the search index was written by an older version; "
                 "`sagsspor reindex` rebuilds it (`sagsspor serve` does so at start)\n";
  }
  return index;
}

json ReportJson(const ingest::FileReport& r) {
  json j = {{"file", r.file}, {"outcome", ingest::OutcomeName(r.outcome)}};
  if (r.outcome == ingest::Outcome::kFailed) {
    j["error"] = r.store_error ? "store" : text::SourceErrorName(r.error_kind);
    j["message"] = r.error;
    j["exit_code"] = ExitCodeFor(r);
  } else {
    j["sha256"] = r.sha256;
    j["layout"] = r.layout.empty() ? json(nullptr) : json(r.layout);
    j["pages"] = r.pages;
    j["meetings"] = r.meetings;
    j["items"] = r.items;
    j["documents"] = r.documents;
  }
  j["warnings"] = r.warnings;
  return j;
}

std::string ReportLine(const ingest::FileReport& r) {
  if (r.outcome == ingest::Outcome::kFailed) return "error: " + r.error;
  std::string line = fmt::format("{}: {} ({}, {} meeting(s), {} item(s), {} document(s))", r.file,
                                 ingest::OutcomeName(r.outcome), r.layout.empty() ? "no agenda" : r.layout,
                                 r.meetings, r.items, r.documents);
  for (const std::string& w : r.warnings) line += "\n  warning: " + w;
  return line;
}

int RunIngest(const std::string& db, const std::vector<std::string>& paths, bool as_json,
              std::uint64_t max_mib) {
  auto store = OpenStore(db);
  if (!store) return kStore;
  auto index = OpenIndex(db);
  if (!index) return kStore;
  if (index->NeedsRebuild()) {
    // Adds to it would mix two formats.
    std::cerr << "sagsspor: the search index was written by an older version; rebuilding it from the store\n";
    std::string error;
    if (!index->Rebuild(*store, &error)) {
      std::cerr << "sagsspor: " << error << "\n";
      return kStore;
    }
  }
  std::vector<std::string> files = ingest::CollectFiles(paths);
  text::ReadOptions options;
  options.max_bytes = max_mib << 20;
  const bool progress = !as_json && isatty(STDERR_FILENO);
  int exit_code = kOk;
  json reports = json::array();
  int counts[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (progress) {
      const int width = 30;
      int filled = static_cast<int>(width * i / files.size());
      fmt::print(stderr, "\r[{}{}] {}/{} {:.40}\x1b[K", std::string(filled, '#'),
                 std::string(width - filled, '.'), i, files.size(), files[i]);
    }
    ingest::FileReport r = ingest::IngestFile(files[i], *store, index.get(), options);
    ++counts[static_cast<int>(r.outcome)];
    if (exit_code == kOk) exit_code = ExitCodeFor(r);
    if (progress) fmt::print(stderr, "\r\x1b[K");
    if (as_json) {
      reports.push_back(ReportJson(r));
    } else if (r.outcome == ingest::Outcome::kFailed) {
      std::cerr << ReportLine(r) << "\n";
    } else {
      std::cout << ReportLine(r) << "\n";
    }
  }
  // Keep searches fast: merge the shards when many have been written.
  if (counts[0] + counts[2] > 0) {
    std::string error;
    if (!index->Compact(true, &error)) std::cerr << "sagsspor: warning: " << error << "\n";
  }
  if (as_json) {
    std::cout << json{{"files", reports},
                      {"added", counts[0]}, {"unchanged", counts[1]},
                      {"superseded", counts[2]}, {"failed", counts[3]}}
                     .dump(2)
              << "\n";
  } else if (files.size() > 1) {
    fmt::print("{} file(s): {} added, {} unchanged, {} superseded, {} failed\n", files.size(),
               counts[0], counts[1], counts[2], counts[3]);
  }
  return exit_code;
}

int RunExport(const std::string& db) {
  auto store = OpenStore(db);
  if (!store) return kStore;
  json meetings = json::array(), documents = json::array();
  for (const store::StoredMeeting& m : store->Meetings()) meetings.push_back(model::ToJson(m.meeting, &m.source));
  for (const store::StoredDocument& d : store->LooseDocuments()) {
    json j = model::ToJson(d.document);
    j["source"] = {{"file", d.source.file}, {"sha256", d.source.sha256}};
    documents.push_back(j);
  }
  std::cout << json{{"meetings", meetings}, {"documents", documents}}.dump(2) << "\n";
  return kOk;
}

int RunShow(const std::string& db, const std::string& id, bool as_json) {
  auto store = OpenStore(db);
  if (!store) return kStore;
  if (auto m = store->FindMeeting(id)) {
    if (as_json) std::cout << model::ToJson(m->meeting, &m->source).dump(2) << "\n";
    else PrintMeeting(m->meeting, m->source, std::cout);
    return kOk;
  }
  model::Meeting meeting;
  if (auto item = store->FindItem(id, &meeting)) {
    if (as_json) std::cout << model::ToJson(*item).dump(2) << "\n";
    else PrintItem(*item, meeting, std::cout);
    return kOk;
  }
  if (auto d = store->FindDocument(id)) {
    if (as_json) std::cout << model::ToJson(d->document).dump(2) << "\n";
    else PrintDocument(d->document, d->source, std::cout);
    return kOk;
  }
  std::cerr << "sagsspor: no meeting, item or document with id " << id << "\n";
  return kNotFound;
}

int RunSearch(const std::string& db, const search::SearchRequest& request, bool as_json) {
  auto index = OpenIndexToRead(db);
  if (!index) return kStore;
  search::SearchResults r = index->Search(request);
  if (as_json) {
    std::cout << search::ToJson(r, request).dump(2) << "\n";
    return kOk;
  }
  if (!r.suggestion.empty()) fmt::print("Mente du: {}\n\n", r.suggestion);
  fmt::print("{} resultat(er)\n", r.total);
  for (const search::Hit& h : r.hits) {
    // Matches marked «…» in the snippet.
    std::string snippet;
    std::size_t last = 0;
    for (const auto& [b, e] : h.highlights) {
      snippet += h.snippet.substr(last, b - last) + "«" + h.snippet.substr(b, e - b) + "»";
      last = e;
    }
    snippet += h.snippet.substr(last);
    fmt::print("\n{}  {}  {}{}\n  {}{}\n  {}\n", h.date.empty() ? "—" : h.date, h.body,
               h.number.empty() ? "" : "punkt " + h.number + "  ", h.id, h.type.empty() ? "" : h.type + ": ",
               h.title, snippet);
  }
  for (const auto& [name, values] : r.facets) {
    if (values.empty()) continue;
    fmt::print("\n{}:", name);
    for (const search::FacetValue& v : values) {
      fmt::print("  {} ({}{})", v.value, r.facets_estimated ? "ca. " : "", v.count);
    }
    fmt::print("\n");
  }
  return kOk;
}

int RunCase(const std::string& db, const std::string& what, const model::Date& today, bool as_json) {
  auto store = OpenStore(db);
  if (!store) return kStore;
  auto index = OpenIndexToRead(db);
  if (!index) return kStore;
  cases::Timeline t = cases::BuildTimeline(*store, *index, what, today);
  if (t.entries.empty()) {
    std::cerr << "sagsspor: no case found for " << what << "\n";
    return kNotFound;
  }
  if (as_json) {
    std::cout << cases::ToJson(t).dump(2) << "\n";
    return kOk;
  }
  fmt::print("Sagsforløb: {}\n", t.subject);
  for (const cases::TimelineEntry& e : t.entries) {
    fmt::print("\n{}  {}  punkt {}  ({})\n  {}{}\n", e.date.valid() ? e.date.iso() : "?", e.body, e.number, e.item_id,
               e.type.empty() ? "" : e.type + ": ", e.title);
    fmt::print("  Tilknytning: {} ({:.0f} %)\n", e.reason, e.confidence * 100);
    if (!e.recommendation.empty()) fmt::print("  Indstilling: {}\n", e.recommendation);
    if (!e.decision.empty()) fmt::print("  Beslutning: {}\n", e.decision);
    for (const model::Deadline& d : e.deadlines_ahead) fmt::print("  Frist: {} ({})\n", d.date.iso(), d.text);
  }
  return kOk;
}

int RunReindex(const std::string& db) {
  auto store = OpenStore(db);
  if (!store) return kStore;
  auto index = OpenIndex(db);
  if (!index) return kStore;
  std::string error;
  if (!index->Rebuild(*store, &error)) {  // merges the shards too
    std::cerr << "sagsspor: " << error << "\n";
    return kStore;
  }
  fmt::print("reindexed {} item(s) and document(s)\n", index->Size());
  return kOk;
}

int RunParse(const std::vector<std::string>& paths, std::uint64_t max_mib) {
  text::ReadOptions options;
  options.max_bytes = max_mib << 20;
  int exit_code = kOk;
  json out = json::array();
  for (const std::string& path : ingest::CollectFiles(paths)) {
    text::RawText raw;
    text::SourceError error;
    if (!text::ReadSource(path, options, &raw, &error)) {
      std::cerr << "error: " << error.message << "\n";
      ingest::FileReport r;
      r.error_kind = error.kind;
      if (exit_code == kOk) exit_code = ExitCodeFor(r);
      continue;
    }
    out.push_back(model::ToJson(packet::ParsePacket(raw)));
  }
  std::cout << out.dump(2) << "\n";
  return exit_code;
}

}  // namespace
}  // namespace sagsspor::cli

int main(int argc, char** argv) {
  using namespace sagsspor::cli;
  CLI::App app{"Sagsspor: Danish council meeting packets, parsed, stored and searchable."};
  app.require_subcommand(1);
  std::string db = "./data";
  bool as_json = false;
  std::uint64_t max_mib = 256;

  std::vector<std::string> paths;
  auto* ingest = app.add_subcommand("ingest", "Read, parse and store packets (.pdf, .txt; directories recursively)");
  ingest->add_option("--db", db, "Store directory")->capture_default_str();
  ingest->add_flag("--json", as_json, "Print a machine-readable report");
  ingest->add_option("--max-size", max_mib, "Refuse files larger than this many MiB")->capture_default_str();
  ingest->add_option("paths", paths, "Files and directories")->required();

  auto* exp = app.add_subcommand("export", "Print every current meeting and document as JSON");
  exp->add_option("--db", db, "Store directory")->capture_default_str();

  std::string id;
  auto* show = app.add_subcommand("show", "Print one meeting, item or document");
  show->add_option("--db", db, "Store directory")->capture_default_str();
  show->add_flag("--json", as_json, "Print JSON");
  show->add_option("id", id, "Meeting, item or document id")->required();

  sagsspor::search::SearchRequest request;
  std::vector<std::string> case_words;
  std::vector<std::string> query_words;
  std::string from, to;
  auto* srch = app.add_subcommand("search", "Search items and documents (Danish full text)");
  srch->add_option("--db", db, "Store directory")->capture_default_str();
  srch->add_flag("--json", as_json, "Print JSON");
  srch->add_option("--limit", request.limit, "Results per page")->capture_default_str()->check(CLI::Range(0, 1000));
  srch->add_option("--offset", request.offset, "Skip this many results")->capture_default_str()->check(CLI::NonNegativeNumber);
  srch->add_option("--body", request.body, "Only this body (\"KKR Sjælland\")");
  srch->add_option("--type", request.type, "Only this item type (\"Beslutningssag\")");
  srch->add_option("--from", from, "Meetings on or after YYYY-MM-DD");
  srch->add_option("--to", to, "Meetings on or before YYYY-MM-DD");
  srch->add_option("query", query_words, "Words, \"phrases\", -not, OR, prefix*, body: type: case: year:")->required();

  std::string case_what, today_text;
  auto* kase = app.add_subcommand("case", "Print a case's timeline across meetings and bodies");
  kase->add_option("--db", db, "Store directory")->capture_default_str();
  kase->add_flag("--json", as_json, "Print JSON");
  kase->add_option("--today", today_text, "Deadlines ahead of this date YYYY-MM-DD (default: today)");
  kase->add_option("what", case_words, "A case number, an item id or a search query")->required();

  sagsspor::http::ServerOptions server;
  auto* serve = app.add_subcommand("serve", "Serve the web pages and the JSON API");
  serve->add_option("--db", server.db, "Store directory")->capture_default_str();
  serve->add_option("--listen", server.listen, "HOST:PORT (loopback by default)")->capture_default_str();
  serve->add_option("--token-file", server.token_file, "File with the bearer token for POST /api/packets");
  serve->add_option("--threads", server.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 256));
  serve->add_option("--rate-limit", server.rate_limit,
                    "Searches and uploads per second per client IP (0: no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);

  auto* reindex = app.add_subcommand("reindex", "Rebuild the search index from the store");
  reindex->add_option("--db", db, "Store directory")->capture_default_str();

  auto* parse = app.add_subcommand("parse", "Parse packets and print the model as JSON, storing nothing");
  parse->add_option("--max-size", max_mib, "Refuse files larger than this many MiB")->capture_default_str();
  parse->add_option("paths", paths, "Files and directories")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kUsage;
  }
  try {
    if (*ingest) return RunIngest(db, paths, as_json, max_mib);
    if (*exp) return RunExport(db);
    if (*show) return RunShow(db, id, as_json);
    if (*parse) return RunParse(paths, max_mib);
    if (*srch) {
      for (const std::string& w : query_words) request.query += (request.query.empty() ? "" : " ") + w;
      for (auto [text, date] : {std::pair{&from, &request.from}, std::pair{&to, &request.to}}) {
        if (text->empty()) continue;
        *date = sagsspor::model::DateFromIso(*text);
        if (!date->valid() || date->year == 0) {
          std::cerr << "sagsspor: not a date (YYYY-MM-DD): " << *text << "\n";
          return kUsage;
        }
      }
      return RunSearch(db, request, as_json);
    }
    if (*reindex) return RunReindex(db);
    if (*serve) {
      std::string error;
      int code = sagsspor::http::Serve(server, &error);
      if (code != 0) std::cerr << "sagsspor: " << error << "\n";
      return code;
    }
    if (*kase) {
      for (const std::string& w : case_words) case_what += (case_what.empty() ? "" : " ") + w;
      sagsspor::model::Date today = sagsspor::model::Date::Today();
      if (!today_text.empty()) {
        today = sagsspor::model::DateFromIso(today_text);
        if (!today.valid() || today.year == 0) {
          std::cerr << "sagsspor: not a date (YYYY-MM-DD): " << today_text << "\n";
          return kUsage;
        }
      }
      return RunCase(db, case_what, today, as_json);
    }
  } catch (const std::exception& e) {
    std::cerr << "sagsspor: " << e.what() << "\n";
    return kFailure;
  }
  return kUsage;
}
