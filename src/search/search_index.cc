#include "search/search_index.h"

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "search/analyzer.h"
#include "search/query.h"
#include "search/snippet.h"
#include "search/stored_fields.h"
#include "store/store.h"
#include "text/utf8.h"

namespace sagsspor::search {
namespace {

namespace fs = std::filesystem;

// Value slots.
constexpr Xapian::valueno kDateSlot = 0;  // "YYYYMMDD"
constexpr Xapian::valueno kBodySlot = 1;
constexpr Xapian::valueno kYearSlot = 2;
constexpr Xapian::valueno kTypeSlot = 3;

constexpr Xapian::termcount kTitleWdf = 3;
constexpr unsigned kRemoteTimeoutMs = 5000;  // per operation, and to connect
// Matches examined at least, for the facet counts: exact up to this many
// matches, a lower bound beyond.
constexpr Xapian::doccount kFacetDepth = 200;
constexpr Xapian::termpos kSectionGap = 100;  // so phrases do not span sections


std::string DateKey(const model::Date& d) { return d.valid() && d.year != 0 ? d.compact() : ""; }

// One entry to index, with the shard it belongs to.
struct Entry {
  std::string shard;  // "<body slug>/<year>"
  std::string id;
  Xapian::Document doc;
  std::vector<std::string> words;  // for the spelling table
};

class Indexer {
 public:
  explicit Indexer(const Analyzer& analyzer) : analyzer_(analyzer) {}

  void Text(std::string_view text, Xapian::termcount wdf) {
    for (const Token& t : analyzer_.Tokenize(text)) {
      doc_->add_posting(t.word, ++pos_, wdf);
      doc_->add_term(kStemPrefix + analyzer_.Stem(t.word), wdf);
      doc_->add_boolean_term(kReversedPrefix + text::ReverseCodePoints(t.word));
      if (text::CodePointCount(t.word) >= 4 && !text::IsDigit(text::FirstCodePoint(t.word))) {
        words_->push_back(t.word);
      }
    }
    pos_ += kSectionGap;
  }

  Entry Make(const std::string& id, const std::string& kind, const std::string& sha, const std::string& body,
             const model::Date& date, const std::string& meeting_id, const std::string& number,
             const std::string& title, const std::string& type, const std::string& case_number,
             const std::vector<std::pair<std::string, std::string>>& sections,
             const std::vector<model::CaseNumber>& case_numbers) {
    Entry e;
    e.id = id;
    e.shard = (body.empty() ? std::string("dokumenter") : BodyKey(body)) + "/" +
              (date.year ? std::to_string(date.year) : std::string("0000"));
    doc_ = &e.doc;
    words_ = &e.words;
    pos_ = 0;
    Text(title, kTitleWdf);
    std::string all_text;
    for (const auto& [heading, body_text] : sections) {
      Text(heading, 1);
      Text(body_text, 1);
      if (!all_text.empty()) all_text += "\n\n";
      all_text += body_text;
    }
    e.doc.add_boolean_term(kIdPrefix + id);
    e.doc.add_boolean_term(kSourcePrefix + sha);
    if (!body.empty()) e.doc.add_boolean_term(kBodyPrefix + BodyKey(body));
    if (!type.empty()) e.doc.add_boolean_term(kTypePrefix + analyzer_.Fold(type));
    if (date.year) e.doc.add_boolean_term(kYearPrefix + std::to_string(date.year));
    if (!case_number.empty()) e.doc.add_boolean_term(kCasePrefix + text::FoldForMatch(case_number));
    for (const model::CaseNumber& c : case_numbers) e.doc.add_boolean_term(kCasePrefix + text::FoldForMatch(c.number));
    e.doc.add_value(kDateSlot, DateKey(date));
    e.doc.add_value(kBodySlot, body);
    e.doc.add_value(kYearSlot, date.year ? std::to_string(date.year) : "");
    e.doc.add_value(kTypeSlot, type);
    e.doc.set_data(EncodeStoredFields({id, kind, meeting_id, date.valid() && date.year ? date.iso() : "", body,
                                       number, title, type, std::move(all_text)}));
    return e;
  }

