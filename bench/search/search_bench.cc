// search_bench: the Sagsspor search index against three baselines built
// over the same texts in the same run:
//
//   sagsspor      search::SearchIndex (Xapian shards per body and year,
//                 Danish analyzer, compounds, synonyms, facets, snippets)
//   fts5          SQLite FTS5, untuned defaults (unicode61 tokenizer with
//                 remove_diacritics 0, bm25 ranking, words ANDed)
//   postgres      PostgreSQL tsvector with the 'danish' configuration and a
//                 GIN index, ranked by ts_rank
//   xapian        bare Xapian: one database, TermGenerator with the Danish
//                 stemmer, QueryParser defaults (default op AND, wildcards on)
//
// It measures (1) build time and items/s, (2) per-query latency (top 10)
// over a fixed, seeded query mix, and (3) nDCG@10 over a judged set of
// queries (bench/search/judgments.tsv) on the real corpus plus synthetic
// packets with fixed seeds. Results go to one JSON file that
// bench/search/report.py turns into a section of docs/performance.md.
//
//   search_bench --out FILE [--items 10000,100000] [--queries 200]
//                [--rounds 3] [--seed 42] [--work DIR] [--pg CONNINFO]
//                [--judgments FILE] [--corpus DIR] [--disk-dir DIR]
//                [--dump-relevance FILE]   (the judged collection as JSON
//                                           lines, for judging; no timing)
//                [--engines sagsspor,xapian,fts5,postgres]  (default: all)
//                [--reuse]   (Sagsspor and bare Xapian: keep an index that
//                             a run with the same --work left complete;
//                             for profiling queries, not for reports)
//
// Nothing here checks a threshold: it measures and reports. Run by
// bench/search/run.sh, which also starts and stops a throwaway PostgreSQL.

#include <libpq-fe.h>
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixtures/rng.h"
#include "fixtures/synthetic_packet.h"
#include "model/model.h"
#include "packet/parser.h"
#include "search/search_index.h"
#include "text/source_reader.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using sagsspor::fixtures::PacketLayout;
namespace model = sagsspor::model;
namespace search = sagsspor::search;

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "search_bench: " << message << "\n";
  std::exit(1);
}

void Log(const std::string& message) { std::cerr << "[search_bench] " << message << std::endl; }

// The fixtures' SplitMix64 generator: the same query mix on every standard
// library.
using sagsspor::fixtures::Rng;

// ------------------------------------------------------------ collection

// One searchable unit (agenda item or document) as the baselines see it.
struct Entry {
  std::string id;
  std::string body;   // meeting body, "" for loose documents
  int year = 0;
  std::string title;
  std::string text;   // section headings and texts, or the document text
};

// Packets to index with Sagsspor, and the flat entries for the baselines.
struct Collection {
  std::vector<model::Packet> packets;
  std::vector<std::size_t> entries_upto;  // entries after packets[0..i]
  std::vector<Entry> entries;
};

void AppendEntries(const model::Packet& packet, std::vector<Entry>* out) {
  for (const model::Meeting& m : packet.meetings) {
    for (const model::AgendaItem& item : m.items) {
      Entry e{item.id, m.body, m.date.year, item.title, ""};
      for (const model::Section& s : item.sections) {
        if (!e.text.empty()) e.text += "\n";
        e.text += s.heading + "\n" + s.text;
      }
      out->push_back(std::move(e));
    }
    for (const model::Document& d : m.documents) out->push_back(Entry{d.id, m.body, m.date.year, d.title, d.text});
  }
  for (const model::Document& d : packet.documents) {
    int year = d.facts.dates.empty() ? 0 : d.facts.dates.front().date.year;
    out->push_back(Entry{d.id, "", year, d.title, d.text});
  }
}

std::string Hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// A synthetic packet as a model::Packet with ids of our own: the generator
// draws body and date at random, so "<body>-<date>" meeting ids repeat
// across seeds and would overwrite each other in any index.
model::Packet SyntheticPacket(PacketLayout layout, std::uint32_t seed, const std::string& id_prefix) {
  sagsspor::fixtures::SyntheticPacket sp = sagsspor::fixtures::MakePacket(layout, seed);
  model::Packet p;
  p.layout = sagsspor::fixtures::LayoutName(layout);
  p.source.file = id_prefix + ".txt";
  p.source.sha256 = Hex(seed * 3ull + static_cast<std::uint64_t>(layout)) + Hex(0x5a6753ull) + Hex(seed) +
                    Hex(static_cast<std::uint64_t>(layout));
  p.source.bytes = sp.text.size();
  p.source.encoding = "UTF-8";
  model::Meeting m = std::move(sp.expected);
  m.id = id_prefix;
  for (model::AgendaItem& item : m.items) item.id = m.id + "-" + item.number;
  for (std::size_t i = 0; i < m.documents.size(); ++i) {
    m.documents[i].id = m.id + "-bilag-" + std::to_string(i + 1);
    m.documents[i].meeting_id = m.id;
  }
  p.meetings.push_back(std::move(m));
  return p;
}

// At least `items` entries: packets of all three layouts in turn, seeds
// 1, 2, 3 …; the last packet is cut so the count is exact.
Collection MakeBenchCollection(std::size_t items) {
  Collection c;
  for (std::uint32_t seed = 1; c.entries.size() < items; ++seed) {
    PacketLayout layout = sagsspor::fixtures::kAllLayouts[seed % 3];
    model::Packet p = SyntheticPacket(layout, seed, "b" + std::to_string(seed));
    std::vector<Entry> entries;
    AppendEntries(p, &entries);
    std::size_t room = items - c.entries.size();
    if (entries.size() > room) {
      model::Meeting& m = p.meetings[0];
      std::size_t docs = std::min(m.documents.size(), room);
      m.documents.resize(docs);
      m.items.resize(room - docs);
      entries.clear();
      AppendEntries(p, &entries);
    }
    for (Entry& e : entries) c.entries.push_back(std::move(e));
    c.packets.push_back(std::move(p));
    c.entries_upto.push_back(c.entries.size());
  }
  return c;
}

// The judged collection: the real agenda and attachments, parsed as ingest
// parses them, plus synthetic packets with fixed seeds.
struct RelevanceSeed {
  PacketLayout layout;
  std::uint32_t seed;
};
const RelevanceSeed kRelevanceSeeds[] = {
    {PacketLayout::kNumbered, 27}, {PacketLayout::kNumbered, 9},  {PacketLayout::kCapitals, 2},
    {PacketLayout::kCapitals, 33}, {PacketLayout::kMinutes, 2},   {PacketLayout::kMinutes, 38},
};

Collection MakeRelevanceCollection(const std::string& corpus_dir, std::vector<std::string>* notes) {
  Collection c;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(corpus_dir, ec)) {
    if (f.path().extension() == ".txt" && f.path().filename() != "README.md") files.push_back(f.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) notes->push_back("no corpus texts in " + corpus_dir + ": judged on fixtures only");
  for (const std::string& file : files) {
    sagsspor::text::RawText raw;
    sagsspor::text::SourceError error;
    if (!sagsspor::text::ReadSource(file, {}, &raw, &error)) {
      notes->push_back("cannot read " + file);
      continue;
    }
    model::Packet p = sagsspor::packet::ParsePacket(raw);
    AppendEntries(p, &c.entries);
    c.packets.push_back(std::move(p));
    c.entries_upto.push_back(c.entries.size());
  }
  for (const RelevanceSeed& s : kRelevanceSeeds) {
    std::string prefix = "fx-" + sagsspor::fixtures::LayoutName(s.layout) + "-" + std::to_string(s.seed);
    model::Packet p = SyntheticPacket(s.layout, s.seed, prefix);
    AppendEntries(p, &c.entries);
    c.packets.push_back(std::move(p));
    c.entries_upto.push_back(c.entries.size());
  }
  return c;
}

// ---------------------------------------------------------------- queries

// A query in Sagsspor's syntax, split into what every engine understands:
// words (ANDed), quoted phrases, prefixes (word*), and a year filter.
struct Clause {
  enum Kind { kWord, kPhrase, kPrefix } kind;
  std::vector<std::string> words;  // split at anything but letters and digits
};

struct Query {
  std::string cls;   // class in the mix ("single", "and", …) or "judged"
  std::string text;  // Sagsspor syntax, passed as is to Sagsspor and bare Xapian
  std::vector<Clause> clauses;
  int year = 0;      // year: filter, 0 for none
};