 private:
  const Analyzer& analyzer_;
  Xapian::Document* doc_ = nullptr;
  std::vector<std::string>* words_ = nullptr;
  Xapian::termpos pos_ = 0;
};

std::vector<Entry> EntriesOf(const model::Packet& packet, const Analyzer& analyzer) {
  Indexer indexer(analyzer);
  std::vector<Entry> out;
  const std::string& sha = packet.source.sha256;
  for (const model::Meeting& m : packet.meetings) {
    for (const model::AgendaItem& item : m.items) {
      std::vector<std::pair<std::string, std::string>> sections;
      for (const model::Section& s : item.sections) sections.emplace_back(s.heading, s.text);
      out.push_back(indexer.Make(item.id, "item", sha, m.body, m.date, m.id, item.number, item.title, item.type,
                                 item.case_number, sections, item.facts.case_numbers));
    }
    for (const model::Document& d : m.documents) {
      out.push_back(indexer.Make(d.id, "document", sha, m.body, m.date, m.id, "", d.title, "", "",
                                 {{"", d.text}}, d.facts.case_numbers));
    }
  }
  for (const model::Document& d : packet.documents) {
    model::Date date;
    if (!d.facts.dates.empty()) date = d.facts.dates.front().date;
    out.push_back(indexer.Make(d.id, "document", sha, "", date, "", "", d.title, "", "", {{"", d.text}},
                               d.facts.case_numbers));
  }
  return out;
}

// Opens a shard for writing, waiting a while for another writer's lock.
Xapian::WritableDatabase OpenWritable(const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    try {
      return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      if (attempt >= 100) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

constexpr char kMergedDir[] = "_merged";
constexpr char kTombstones[] = "tombstones.txt";
// More delta shards than this, and Compact(true) merges them into the base.
constexpr std::size_t kMaxDeltaShards = 16;

// The local shards, "<body slug>/<year>" and its path; names starting
// with '_' are not shards.
std::vector<std::pair<std::string, std::string>> LocalShards(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (const auto& body : fs::directory_iterator(dir, ec)) {
    const std::string name = body.path().filename().string();
    if (!body.is_directory() || name.empty() || name[0] == '_') continue;
    for (const auto& year : fs::directory_iterator(body.path(), ec)) {
      if (year.is_directory() && fs::exists(year.path() / "iamglass")) {
        out.emplace_back(name + "/" + year.path().filename().string(), year.path().string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> ReadLines(const fs::path& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// Serialises writers of one index (adds and merges) across processes.
class WriterLock {
 public:
  explicit WriterLock(const std::string& dir) {
    fd_ = ::open((fs::path(dir) / ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~WriterLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

// DIR/generation changes whenever a writer commits, so readers know when
// to reopen their cached database.
std::string ReadGeneration(const std::string& dir) {
  std::ifstream in(fs::path(dir) / "generation");
  std::string g;
  std::getline(in, g);
  return g;
}

void BumpGeneration(const std::string& dir) {
  const fs::path path = fs::path(dir) / "generation";
  const fs::path tmp = fs::path(dir) / ("generation." + std::to_string(::getpid()));
  {
    std::ofstream out(tmp);
    out << std::chrono::steady_clock::now().time_since_epoch().count() << "-" << ::getpid() << "\n";
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);  // atomic: readers see the old or the new value
}

class XapianIndex : public SearchIndex {
 public:
  explicit XapianIndex(std::string dir) : dir_(std::move(dir)) {}

  bool Add(const model::Packet& packet, const std::string& superseded_sha256, std::string* error) override {
    WriterLock lock(dir_);
    if (!AddTo(dir_, packet, superseded_sha256, error)) return false;
    // The merged base may hold the superseded version: mark it gone until
    // the next merge removes it.
    if (!superseded_sha256.empty() && fs::exists(fs::path(dir_) / kMergedDir)) {
      std::ofstream(fs::path(dir_) / kTombstones, std::ios::app) << superseded_sha256 << "\n";
    }
    BumpGeneration(dir_);
    return true;
  }

  bool Compact(bool only_if_needed, std::string* error) override {
    WriterLock lock(dir_);
    try {
      std::vector<std::pair<std::string, std::string>> deltas = LocalShards(dir_);
      if (only_if_needed && deltas.size() <= kMaxDeltaShards) return true;
      const fs::path base = fs::path(dir_) / kMergedDir;
      const fs::path fresh = fs::path(dir_) / (std::string(kMergedDir) + ".new");
      const fs::path old = fs::path(dir_) / (std::string(kMergedDir) + ".old");
      std::error_code ec;
      fs::remove_all(fresh, ec);
      fs::create_directories(fresh, ec);
      Xapian::Database all;
      if (fs::exists(base / "db" / "iamglass")) all.add_database(Xapian::Database((base / "db").string()));
      for (const auto& [key, path] : deltas) all.add_database(Xapian::Database(path));
      if (all.get_doccount() == 0 && deltas.empty()) return true;
      all.compact((fresh / "db").string());
      {
        // Superseded versions leave the base for good.
        Xapian::WritableDatabase merged((fresh / "db").string(), Xapian::DB_OPEN);
        for (const std::string& sha : ReadLines(fs::path(dir_) / kTombstones)) {
          merged.delete_document(kSourcePrefix + sha);
        }
        merged.commit();
      }
      // The deltas now live in the base: list them, so that a crash before
      // they are removed cannot count them twice (OpenAll skips them).
      {
        std::ofstream out(fresh / "consumed.txt");
        for (const auto& [key, path] : deltas) out << Xapian::Database(path).get_uuid() << "\n";
      }
      fs::remove_all(old, ec);
      if (fs::exists(base)) fs::rename(base, old, ec);
      fs::rename(fresh, base, ec);
      if (ec) {
        *error = "cannot replace " + base.string() + ": " + ec.message();
        return false;
      }
      fs::remove(fs::path(dir_) / kTombstones, ec);
      for (const auto& [key, path] : deltas) fs::remove_all(path, ec);
      fs::remove_all(old, ec);
      BumpGeneration(dir_);
      return true;
    } catch (const Xapian::Error& e) {
      *error = "search index: " + e.get_description();
      return false;
    }
  }

  bool Rebuild(store::Store& store, std::string* error) override {
    const std::string fresh = dir_ + ".new";
    std::error_code ec;
    fs::remove_all(fresh, ec);
    // Regroup the store's current content by source, as it was ingested.
    std::map<std::string, model::Packet> by_source;
    for (store::StoredMeeting& m : store.Meetings()) {
      model::Packet& p = by_source[m.source.sha256];
      p.source = m.source;
      p.meetings.push_back(std::move(m.meeting));
    }
    for (store::StoredDocument& d : store.LooseDocuments()) {
      model::Packet& p = by_source[d.source.sha256];
      p.source = d.source;
      p.documents.push_back(std::move(d.document));
    }
    fs::create_directories(fresh, ec);
    for (const auto& [sha, packet] : by_source) {
      if (!AddTo(fresh, packet, "", error)) return false;
    }
    const std::string old = dir_ + ".old";
    fs::remove_all(old, ec);
    if (fs::exists(dir_)) fs::rename(dir_, old, ec);
    fs::rename(fresh, dir_, ec);
    if (ec) {
      *error = "cannot replace " + dir_ + ": " + ec.message();
      return false;
    }
    fs::remove_all(old, ec);
    BumpGeneration(dir_);
    return Compact(false, error);
  }

  SearchResults Search(const SearchRequest& request) override {
    SearchResults results;
    Reader& reader = Current();
    try {
      Xapian::Database& db = *reader.db;
      if (db.get_doccount() == 0) return results;
      const Analyzer& analyzer = Analyzer::Default();
      QueryTerms terms;
      Xapian::Query q = ParseQuery(request.query, analyzer, db, &terms, &reader.compounds);
      for (const std::string& sha : reader.tombstones) {
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(kSourcePrefix + sha));
      }
      if (!request.body.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(kBodyPrefix + BodyKey(request.body)));
      if (!request.type.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(kTypePrefix + analyzer.Fold(request.type)));
      if (request.from.valid() || request.to.valid()) {
        std::string from = request.from.valid() ? DateKey(request.from) : "00000000";
        std::string to = request.to.valid() ? DateKey(request.to) : "99999999";
        q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, from, to));
      }
      Xapian::Enquire enquire(db);
      enquire.set_query(q);
      Xapian::ValueCountMatchSpy body_spy(kBodySlot), year_spy(kYearSlot), type_spy(kTypeSlot);
      enquire.add_matchspy(&body_spy);
      enquire.add_matchspy(&year_spy);
      enquire.add_matchspy(&type_spy);
      Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, request.offset)),
                                           static_cast<Xapian::doccount>(std::max(0, request.limit)),
                                           kFacetDepth);
      results.total = static_cast<int>(mset.get_matches_estimated());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        StoredFields f;
        if (!DecodeStoredFields(it.get_document().get_data(), &f)) continue;
        Hit hit;
        hit.id = std::move(f.id);
        hit.kind = std::move(f.kind);
        hit.meeting_id = std::move(f.meeting_id);
        hit.date = std::move(f.date);
        hit.body = std::move(f.body);
        hit.number = std::move(f.number);
        hit.title = std::move(f.title);
        hit.type = std::move(f.type);
        hit.score = it.get_weight();
        Snippet s = MakeSnippet(f.text, terms, analyzer);
        hit.snippet = std::move(s.text);
        hit.highlights = std::move(s.highlights);
        results.hits.push_back(std::move(hit));
      }
      auto facet = [](Xapian::ValueCountMatchSpy& spy) {
        std::vector<FacetValue> out;
        for (auto v = spy.top_values_begin(20); v != spy.top_values_end(20); ++v) {
          if (!(*v).empty()) out.push_back({*v, static_cast<int>(v.get_termfreq())});
        }
        return out;
      };
      results.facets["body"] = facet(body_spy);
      results.facets["year"] = facet(year_spy);
      results.facets["type"] = facet(type_spy);
      if (results.total == 0) results.suggestion = Suggest(db, request.query, analyzer);
    } catch (const Xapian::Error& e) {
      results.hits.clear();
      reader.db.reset();  // reopen next time
    }
    return results;
  }

  std::size_t Size() override {
    try {
      Reader& reader = Current();
      Xapian::Database& db = *reader.db;
      std::size_t n = db.get_doccount();
      for (const std::string& sha : reader.tombstones) n -= std::min<std::size_t>(n, db.get_termfreq(kSourcePrefix + sha));
      return n;
    } catch (const Xapian::Error&) {
      return 0;
    }
  }

 private:
  // What a thread reads the index with. Xapian objects are not
  // thread-safe, so each thread keeps its own, and searches run in
  // parallel.
  struct Reader {
    std::string generation;
    std::unique_ptr<Xapian::Database> db;
    std::vector<std::string> tombstones;  // superseded sources still in the base
    CompoundCache compounds;              // query word → its compounds
  };

  // This thread's reader, (re)opened when a writer has committed since
  // (DIR/generation changed) or remotes.txt changed.
  Reader& Current() {
    static thread_local std::map<std::string, Reader> readers;  // by index directory
    Reader& reader = readers[dir_];
    std::string generation = ReadGeneration(dir_);
    std::error_code ec;
    auto remotes_time = fs::last_write_time(fs::path(dir_) / "remotes.txt", ec);
    if (!ec) generation += "/" + std::to_string(remotes_time.time_since_epoch().count());
    if (!reader.db || generation != reader.generation) {
      reader.db = std::make_unique<Xapian::Database>(OpenAll(&reader.tombstones));
      reader.generation = generation;
      reader.compounds.clear();
    }
    return reader;
  }

  // Every shard under the index directory, and every shard served from
  // elsewhere that DIR/remotes.txt lists ("host:port" a line, served by
  // xapian-tcpsrv), as one database.
  Xapian::Database OpenAll(std::vector<std::string>* tombstones) {
    Xapian::Database db;
    tombstones->clear();
    std::error_code ec;
    if (!fs::exists(dir_, ec)) return db;
    const fs::path base = fs::path(dir_) / kMergedDir;
    std::set<std::string> consumed;
    if (fs::exists(base / "db" / "iamglass", ec)) {
      db.add_database(Xapian::Database((base / "db").string()));
      for (const std::string& uuid : ReadLines(base / "consumed.txt")) consumed.insert(uuid);
      *tombstones = ReadLines(fs::path(dir_) / kTombstones);
    }
    for (const auto& [key, path] : LocalShards(dir_)) {
      Xapian::Database shard(path);
      if (!consumed.count(shard.get_uuid())) db.add_database(shard);
    }
    std::ifstream remotes(fs::path(dir_) / "remotes.txt");
    for (std::string line; std::getline(remotes, line);) {
      std::string_view entry = text::Trim(line);
      std::size_t colon = entry.rfind(':');
      if (entry.empty() || entry[0] == '#' || colon == std::string_view::npos) continue;
      const std::string host(entry.substr(0, colon));
      const unsigned port = static_cast<unsigned>(std::atoi(std::string(entry.substr(colon + 1)).c_str()));
      db.add_database(Xapian::Remote::open(host, port, kRemoteTimeoutMs, kRemoteTimeoutMs));
    }
    return db;
  }

  // "Mente du …": the query with each word the index does not know
  // replaced by the spelling table's suggestion, or "" when none.
  static std::string Suggest(Xapian::Database& db, const std::string& query, const Analyzer& analyzer) {
    std::string out;
    bool changed = false;
    std::size_t last = 0;
    for (const Token& t : analyzer.Tokenize(query)) {
      out.append(query, last, t.begin - last);
      last = t.end;
      std::string original = query.substr(t.begin, t.end - t.begin);
      // Field names and values, and prefixes, are not words to correct.
      const bool field = (t.end < query.size() && query[t.end] == ':') ||
                         (t.begin > 0 && (query[t.begin - 1] == ':' || query[t.begin - 1] == '"') &&
                          query.rfind(':', t.begin) != std::string::npos);
      const bool prefix = t.end < query.size() && query[t.end] == '*';
      if (field || prefix || text::CodePointCount(t.word) < 4 || db.term_exists(t.word) ||
          db.term_exists(kStemPrefix + analyzer.Stem(t.word))) {
        out += original;
        continue;
      }
      std::string suggestion = db.get_spelling_suggestion(t.word, 2);
      if (suggestion.empty()) {
        out += original;
      } else {
        out += suggestion;
        changed = true;
      }
    }
    out.append(query, last, std::string::npos);
    return changed ? out : "";
  }

  static bool AddTo(const std::string& dir, const model::Packet& packet, const std::string& superseded_sha256,
                    std::string* error) {
    std::map<std::string, std::vector<Entry*>> by_shard;
    std::vector<Entry> entries = EntriesOf(packet, Analyzer::Default());
    for (Entry& e : entries) by_shard[e.shard].push_back(&e);
    std::error_code ec;
    // Shards that hold the superseded version must drop it.
    if (!superseded_sha256.empty()) {
      for (const auto& [shard, path] : LocalShards(dir)) {
        if (by_shard.count(shard)) continue;
        try {
          if (Xapian::Database(path).term_exists(kSourcePrefix + superseded_sha256)) by_shard[shard];
        } catch (const Xapian::Error&) {
        }
      }
    }
    std::vector<Xapian::WritableDatabase> open;
    try {
      for (auto& [shard, shard_entries] : by_shard) {
        fs::create_directories(fs::path(dir) / shard, ec);
        open.push_back(OpenWritable((fs::path(dir) / shard).string()));
        Xapian::WritableDatabase& db = open.back();
        db.begin_transaction();
        if (!superseded_sha256.empty()) db.delete_document(kSourcePrefix + superseded_sha256);
        for (Entry* e : shard_entries) {
          db.replace_document(kIdPrefix + e->id, e->doc);
          for (const std::string& w : e->words) db.add_spelling(w);
        }
      }
      for (Xapian::WritableDatabase& db : open) db.commit_transaction();
    } catch (const Xapian::Error& e) {
      for (Xapian::WritableDatabase& db : open) {
        try {
          db.cancel_transaction();
        } catch (const Xapian::Error&) {
        }
      }
      *error = "search index: " + e.get_description();
      return false;
    }
    return true;
  }

  std::string dir_;
};

}  // namespace

std::unique_ptr<SearchIndex> SearchIndex::Open(const std::string& dir, std::string* error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": cannot create the search index directory: " + ec.message();
    return nullptr;
  }
  return std::make_unique<XapianIndex>(dir);
}

}  // namespace sagsspor::search