bool IsWordByte(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char c : s) {
    if (IsWordByte(c)) {
      cur += static_cast<char>(c);
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

Query ParseBenchQuery(const std::string& cls, const std::string& text) {
  Query q{cls, text, {}, 0};
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    if (text[i] == '"') {
      std::size_t close = text.find('"', i + 1);
      if (close == std::string::npos) close = text.size();
      q.clauses.push_back({Clause::kPhrase, Words(text.substr(i + 1, close - i - 1))});
      i = close + 1;
      continue;
    }
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string tok = text.substr(i, end - i);
    i = end;
    if (tok.rfind("year:", 0) == 0) {
      q.year = std::atoi(tok.c_str() + 5);
    } else if (tok.size() > 1 && tok.back() == '*') {
      q.clauses.push_back({Clause::kPrefix, Words(tok.substr(0, tok.size() - 1))});
    } else {
      std::vector<std::string> w = Words(tok);
      if (w.size() > 1) {
        q.clauses.push_back({Clause::kPhrase, w});  // "CO2-udledning": its parts side by side
      } else if (!w.empty()) {
        q.clauses.push_back({Clause::kWord, w});
      }
    }
  }
  return q;
}

// The fixed query mix: ~200 queries in seven classes, drawn with `seed`.
// Rare queries are case-number serials and full names drawn from the
// collection itself, so they exist at every size.
std::vector<Query> MakeQueryMix(std::size_t total, std::uint64_t seed, const Collection& c, std::size_t n_items) {
  Rng rng(seed);
  const std::vector<std::string> singles = {
      "rammeaftale", "rammeaftalen", "kapacitetsplanen", "fysioterapi", "praksisplan", "sundhedsaftalen",
      "takster", "anbringelser", "klimaplan", "lokalplan", "dimensioneringen", "budgetopfølgning",
      "socialtilsynets", "årsrapporten", "mobilitet", "psykiatrien", "misbrug", "grønlændere",
      "erhvervsfremmemidler", "velfærdsuddannelserne", "udviklingsstrategi", "mødeplanen", "sikrede",
      "finansiering", "høringssvar", "ydernumre", "lægedækningen", "studiepladser", "plejefamilier",
      "klynger", "kompetenceudvikling", "pressemeddelelse", "ventetider", "praktikpladser", "Parisaftalen"};
  const std::vector<std::string> content = {
      "rammeaftale", "takster", "kapacitet", "fysioterapi", "praksisplan", "høringssvar", "klimaplan",
      "kommunerne", "regionen", "borgere", "sundhedsaftale", "anbringelser", "udgifter", "budget",
      "indsatsen", "samarbejdet", "evaluering", "styregruppe", "notat", "koordinering", "uddannelse",
      "mobilitet", "psykiatrien", "tilbud", "lægedækningen", "organisering", "godkender", "efterretning"};
  const std::vector<std::string> phrases = {
      "\"objektiv finansiering\"", "\"almen praksis\"", "\"sikrede institutioner\"",
      "\"specialiserede socialområde\"", "\"psykiske vanskeligheder\"", "\"eksisterende økonomiske ramme\"",
      "\"Danmarks Statistik\"", "\"børne- og ungeområdet\"", "\"tværkommunal koordinering\"",
      "\"nært sundhedsvæsen\"", "\"fælles indsats\"", "\"regional udviklingsstrategi\"",
      "\"administrativ styregruppe\"", "\"komplekse behov\"", "\"kapacitet og efterspørgsel\""};
  const std::vector<std::string> prefixes = {"kapacit*", "sundhed*", "klima*", "anbring*", "takst*",
                                             "praksis*", "udvikl*", "erhverv*", "fysio*", "budget*"};
  const std::vector<std::string> commons = {"kommunerne", "sagen", "godkender", "regionen",
                                            "samarbejdet", "indsatsen", "arbejdet", "borgerne"};
  // Rare: the serial of a case number, or an appointed person's full name.
  std::vector<std::string> rare;
  std::size_t packets = 0;
  while (packets < c.packets.size() && c.entries_upto[packets] < n_items) ++packets;
  packets = std::max<std::size_t>(1, std::min(packets + 1, c.packets.size()));
  for (int tries = 0; rare.size() < 40 && tries < 4000; ++tries) {
    const model::Packet& p = c.packets[rng.Below(packets)];
    const model::Meeting& m = p.meetings[0];
    if (m.items.empty()) continue;
    const model::AgendaItem& item = m.items[rng.Below(m.items.size())];
    if (!item.facts.appointments.empty() && rng.Below(2) == 0) {
      rare.push_back(item.facts.appointments[0].person);
    } else if (!item.facts.case_numbers.empty()) {
      std::vector<std::string> w = Words(item.facts.case_numbers.back().number);
      if (!w.empty() && w.back().size() >= 5) rare.push_back(w.back());
    }
  }
  if (rare.empty()) rare.push_back("Kofoedsminde");

  const std::vector<std::pair<std::string, double>> shares = {
      {"single", 0.20}, {"and", 0.20}, {"phrase", 0.15}, {"prefix", 0.125},
      {"year", 0.125}, {"rare", 0.10}, {"common", 0.10}};
  std::vector<Query> out;
  for (const auto& [cls, share] : shares) {
    std::size_t n = static_cast<std::size_t>(std::lround(share * static_cast<double>(total)));
    for (std::size_t k = 0; k < n; ++k) {
      std::string text;
      if (cls == "single") {
        text = rng.Pick(singles);
      } else if (cls == "and") {
        std::string a = rng.Pick(content), b = rng.Pick(content);
        while (b == a) b = rng.Pick(content);
        text = a + " " + b;
      } else if (cls == "phrase") {
        text = rng.Pick(phrases);
      } else if (cls == "prefix") {
        text = rng.Pick(prefixes);
      } else if (cls == "year") {
        text = rng.Pick(singles) + " year:" + std::to_string(2019 + rng.Below(7));
      } else if (cls == "rare") {
        text = rng.Pick(rare);
      } else {
        text = rng.Pick(commons);
      }
      out.push_back(ParseBenchQuery(cls, text));
    }
  }
  // Interleave the classes so that a slow stretch of the run hits all alike.
  std::vector<Query> shuffled = out;
  for (std::size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng.Below(i)]);
  return shuffled;
}

// ---------------------------------------------------------------- engines

struct Result {
  std::vector<std::string> ids;  // top 10, best first
  bool error = false;
  std::string message;
};

// How often the Sagsspor build on disk (--disk-dir) is timed.
constexpr int kDiskBuilds = 3;

// --reuse: an index directory holding this marker is complete and is
// opened instead of built again.
bool g_reuse = false;
const char kCompleteMarker[] = "bench-complete";

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string Name() const = 0;
  // Builds the index over entries [0, n) (packets [0, packets)); returns seconds.
  virtual double Build(const Collection& c, std::size_t packets, std::size_t n) = 0;
  virtual Result Search(const Query& q) = 0;
  virtual std::uintmax_t DiskBytes() const { return 0; }
};

std::uintmax_t DirBytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// --- Sagsspor: the library under test, through its public API only.
class SagssporEngine : public Engine {
 public:
  explicit SagssporEngine(fs::path dir) : dir_(std::move(dir)) {}
  std::string Name() const override { return "sagsspor"; }
  double Build(const Collection& c, std::size_t packets, std::size_t n) override {
    std::string error;
    if (g_reuse && fs::exists(dir_ / kCompleteMarker)) {
      index_ = search::SearchIndex::Open(dir_.string(), &error);
      if (!index_) Die("sagsspor: " + error);
      size_ = index_->Size();
      return 0;
    }
    fs::remove_all(dir_);
    auto t0 = Clock::now();
    index_ = search::SearchIndex::Open(dir_.string(), &error);
    if (!index_) Die("sagsspor: " + error);
    // One Add per packet, as ingest does, and the merge of the shards
    // that `sagsspor ingest` runs after a batch (counted in the build time).
    for (std::size_t i = 0; i < packets; ++i) {
      if (!index_->Add(c.packets[i], "", &error)) Die("sagsspor Add: " + error);
    }
    if (!index_->Compact(false, &error)) Die("sagsspor Compact: " + error);
    auto t1 = Clock::now();
    size_ = index_->Size();
    std::ofstream(dir_ / kCompleteMarker) << n << "\n";
    return Seconds(t0, t1);
  }
  Result Search(const Query& q) override {
    Result r;
    search::SearchRequest req;
    req.query = q.text;
    req.limit = 10;
    try {
      search::SearchResults res = index_->Search(req);
      for (const search::Hit& h : res.hits) r.ids.push_back(h.id);
    } catch (const std::exception& e) {
      r.error = true;
      r.message = e.what();
    }
    return r;
  }
  std::uintmax_t DiskBytes() const override { return DirBytes(dir_); }
  std::size_t Size() const { return size_; }
  fs::path Dir() const { return dir_; }

 private:
  fs::path dir_;
  std::unique_ptr<search::SearchIndex> index_;
  std::size_t size_ = 0;
};

// --- SQLite FTS5 with defaults.
std::string Fts5Match(const Query& q) {
  std::string out;
  for (const Clause& c : q.clauses) {
    if (c.words.empty()) continue;
    if (!out.empty()) out += " ";
    if (c.kind == Clause::kPrefix) {
      out += "\"" + c.words[0] + "\" *";
    } else {
      std::string phrase;
      for (const std::string& w : c.words) phrase += (phrase.empty() ? "" : " ") + w;
      out += "\"" + phrase + "\"";
    }
  }
  return out;
}

class Fts5Engine : public Engine {
 public:
  explicit Fts5Engine(fs::path file) : file_(std::move(file)) {}
  ~Fts5Engine() override { Close(); }
  std::string Name() const override { return "fts5"; }
  double Build(const Collection& c, std::size_t, std::size_t n) override {
    Close();
    fs::remove(file_);
    auto t0 = Clock::now();
    if (sqlite3_open(file_.c_str(), &db_) != SQLITE_OK) Die("sqlite open");
    Exec("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, year UNINDEXED, title, text, "
         "tokenize = 'unicode61 remove_diacritics 0')");
    Exec("BEGIN");
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db_, "INSERT INTO fts(id, year, title, text) VALUES (?1, ?2, ?3, ?4)", -1, &ins, nullptr);
    for (std::size_t i = 0; i < n; ++i) {
      const Entry& e = c.entries[i];
      sqlite3_bind_text(ins, 1, e.id.data(), static_cast<int>(e.id.size()), SQLITE_STATIC);
      sqlite3_bind_int(ins, 2, e.year);
      sqlite3_bind_text(ins, 3, e.title.data(), static_cast<int>(e.title.size()), SQLITE_STATIC);
      sqlite3_bind_text(ins, 4, e.text.data(), static_cast<int>(e.text.size()), SQLITE_STATIC);
      if (sqlite3_step(ins) != SQLITE_DONE) Die(std::string("fts5 insert: ") + sqlite3_errmsg(db_));
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    Exec("COMMIT");
    auto t1 = Clock::now();
    sqlite3_prepare_v2(db_, "SELECT id FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT 10", -1, &plain_, nullptr);
    sqlite3_prepare_v2(db_, "SELECT id FROM fts WHERE fts MATCH ?1 AND year = ?2 ORDER BY rank LIMIT 10", -1,
                       &by_year_, nullptr);
    return Seconds(t0, t1);
  }
  Result Search(const Query& q) override {
    Result r;
    std::string match = Fts5Match(q);
    if (match.empty()) return r;
    sqlite3_stmt* st = q.year ? by_year_ : plain_;
    sqlite3_bind_text(st, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    if (q.year) sqlite3_bind_int(st, 2, q.year);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      r.ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
    if (rc != SQLITE_DONE) {
      r.error = true;
      r.message = sqlite3_errmsg(db_);
    }
    sqlite3_reset(st);
    return r;
  }
  std::uintmax_t DiskBytes() const override {
    std::error_code ec;
    auto s = fs::file_size(file_, ec);
    return ec ? 0 : s;
  }

 private:
  void Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) Die(std::string("sqlite: ") + (err ? err : ""));
  }
  void Close() {
    if (plain_) sqlite3_finalize(plain_);
    if (by_year_) sqlite3_finalize(by_year_);
    if (db_) sqlite3_close(db_);
    plain_ = by_year_ = nullptr;
    db_ = nullptr;
  }
  fs::path file_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* plain_ = nullptr;
  sqlite3_stmt* by_year_ = nullptr;
};

// --- PostgreSQL full-text search with the 'danish' configuration.
std::string PgTsquery(const Query& q) {
  std::string out;
  for (const Clause& c : q.clauses) {
    if (c.words.empty()) continue;
    if (!out.empty()) out += " & ";
    if (c.kind == Clause::kPrefix) {
      out += c.words[0] + ":*";
    } else {
      std::string part;
      for (const std::string& w : c.words) part += (part.empty() ? "" : " <-> ") + w;
      out += c.words.size() > 1 ? "(" + part + ")" : part;
    }
  }
  return out;
}

void IgnoreNotice(void*, const char*) {}

std::string CopyEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char ch : s) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += ch;
    }
  }
  return out;
}

class PostgresEngine : public Engine {
 public:
  PostgresEngine(std::string conninfo, std::string table) : conninfo_(std::move(conninfo)), table_(std::move(table)) {
    conn_ = PQconnectdb(conninfo_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) Die(std::string("postgres: ") + PQerrorMessage(conn_));
    PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
    Exec("SET client_min_messages = warning");
  }
  ~PostgresEngine() override { PQfinish(conn_); }
  std::string Name() const override { return "postgres"; }
  double Build(const Collection& c, std::size_t, std::size_t n) override {
    Exec("DROP TABLE IF EXISTS " + table_);
    auto t0 = Clock::now();
    Exec("CREATE TABLE " + table_ +
         " (id text PRIMARY KEY, year int, body text, title text, text text, "
         "tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', title || ' ' || text)) STORED)");
    PGresult* res = PQexec(conn_, ("COPY " + table_ + " (id, year, body, title, text) FROM STDIN").c_str());
    if (PQresultStatus(res) != PGRES_COPY_IN) Die(std::string("postgres COPY: ") + PQerrorMessage(conn_));
    PQclear(res);
    std::string buf;
    for (std::size_t i = 0; i < n; ++i) {
      const Entry& e = c.entries[i];
      buf += CopyEscape(e.id) + "\t" + std::to_string(e.year) + "\t" + CopyEscape(e.body) + "\t" +
             CopyEscape(e.title) + "\t" + CopyEscape(e.text) + "\n";
      if (buf.size() > (1 << 20) || i + 1 == n) {
        if (PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) != 1) Die("postgres copy data");
        buf.clear();
      }
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) Die("postgres copy end");
    res = PQgetResult(conn_);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) Die(std::string("postgres COPY: ") + PQerrorMessage(conn_));
    PQclear(res);
    while ((res = PQgetResult(conn_))) PQclear(res);
    Exec("CREATE INDEX ON " + table_ + " USING gin (tsv)");
    Exec("ANALYZE " + table_);
    auto t1 = Clock::now();
    PQclear(PQprepare(conn_, (table_ + "_q").c_str(),
                      ("SELECT id FROM " + table_ + ", to_tsquery('danish', $1) q WHERE tsv @@ q "
                       "ORDER BY ts_rank(tsv, q) DESC LIMIT 10").c_str(), 1, nullptr));
    PQclear(PQprepare(conn_, (table_ + "_qy").c_str(),
                      ("SELECT id FROM " + table_ + ", to_tsquery('danish', $1) q WHERE tsv @@ q AND year = $2 "
                       "ORDER BY ts_rank(tsv, q) DESC LIMIT 10").c_str(), 2, nullptr));
    return Seconds(t0, t1);
  }
  Result Search(const Query& q) override {
    Result r;
    std::string tsq = PgTsquery(q);
    if (tsq.empty()) return r;
    std::string year = std::to_string(q.year);
    const char* params[2] = {tsq.c_str(), year.c_str()};
    PGresult* res = PQexecPrepared(conn_, (table_ + (q.year ? "_qy" : "_q")).c_str(), q.year ? 2 : 1, params,
                                   nullptr, nullptr, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
      r.error = true;
      r.message = PQerrorMessage(conn_);
    } else {
      for (int i = 0; i < PQntuples(res); ++i) r.ids.emplace_back(PQgetvalue(res, i, 0));
    }
    PQclear(res);
    return r;
  }
  std::uintmax_t DiskBytes() const override {
    PGresult* res = PQexec(conn_, ("SELECT pg_total_relation_size('" + table_ + "')").c_str());
    std::uintmax_t v = PQresultStatus(res) == PGRES_TUPLES_OK ? std::strtoull(PQgetvalue(res, 0, 0), nullptr, 10) : 0;
    PQclear(res);
    return v;
  }
  std::string Version() {
    PGresult* res = PQexec(conn_, "SHOW server_version");
    std::string v = PQresultStatus(res) == PGRES_TUPLES_OK ? PQgetvalue(res, 0, 0) : "";
    PQclear(res);
    return v;
  }

 private:
  void Exec(const std::string& sql) {
    PGresult* res = PQexec(conn_, sql.c_str());
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Die("postgres: " + sql + ": " + PQerrorMessage(conn_));
    PQclear(res);
  }
  std::string conninfo_, table_;
  PGconn* conn_ = nullptr;
};

// --- Bare Xapian: what one gets from the library's defaults.
class BareXapianEngine : public Engine {
 public:
  explicit BareXapianEngine(fs::path dir) : dir_(std::move(dir)), stemmer_("danish") {}
  std::string Name() const override { return "xapian"; }
  double Build(const Collection& c, std::size_t, std::size_t n) override {
    bool reused = g_reuse && fs::exists(dir_ / kCompleteMarker);
    if (!reused) fs::remove_all(dir_);
    auto t0 = Clock::now();
    if (!reused) {
      Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
      Xapian::TermGenerator tg;
      tg.set_stemmer(stemmer_);
      for (std::size_t i = 0; i < n; ++i) {
        const Entry& e = c.entries[i];
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(e.title);
        tg.increase_termpos();
        tg.index_text(e.text);
        doc.add_boolean_term("XY" + std::to_string(e.year));
        doc.set_data(e.id);
        db.add_document(doc);
      }
      db.commit();
      std::ofstream(dir_ / kCompleteMarker) << n << "\n";
    }
    auto t1 = Clock::now();
    db_ = Xapian::Database(dir_.string());
    qp_ = Xapian::QueryParser();
    qp_.set_stemmer(stemmer_);
    qp_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp_.set_database(db_);
    qp_.set_default_op(Xapian::Query::OP_AND);
    qp_.add_boolean_prefix("year", "XY");
    return Seconds(t0, t1);
  }
  Result Search(const Query& q) override {
    Result r;
    try {
      Xapian::Query xq = qp_.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
      Xapian::Enquire enquire(db_);
      enquire.set_query(xq);
      Xapian::MSet mset = enquire.get_mset(0, 10);
      for (auto it = mset.begin(); it != mset.end(); ++it) r.ids.push_back(it.get_document().get_data());
    } catch (const Xapian::Error& e) {
      r.error = true;
      r.message = e.get_description();
    }
    return r;
  }
  std::uintmax_t DiskBytes() const override { return DirBytes(dir_); }

 private:
  fs::path dir_;
  Xapian::Stem stemmer_;
  Xapian::Database db_;
  Xapian::QueryParser qp_;
};

// ------------------------------------------------------------ statistics

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// ---------------------------------------------------------------- judging

struct Judged {
  std::string query;
  std::map<std::string, int> grades;  // id -> 1..3; empty: nothing is relevant
};

std::vector<Judged> ReadJudgments(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("cannot read " + path);
  std::vector<Judged> out;
  std::map<std::string, std::size_t> index;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() != 3) Die("judgments: bad line: " + line);
    auto [it, added] = index.emplace(f[0], out.size());
    if (added) out.push_back(Judged{f[0], {}});
    int grade = std::atoi(f[2].c_str());
    if (f[1] != "-" && grade > 0) out[it->second].grades[f[1]] = grade;
  }
  return out;
}

double Ndcg10(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades) {
  auto gain = [](int g) { return std::pow(2.0, g) - 1.0; };
  double dcg = 0;
  for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
    auto it = grades.find(ranked[i]);
    if (it != grades.end()) dcg += gain(it->second) / std::log2(static_cast<double>(i) + 2.0);
  }
  std::vector<int> ideal;
  for (const auto& [id, g] : grades) ideal.push_back(g);
  std::sort(ideal.rbegin(), ideal.rend());
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) idcg += gain(ideal[i]) / std::log2(static_cast<double>(i) + 2.0);
  return idcg > 0 ? dcg / idcg : 0;
}

// ------------------------------------------------------------------ main

struct Options {
  std::vector<std::size_t> sizes = {10000, 100000};
  std::size_t queries = 200;
  int rounds = 3;
  std::uint64_t seed = 42;
  std::string work;
  std::string pg;
  std::string judgments;
  std::string corpus;
  std::string out;
  std::string dump_relevance;
  std::string disk_dir;  // also build a Sagsspor index here at the first size
  std::set<std::string> engines;  // empty: all
};

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--items") {
      o.sizes.clear();
      std::stringstream ss(value());
      std::string part;
      while (std::getline(ss, part, ',')) o.sizes.push_back(std::stoul(part));
    } else if (a == "--queries") {
      o.queries = std::stoul(value());
    } else if (a == "--rounds") {
      o.rounds = std::stoi(value());
    } else if (a == "--seed") {
      o.seed = std::stoull(value());
    } else if (a == "--work") {
      o.work = value();
    } else if (a == "--pg") {
      o.pg = value();
    } else if (a == "--judgments") {
      o.judgments = value();
    } else if (a == "--corpus") {
      o.corpus = value();
    } else if (a == "--out") {
      o.out = value();
    } else if (a == "--disk-dir") {
      o.disk_dir = value();
    } else if (a == "--engines") {
      std::stringstream ss(value());
      std::string part;
      while (std::getline(ss, part, ',')) o.engines.insert(part);
    } else if (a == "--reuse") {
      g_reuse = true;
    } else if (a == "--dump-relevance") {
      o.dump_relevance = value();
    } else {
      Die("unknown argument " + a + " (see the comment at the top of search_bench.cc)");
    }
  }
  std::sort(o.sizes.begin(), o.sizes.end());
  return o;
}

std::vector<std::unique_ptr<Engine>> MakeEngines(const fs::path& dir, const Options& o, const std::string& tag) {
  std::vector<std::unique_ptr<Engine>> engines;
  auto wanted = [&](const std::string& name) { return o.engines.empty() || o.engines.count(name) > 0; };
  if (wanted("sagsspor")) engines.push_back(std::make_unique<SagssporEngine>(dir / ("sagsspor-" + tag)));
  if (wanted("fts5")) engines.push_back(std::make_unique<Fts5Engine>(dir / ("fts5-" + tag + ".db")));
  if (!o.pg.empty() && wanted("postgres")) engines.push_back(std::make_unique<PostgresEngine>(o.pg, "items_" + tag));
  if (wanted("xapian")) engines.push_back(std::make_unique<BareXapianEngine>(dir / ("xapian-" + tag)));
  return engines;
}

json RunRelevance(const Options& o, const fs::path& work, std::vector<std::string>* problems) {
  std::vector<std::string> notes;
  Collection c = MakeRelevanceCollection(o.corpus, &notes);
  for (const std::string& n : notes) problems->push_back(n);
  std::set<std::string> known;
  for (const Entry& e : c.entries) known.insert(e.id);
  std::vector<Judged> judged = ReadJudgments(o.judgments);
  for (const Judged& j : judged) {
    for (const auto& [id, g] : j.grades) {
      if (!known.count(id)) problems->push_back("judgments: id " + id + " (query \"" + j.query + "\") is not in the collection");
    }
  }
  auto engines = MakeEngines(work, o, "rel");
  json out;
  out["collection"] = {{"entries", c.entries.size()}, {"packets", c.packets.size()}};
  json per_query = json::array();
  std::map<std::string, double> sum;
  std::map<std::string, int> counted;
  for (auto& e : engines) e->Build(c, c.packets.size(), c.entries.size());
  for (const Judged& j : judged) {
    Query q = ParseBenchQuery("judged", j.query);
    json row = {{"query", j.query}, {"relevant", j.grades.size()}};
    for (auto& e : engines) {
      Result r = e->Search(q);
      if (r.error) problems->push_back(e->Name() + " failed on judged query \"" + j.query + "\": " + r.message);
      json cell = {{"hits", r.ids.size()}, {"top", r.ids}};
      if (j.grades.empty()) {
        cell["false_positives"] = r.ids.size();
      } else {
        double v = Ndcg10(r.ids, j.grades);
        cell["ndcg"] = v;
        sum[e->Name()] += v;
        counted[e->Name()]++;
      }
      row[e->Name()] = cell;
    }
    per_query.push_back(row);
  }
  out["queries"] = per_query;
  json mean;
  for (const auto& [name, s] : sum) mean[name] = s / counted[name];
  out["mean_ndcg"] = mean;
  out["judged_queries"] = counted.empty() ? 0 : counted.begin()->second;
  out["seeds"] = json::array();
  for (const RelevanceSeed& s : kRelevanceSeeds) {
    out["seeds"].push_back(sagsspor::fixtures::LayoutName(s.layout) + " " + std::to_string(s.seed));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = ParseArgs(argc, argv);
  if (!o.dump_relevance.empty()) {
    std::vector<std::string> notes;
    Collection c = MakeRelevanceCollection(o.corpus.empty() ? "../shared/corpus" : o.corpus, &notes);
    std::ofstream f(o.dump_relevance);
    for (const Entry& e : c.entries) {
      f << json{{"id", e.id}, {"body", e.body}, {"year", e.year}, {"title", e.title}, {"text", e.text}}.dump() << "\n";
    }
    for (const std::string& n : notes) std::cerr << n << "\n";
    return 0;
  }
  if (o.out.empty()) Die("--out FILE is required");
  fs::path work = o.work.empty() ? fs::temp_directory_path() / "sagsspor-search-bench" : fs::path(o.work);
  fs::create_directories(work);
  std::vector<std::string> problems;
  json out;
  out["pg"] = !o.pg.empty();
  if (!o.pg.empty()) out["pg_version"] = PostgresEngine(o.pg, "version_probe").Version();
  out["xapian_version"] = Xapian::version_string();
  out["sqlite_version"] = sqlite3_libversion();
  out["rounds"] = o.rounds;
  out["seed"] = o.seed;

  // Relevance first: small, and independent of the timing runs.
  if (!o.judgments.empty()) {
    Log("relevance: judged queries");
    out["relevance"] = RunRelevance(o, work, &problems);
  }

  json runs = json::array();
  for (std::size_t n : o.sizes) {
    Log("generating " + std::to_string(n) + " items");
    auto g0 = Clock::now();
    Collection c = MakeBenchCollection(n);
    auto g1 = Clock::now();
    std::size_t packets = c.packets.size();
    std::string tag = std::to_string(n);
    json run = {{"items", n}, {"packets", packets}, {"generate_seconds", Seconds(g0, g1)}};
    std::size_t text_bytes = 0;
    std::set<std::string> shards;
    for (std::size_t i = 0; i < n; ++i) text_bytes += c.entries[i].title.size() + c.entries[i].text.size();
    for (std::size_t i = 0; i < packets; ++i) {
      const model::Meeting& m = c.packets[i].meetings[0];
      shards.insert(m.body + "/" + std::to_string(m.date.year));
    }
    run["text_bytes"] = text_bytes;
    run["shards"] = shards.size();

    auto engines = MakeEngines(work, o, tag);
    json build;
    for (auto& e : engines) {
      Log(std::to_string(n) + " items: building " + e->Name());
      double s = e->Build(c, packets, n);
      build[e->Name()] = {{"seconds", s}, {"items_per_s", static_cast<double>(n) / s}, {"disk_bytes", e->DiskBytes()}};
      if (auto* sg = dynamic_cast<SagssporEngine*>(e.get())) {
        build[e->Name()]["size"] = sg->Size();
        std::size_t dirs = 0;
        std::error_code ec;
        for (const auto& b : fs::directory_iterator(sg->Dir(), ec)) {
          for (const auto& y : fs::directory_iterator(b.path(), ec)) dirs += y.is_directory() ? 1 : 0;
        }
        build[e->Name()]["shards_on_disk"] = dirs;
        if (sg->Size() != n) problems.push_back("sagsspor index holds " + std::to_string(sg->Size()) + " of " + std::to_string(n) + " items");
      }
    }
    // The same Sagsspor build on disk: each commit's writes go through the
    // file system (no fsync, but ext4's own work). Its time varies by a
    // fifth from run to run on this kind of machine, so it is built three
    // times and the median counts.
    if (!o.disk_dir.empty() && n == o.sizes.front()) {
      std::vector<double> times;
      std::uintmax_t bytes = 0;
      for (int round = 1; round <= kDiskBuilds; ++round) {
        Log(std::to_string(n) + " items: building sagsspor on disk (" + o.disk_dir + "), " + std::to_string(round) +
            "/" + std::to_string(kDiskBuilds));
        SagssporEngine disk(fs::path(o.disk_dir) / ("sagsspor-" + tag));
        times.push_back(disk.Build(c, packets, n));
        bytes = disk.DiskBytes();
        fs::remove_all(disk.Dir());
      }
      const double s = Percentile(times, 0.5);
      build["sagsspor_disk"] = {{"seconds", s}, {"items_per_s", static_cast<double>(n) / s},
                                {"all_seconds", times}, {"disk_bytes", bytes}, {"dir", o.disk_dir}};
    }
    run["build"] = build;

    std::vector<Query> mix = MakeQueryMix(o.queries, o.seed, c, n);
    // Warm-up: every query once on every engine, untimed; it also records hits.
    Log(std::to_string(n) + " items: warm-up");
    std::map<std::string, std::vector<Result>> first;
    for (const Query& q : mix) {
      for (auto& e : engines) first[e->Name()].push_back(e->Search(q));
    }
    std::map<std::string, std::vector<double>> lat;              // per engine, all rounds
    std::map<std::string, std::map<std::string, std::vector<double>>> lat_cls;
    std::map<std::string, std::vector<double>> per_query_max;    // per engine, per query: worst round
    for (auto& e : engines) per_query_max[e->Name()].assign(mix.size(), 0.0);
    for (int round = 0; round < o.rounds; ++round) {
      Log(std::to_string(n) + " items: timed round " + std::to_string(round + 1) + "/" + std::to_string(o.rounds));
      for (std::size_t qi = 0; qi < mix.size(); ++qi) {
        // Rotate the order of engines per query so none always goes first.
        for (std::size_t k = 0; k < engines.size(); ++k) {
          Engine& e = *engines[(qi + k + static_cast<std::size_t>(round)) % engines.size()];
          auto t0 = Clock::now();
          Result r = e.Search(mix[qi]);
          auto t1 = Clock::now();
          double ms = Seconds(t0, t1) * 1000.0;
          lat[e.Name()].push_back(ms);
          lat_cls[e.Name()][mix[qi].cls].push_back(ms);
          per_query_max[e.Name()][qi] = std::max(per_query_max[e.Name()][qi], ms);
        }
      }
    }
    json latency;
    for (auto& e : engines) {
      const auto& v = lat[e->Name()];
      json l = {{"p50_ms", Percentile(v, 0.50)}, {"p90_ms", Percentile(v, 0.90)}, {"p99_ms", Percentile(v, 0.99)},
                {"max_ms", Percentile(v, 1.0)}, {"samples", v.size()}};
      double sum = 0;
      for (double x : v) sum += x;
      l["mean_ms"] = v.empty() ? 0 : sum / static_cast<double>(v.size());
      json cls;
      for (const auto& [name, xs] : lat_cls[e->Name()]) {
        cls[name] = {{"p50_ms", Percentile(xs, 0.5)}, {"p99_ms", Percentile(xs, 0.99)}, {"samples", xs.size()}};
      }
      l["by_class"] = cls;
      latency[e->Name()] = l;
    }
    run["latency"] = latency;

    // Per query: hits and the slowest round, and disagreements worth a look.
    json queries = json::array();
    for (std::size_t qi = 0; qi < mix.size(); ++qi) {
      json row = {{"query", mix[qi].text}, {"class", mix[qi].cls}};
      for (auto& e : engines) {
        const Result& r = first[e->Name()][qi];
        row[e->Name()] = {{"hits", r.ids.size()}, {"max_ms", per_query_max[e->Name()][qi]}};
        if (r.error) {
          row[e->Name()]["error"] = r.message;
          problems.push_back(e->Name() + " failed on \"" + mix[qi].text + "\" (" + tag + " items): " + r.message);
        }
      }
      queries.push_back(row);
    }
    run["queries"] = queries;
    runs.push_back(run);
  }
  out["runs"] = runs;
  out["problems"] = problems;
  std::ofstream f(o.out);
  f << out.dump(1) << "\n";
  Log("wrote " + o.out);
  return 0;
}
