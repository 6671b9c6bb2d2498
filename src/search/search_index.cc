#include "search/search_index.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "search/analyzer.h"
#include "search/facet_spy.h"
#include "search/lexicon.h"
#include "search/parallel.h"
#include "search/partitioned_match.h"
#include "search/query.h"
#include "search/snippet.h"
#include "search/spelling.h"
#include "search/stored_fields.h"
#include "search/weight.h"
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
constexpr Xapian::valueno kFacetSlot = 4;  // body, year and type packed (facet_spy.h)

constexpr Xapian::termcount kTitleWeight = 3;  // a title word counts as three in the text
constexpr unsigned kRemoteTimeoutMs = 5000;  // per operation, and to connect
// Facets count the matches the ranking examines anyway; asking Xapian to
// examine more (check_at_least) cost a third of the search time.
constexpr Xapian::doccount kFacetDepth = 0;
constexpr std::size_t kFacetValues = 20;  // shown per facet
constexpr Xapian::termpos kSectionGap = 100;  // so phrases do not span sections
// How much of a long stored text is inflated first for a hit's snippet:
// more than MakeSnippet reads before it settles on a window with matches.
constexpr std::size_t kSnippetPrefix = 2 * kStoredTextPiece;


std::string DateKey(const model::Date& d) { return d.valid() && d.year != 0 ? d.compact() : ""; }

// One entry to index, with the shard it belongs to.
struct Entry {
  std::string shard;  // "<body slug>/<year>"
  std::string id;
  Xapian::Document doc;
  // Words of four characters or more, for the reversed lexicon.
  std::set<std::string> words;
};

class Indexer {
 public:
  explicit Indexer(const Analyzer& analyzer) : analyzer_(analyzer) {}

  // Positions now; the wdfs, which depend on the whole entry's length
  // (weight.h), when the entry is made.
  void Text(std::string_view text, Xapian::termcount weight) {
    for (const Token& t : analyzer_.Tokenize(text)) {
      doc_->add_posting(t.word, ++pos_, 0);
      // A packet says the same words many times: each is stemmed once.
      auto [known, fresh] = derived_.try_emplace(t.word);
      if (fresh) {
        known->second.stem = kStemPrefix + analyzer_.Stem(t.word);
        known->second.listed = text::CodePointCount(t.word) >= 4;
      }
      counts_[t.word] += weight;
      counts_[known->second.stem] += weight;
      length_ += weight;
      if (known->second.listed && known->second.entry != entry_) {
        known->second.entry = entry_;
        words_->insert(t.word);
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
    ++entry_;
    pos_ = 0;
    counts_.clear();
    length_ = 0;
    Text(title, kTitleWeight);
    std::string all_text;
    for (const auto& [heading, body_text] : sections) {
      Text(heading, 1);
      Text(body_text, 1);
      if (!all_text.empty()) all_text += "\n\n";
      all_text += body_text;
    }
    for (const auto& [term, count] : counts_) e.doc.add_term(term, IndexedWdf(count, length_));
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
    e.doc.add_value(kFacetSlot, PackFacets({body, date.year ? std::to_string(date.year) : "", type}));
    e.doc.set_data(EncodeStoredFields({id, kind, meeting_id, date.valid() && date.year ? date.iso() : "", body,
                                       number, title, type, std::move(all_text)}));
    return e;
  }

 private:
  struct Derived {
    std::string stem;      // with its prefix
    bool listed = false;   // goes in the lexicon
    int entry = -1;        // the last entry whose words list it
  };
  const Analyzer& analyzer_;
  std::unordered_map<std::string, Derived> derived_;  // by word, for this packet
  Xapian::Document* doc_ = nullptr;
  std::set<std::string>* words_ = nullptr;
  int entry_ = -1;  // counts the entries made
  std::unordered_map<std::string, double> counts_;  // this entry's, words and stems, by term
  double length_ = 0;                               // this entry's counts added up
  Xapian::termpos pos_ = 0;
};

std::vector<Entry> EntriesOf(const model::Packet& packet, const Analyzer& analyzer) {
  using Make = std::function<Entry(Indexer&)>;
  std::vector<Make> makes;
  const std::string& sha = packet.source.sha256;
  for (const model::Meeting& m : packet.meetings) {
    for (const model::AgendaItem& item : m.items) {
      makes.push_back([&](Indexer& indexer) {
        std::vector<std::pair<std::string, std::string>> sections;
        for (const model::Section& s : item.sections) sections.emplace_back(s.heading, s.text);
        return indexer.Make(item.id, "item", sha, m.body, m.date, m.id, item.number, item.title, item.type,
                            item.case_number, sections, item.facts.case_numbers);
      });
    }
    for (const model::Document& d : m.documents) {
      makes.push_back([&](Indexer& indexer) {
        return indexer.Make(d.id, "document", sha, m.body, m.date, m.id, "", d.title, "", "", {{"", d.text}},
                            d.facts.case_numbers);
      });
    }
  }
  for (const model::Document& d : packet.documents) {
    makes.push_back([&](Indexer& indexer) {
      model::Date date;
      if (!d.facts.dates.empty()) date = d.facts.dates.front().date;
      return indexer.Make(d.id, "document", sha, "", date, "", "", d.title, "", "", {{"", d.text}},
                          d.facts.case_numbers);
    });
  }
  // On every core, each taking a run of entries in order: an item's words
  // recur in the next, and each Indexer stems a word once.
  std::vector<Entry> out(makes.size());
  const std::size_t runs = std::min(makes.size(), PoolThreads() + 1);
  RunInParallel(runs, [&](std::size_t run) {
    Indexer indexer(analyzer);
    for (std::size_t i = makes.size() * run / runs; i < makes.size() * (run + 1) / runs; ++i) out[i] = makes[i](indexer);
  });
  return out;
}

// Opens a shard for writing, waiting a while for another writer's lock.
Xapian::WritableDatabase OpenWritable(const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    try {
      return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC);
    } catch (const Xapian::DatabaseLockError&) {
      if (attempt >= 100) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

constexpr char kMergedDir[] = "_merged";
// DIR/format names the layout of the index's terms; an index of another
// format is rebuilt by Reconcile. 2: the reversed lexicon in metadata
// (lexicon.h; before: a reversed term in every document). 3: wdfs are
// BM25's length-normalised term frequencies (weight.h), and the spelling
// table is filled by Compact (spelling.h).
constexpr char kFormatFile[] = "format";
constexpr char kFormat[] = "3";
constexpr char kTombstones[] = "tombstones.txt";
// More delta shards than this, and Compact(true) merges them into the base.
constexpr std::size_t kMaxDeltaShards = 16;

// How many partitions a new merged base gets: one per core, searched in
// parallel, at least two (so that the parallel path is always the one
// taken and tested) and at most eight.
std::size_t PartitionCount() {
  if (const char* n = std::getenv("SAGSSPOR_INDEX_PARTITIONS"); n && std::atoi(n) > 0) {
    return std::clamp<std::size_t>(static_cast<std::size_t>(std::atoi(n)), 1, 8);
  }
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 8);
}

// The partitions of the merged base: base/p0, base/p1, … (and base/db,
// the single database of indexes merged before there were partitions).
std::vector<fs::path> BasePartitions(const fs::path& base) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (fs::exists(base / "db" / "iamglass", ec)) out.push_back(base / "db");
  for (std::size_t i = 0;; ++i) {
    fs::path p = base / ("p" + std::to_string(i));
    if (!fs::exists(p / "iamglass", ec)) break;
    out.push_back(p);
  }
  return out;
}

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

// The UUIDs of the delta shards the merged base holds (a merge lists
// them before it removes the shards).
std::set<std::string> ConsumedDeltas(const std::string& dir) {
  const std::vector<std::string> lines = ReadLines(fs::path(dir) / kMergedDir / "consumed.txt");
  return std::set<std::string>(lines.begin(), lines.end());
}

// Whether the merged base holds the delta shard `db` already (a merge was
// cut short before it could remove it). Such a shard is removed before
// anything else is done with it: what is written to it next must not be
// hidden (OpenAll skips it), and a merge must not count it twice.
bool IsConsumed(const Xapian::Database& db, const std::set<std::string>& consumed) {
  return !consumed.empty() && consumed.count(db.get_uuid()) > 0;
}

bool HasCurrentFormat(const std::string& dir) {
  const std::vector<std::string> lines = ReadLines(fs::path(dir) / kFormatFile);
  return !lines.empty() && lines.front() == kFormat;
}

void WriteFormat(const std::string& dir) { std::ofstream(fs::path(dir) / kFormatFile) << kFormat << "\n"; }

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
// to reopen their cached database. They look at it before every search,
// with stat(2): its inode, size and time, "" when missing.
std::string FileVersion(const fs::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

// A writer appends a byte, so the size grows with every commit (file times
// may not change within a clock tick). Not a new file renamed over the old
// one each time, which cost ext4 an inode and an early write-out (its
// auto_da_alloc heuristic) per packet: 0.8 s of system time in 10,000
// items. `fresh` (after a merge) starts a new file, so that it does not
// grow for ever.
void BumpGeneration(const std::string& dir, bool fresh = false) {
  const fs::path path = fs::path(dir) / "generation";
  if (fresh) {
    const fs::path tmp = fs::path(dir) / ("generation." + std::to_string(::getpid()));
    std::ofstream(tmp) << ".";
    std::error_code ec;
    fs::rename(tmp, path, ec);  // a new inode: readers see a new version
    return;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  [[maybe_unused]] const ssize_t n = ::write(fd, ".", 1);
  ::close(fd);
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
      const std::set<std::string> consumed = ConsumedDeltas(dir_);
      // The deltas' new words go in their spelling tables (spelling.h),
      // which the merge carries into the base.
      std::vector<char> spelled(deltas.size(), 0);  // not vector<bool>: tasks write their own elements
      std::vector<char> gone(deltas.size(), 0);
      RunInParallel(deltas.size(), [&](std::size_t i) {
        Xapian::WritableDatabase delta = OpenWritable(deltas[i].second);
        if (IsConsumed(delta, consumed)) {
          gone[i] = 1;
          return;
        }
        spelled[i] = SpellPending(delta) > 0;
      });
      for (std::size_t i = deltas.size(); i-- > 0;) {
        if (!gone[i]) continue;
        std::error_code ec;
        fs::remove_all(deltas[i].second, ec);
        deltas.erase(deltas.begin() + static_cast<std::ptrdiff_t>(i));
      }
      // Readers see the new spellings even if the merge below fails.
      if (std::find(spelled.begin(), spelled.end(), 1) != spelled.end()) BumpGeneration(dir_);
      if (only_if_needed && deltas.size() <= kMaxDeltaShards) return true;
      const fs::path base = fs::path(dir_) / kMergedDir;
      const fs::path fresh = fs::path(dir_) / (std::string(kMergedDir) + ".new");
      const fs::path old = fs::path(dir_) / (std::string(kMergedDir) + ".old");
      std::error_code ec;
      fs::remove_all(fresh, ec);
      fs::create_directories(fresh, ec);
      // Each partition of the base takes in deltas, the biggest first, to
      // whichever partition is smallest so far.
      const std::vector<fs::path> parts = BasePartitions(base);
      std::vector<Xapian::doccount> part_sizes;
      double total = 0;
      for (const fs::path& part : parts) {
        part_sizes.push_back(Xapian::Database(part.string()).get_doccount());
        total += part_sizes.back();
      }
      std::vector<std::pair<Xapian::doccount, std::string>> by_size;
      for (const auto& [key, path] : deltas) {
        by_size.emplace_back(Xapian::Database(path).get_doccount(), path);
        total += by_size.back().first;
      }
      // Enough partitions that none need hold more than a database may
      // (weight.h), as far as whole partitions and deltas allow.
      const auto needed = static_cast<std::size_t>(std::ceil(total / kMaxDocumentsPerDatabase));
      const std::size_t count = std::max({parts.size(), PartitionCount(), needed});
      std::vector<std::vector<std::string>> inputs(count);
      std::vector<Xapian::doccount> sizes(count, 0);
      for (std::size_t i = 0; i < parts.size(); ++i) {
        inputs[i].push_back(parts[i].string());
        sizes[i] = part_sizes[i];
      }
      std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      for (const auto& [size, path] : by_size) {
        const std::size_t smallest = static_cast<std::size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
        inputs[smallest].push_back(path);
        sizes[smallest] += size;
      }
      if (deltas.empty() && parts.empty()) return true;
      const std::vector<std::string> tombstones = ReadLines(fs::path(dir_) / kTombstones);
      std::erase_if(inputs, [](const std::vector<std::string>& input) { return input.empty(); });
      // Each partition on its own core.
      RunInParallel(inputs.size(), [&](std::size_t i) {
        Xapian::Database all;
        for (const std::string& path : inputs[i]) all.add_database(Xapian::Database(path));
        const std::string out = (fresh / ("p" + std::to_string(i))).string();
        all.compact(out);
        // Superseded versions leave the base for good.
        Xapian::WritableDatabase merged(out, Xapian::DB_OPEN);
        for (const std::string& sha : tombstones) merged.delete_document(kSourcePrefix + sha);
        MarkAllSpelled(merged);  // its inputs were
        merged.commit();
      });
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
      BumpGeneration(dir_, /*fresh=*/true);
      return true;
    } catch (const Xapian::Error& e) {
      *error = "search index: " + e.get_description();
      return false;
    }
  }

  bool NeedsRebuild() override { return !HasCurrentFormat(dir_); }

  bool Reconcile(store::Store& store, bool* repaired, std::string* error) override {
    if (repaired) *repaired = false;
    std::map<std::string, store::SourceRecord> current;  // by SHA-256
    for (store::SourceRecord& r : store.Sources()) {
      if (r.superseded_by == 0) current.emplace(r.source.sha256, std::move(r));
    }
    // An index of an older format lacks what searches now read.
    if (!HasCurrentFormat(dir_)) {
      if (repaired) *repaired = true;
      return Rebuild(store, error);
    }
    std::set<std::string> indexed;
    try {
      Reader& reader = Current();
      const std::set<std::string> gone(reader.tombstones.begin(), reader.tombstones.end());
      const std::string prefix = kSourcePrefix;
      for (auto it = reader.db->allterms_begin(prefix); it != reader.db->allterms_end(prefix); ++it) {
        std::string sha = (*it).substr(prefix.size());
        if (!gone.count(sha)) indexed.insert(std::move(sha));
      }
    } catch (const Xapian::Error& e) {
      if (repaired) *repaired = true;
      return Rebuild(store, error);  // unreadable: made anew from the store
    }
    for (const std::string& sha : indexed) {
      if (current.count(sha)) continue;
      if (!Add(model::Packet{}, sha, error)) return false;
      if (repaired) *repaired = true;
    }
    // Each lacking source is read on its own (a source with nothing to
    // index looks lacking every time; reading it costs one look-up).
    bool added = false;
    std::optional<std::vector<store::StoredDocument>> loose;  // read once, if needed
    for (const auto& [sha, record] : current) {
      if (indexed.count(sha)) continue;
      model::Packet packet = PacketOf(store, record, &loose);
      if (packet.meetings.empty() && packet.documents.empty()) continue;
      if (!Add(packet, "", error)) return false;
      added = true;
    }
    if (added && repaired) *repaired = true;
    // Always: a writer cut short after its adds left the spelling of
    // what it added to the Compact it never ran.
    return Compact(true, error);
  }

  bool Rebuild(store::Store& store, std::string* error) override {
    {
      // Writers wait, from before the store is read until the new index is
      // in place: an add in between is neither lost with the old index nor
      // missing from the store's snapshot (they then add to the new one).
      WriterLock lock(dir_);
      const std::string fresh = dir_ + ".new";
      std::error_code ec;
      fs::remove_all(fresh, ec);
      std::map<std::string, model::Packet> by_source = CurrentPackets(store);
      fs::create_directories(fresh, ec);
      WriteFormat(fresh);
      // What is not made from the store stays: the remote shards' list.
      fs::copy_file(fs::path(dir_) / "remotes.txt", fs::path(fresh) / "remotes.txt", ec);
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
    }
    return Compact(false, error);
  }

  SearchResults Search(const SearchRequest& request) override {
    // The partitions are matched in parallel (below): a pool thread
    // wakes while the index is checked and the query parsed.
    WakeSoon();
    SearchResults results;
    Reader* opened = nullptr;  // set once the index could be opened
    try {
      Reader& reader = Current();  // may throw: a remote shard not reachable
      opened = &reader;
      Xapian::Database& db = *reader.db;
      if (db.get_doccount() == 0) return results;
      const Analyzer& analyzer = Analyzer::Default();
      QueryTerms terms;
      // Local partitions rank apart, with the idf of the whole index in
      // the query (weight.h); remote shards, as one database, with
      // RemoteWeight (xapian-tcpsrv knows only Xapian's own weights).
      const bool parallel = !reader.partitions.empty();
      Xapian::Query q = ParseQuery(request.query, analyzer, db, reader.each, &terms, &reader.cache,
                                   parallel ? Scoring::kScaled : Scoring::kBm25);
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
      const auto first = static_cast<Xapian::doccount>(std::max(0, request.offset));
      const auto count = static_cast<Xapian::doccount>(std::max(0, request.limit));
      FacetSlots facet_slots{{kBodySlot, kYearSlot, kTypeSlot}, kFacetSlot, {}};
      for (const auto& table : reader.facet_tables) facet_slots.tables.push_back(table.get());
      PartitionedMatch match;
      std::vector<Xapian::Database> one = {db};
      std::vector<Xapian::Database>& searched = parallel ? reader.partitions : one;
      if (parallel) {
        TfWeight weight;
        match = MatchPartitions(searched, q, &weight, first, count, kFacetDepth, facet_slots);
      } else {
        facet_slots.packed = Xapian::BAD_VALUENO;
        const Xapian::BM25Weight weight = RemoteWeight();
        match = MatchPartitions(searched, q, &weight, first, count, kFacetDepth, facet_slots);
      }
      results.total = static_cast<int>(match.estimated);
      // The hits' stored fields and snippets, each partition's by one task.
      results.hits.resize(match.best.size());
      std::vector<char> found(match.best.size(), 0);  // not vector<bool>: tasks write their own elements
      std::set<std::size_t> holding;  // partitions with hits on this page
      for (const PartitionedMatch::Entry& e : match.best) holding.insert(e.partition);
      const std::vector<std::size_t> partitions(holding.begin(), holding.end());
      RunInParallel(partitions.size(), [&](std::size_t task) {
        const std::size_t partition = partitions[task];
        for (std::size_t k = 0; k < match.best.size(); ++k) {
          const PartitionedMatch::Entry& e = match.best[k];
          if (e.partition != partition) continue;
          StoredFields f;
          // The match found the document: no need to look it up first
          // (which reads another table).
          const Xapian::docid did = *match.msets[partition][e.rank];
          const std::string data = searched[partition].get_document(did, Xapian::DOC_ASSUME_VALID).get_data();
          // A long text's first pieces first (stored_fields.h): enough
          // when they hold a match whose window ends before they do.
          bool complete = false;
          if (!DecodeStoredFieldsPrefix(data, kSnippetPrefix, &f, &complete)) continue;
          Hit& hit = results.hits[k];
          hit.id = std::move(f.id);
          hit.kind = std::move(f.kind);
          hit.meeting_id = std::move(f.meeting_id);
          hit.date = std::move(f.date);
          hit.body = std::move(f.body);
          hit.number = std::move(f.number);
          hit.title = std::move(f.title);
          hit.type = std::move(f.type);
          hit.score = parallel ? e.weight : e.weight / kRemoteScoreScale;  // one scale either way
          Snippet snippet = MakeSnippet(f.text, terms, analyzer, kSnippetLength, /*text_continues=*/!complete);
          if (snippet.needs_more_text) {
            if (!DecodeStoredFields(data, &f)) continue;
            snippet = MakeSnippet(f.text, terms, analyzer);
          }
          hit.snippet = std::move(snippet.text);
          hit.highlights = std::move(snippet.highlights);
          found[k] = 1;
        }
      });
      for (std::size_t k = found.size(); k-- > 0;) {
        if (!found[k]) results.hits.erase(results.hits.begin() + static_cast<std::ptrdiff_t>(k));
      }
      const char* const facet_names[] = {"body", "year", "type"};  // as facet_slots.slots
      for (std::size_t i = 0; i < match.facets.size(); ++i) {
        std::vector<FacetValue>& out = results.facets[facet_names[i]];
        for (const auto& [value, n] : match.facets[i]) {
          if (value.empty()) continue;
          double count = static_cast<double>(n);
          if (match.examined > 0 && match.examined < match.estimated) {
            count = std::max(1.0, std::round(count * match.estimated / match.examined));
            results.facets_estimated = true;
          }
          out.push_back({value, static_cast<int>(count)});
        }
        std::stable_sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
        if (out.size() > kFacetValues) out.resize(kFacetValues);
      }
      if (results.total == 0) results.suggestion = Suggest(db, request.query, analyzer);
    } catch (const Xapian::Error& e) {
      results = SearchResults{};
      if (opened) opened->db.reset();  // reopen next time
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
    // Everything as one database: statistics, expansions, spelling, and
    // the search itself when remote shards are listed.
    std::unique_ptr<Xapian::Database> db;
    std::vector<Xapian::Database> each;  // what `db` combines, one by one (sharing its handles)
    // The local partitions, each with some of the delta shards, opened
    // apart from `db` so that one task at a time uses each; searched in
    // parallel. Empty when remote shards are listed.
    std::vector<Xapian::Database> partitions;
    std::vector<std::shared_ptr<const FacetTable>> facet_tables;  // per partition, null if combined
    std::vector<std::string> tombstones;  // superseded sources still in the base
    QueryCache cache;
  };

  // This thread's reader, (re)opened when a writer has committed since
  // (DIR/generation changed) or remotes.txt changed.
  Reader& Current() {
    static thread_local std::map<std::string, Reader> readers;  // by index directory
    Reader& reader = readers[dir_];
    const std::string generation =
        FileVersion(fs::path(dir_) / "generation") + "/" + FileVersion(fs::path(dir_) / "remotes.txt");
    if (!reader.db || generation != reader.generation) {
      reader.db = std::make_unique<Xapian::Database>(OpenAll(&reader.each, &reader.tombstones, &reader.partitions));
      reader.facet_tables.clear();
      for (const Xapian::Database& part : reader.partitions) {
        reader.facet_tables.push_back(part.size() == 1 ? ReadFacetTable(part, kFacetSlot) : nullptr);
      }
      reader.generation = generation;
      reader.cache.clear();
    }
    return reader;
  }

  // Every shard under the index directory, and every shard served from
  // elsewhere that DIR/remotes.txt lists ("host:port" a line, served by
  // xapian-tcpsrv), as one database. Sets *each to them one by one, and
  // *partitions to the local shards grouped in partitions (opened apart),
  // or clears it when there are remotes.
  Xapian::Database OpenAll(std::vector<Xapian::Database>* each, std::vector<std::string>* tombstones,
                           std::vector<Xapian::Database>* partitions) {
    Xapian::Database db;
    each->clear();
    tombstones->clear();
    partitions->clear();
    auto add = [&](Xapian::Database one) {
      db.add_database(one);
      each->push_back(std::move(one));
    };
    std::error_code ec;
    if (!fs::exists(dir_, ec)) return db;
    const fs::path base = fs::path(dir_) / kMergedDir;
    std::set<std::string> consumed;
    const std::vector<fs::path> parts = BasePartitions(base);
    for (const fs::path& part : parts) {
      add(Xapian::Database(part.string()));
      partitions->emplace_back(part.string());
    }
    if (!parts.empty()) {
      for (const std::string& uuid : ReadLines(base / "consumed.txt")) consumed.insert(uuid);
      *tombstones = ReadLines(fs::path(dir_) / kTombstones);
    }
    std::size_t next = 0;  // deltas go round the partitions
    const std::size_t groups = std::max(parts.size(), PartitionCount());
    for (const auto& [key, path] : LocalShards(dir_)) {
      Xapian::Database shard(path);
      if (consumed.count(shard.get_uuid())) continue;
      add(shard);
      // A base with fewer partitions than groups (a merge of few deltas
      // makes fewer) gets groups of deltas beside it, none left empty.
      if (partitions->size() < groups) {
        partitions->emplace_back(path);
      } else {
        (*partitions)[next++ % partitions->size()].add_database(Xapian::Database(path));
      }
    }
    std::ifstream remotes(fs::path(dir_) / "remotes.txt");
    for (std::string line; std::getline(remotes, line);) {
      std::string_view entry = text::Trim(line);
      std::size_t colon = entry.rfind(':');
      if (entry.empty() || entry[0] == '#' || colon == std::string_view::npos) continue;
      const std::string host(entry.substr(0, colon));
      const unsigned port = static_cast<unsigned>(std::atoi(std::string(entry.substr(colon + 1)).c_str()));
      add(Xapian::Remote::open(host, port, kRemoteTimeoutMs, kRemoteTimeoutMs));
      partitions->clear();
    }
    return db;
  }

  // What the store holds of one current source: its meeting (a packet is
  // stored under its meeting, store.h) or its loose documents, from
  // *loose (read from the store the first time it is needed).
  static model::Packet PacketOf(store::Store& store, const store::SourceRecord& record,
                                std::optional<std::vector<store::StoredDocument>>* loose) {
    model::Packet p;
    p.source = record.source;
    const std::string meeting_key = "meeting:";
    if (record.key.rfind(meeting_key, 0) == 0) {
      auto m = store.FindMeeting(record.key.substr(meeting_key.size()));
      if (m && m->source.sha256 == record.source.sha256) p.meetings.push_back(std::move(m->meeting));
      return p;
    }
    if (!loose->has_value()) *loose = store.LooseDocuments();
    for (const store::StoredDocument& d : **loose) {
      if (d.source.sha256 == record.source.sha256) p.documents.push_back(d.document);
    }
    return p;
  }

  // The store's current content regrouped by source, as it was ingested.
  static std::map<std::string, model::Packet> CurrentPackets(store::Store& store) {
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
    return by_source;
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
      const std::set<std::string> consumed = ConsumedDeltas(dir);
      for (auto& [shard, shard_entries] : by_shard) {
        const std::string path = (fs::path(dir) / shard).string();
        fs::create_directories(path, ec);
        open.push_back(OpenWritable(path));
        if (IsConsumed(open.back(), consumed)) {
          open.back().close();
          fs::remove_all(path, ec);
          fs::create_directories(path, ec);
          open.back() = OpenWritable(path);
        }
        Xapian::WritableDatabase& db = open.back();
        db.begin_transaction();
        if (!superseded_sha256.empty()) db.delete_document(kSourcePrefix + superseded_sha256);
        std::set<std::string> listed;  // once per word and shard
        for (Entry* e : shard_entries) listed.insert(e->words.begin(), e->words.end());
        for (const std::string& w : listed) {
          if (!db.term_exists(w)) AddToLexicon(db, w);
        }
        // A new docid even for an id indexed before: SpellPending reads
        // the documents above its mark (spelling.h).
        for (Entry* e : shard_entries) {
          db.delete_document(kIdPrefix + e->id);
          db.add_document(e->doc);
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
  // A new index: no shard or merged base yet (remotes.txt may be there).
  if (!HasCurrentFormat(dir) && BasePartitions(fs::path(dir) / kMergedDir).empty() && LocalShards(dir).empty()) {
    WriteFormat(dir);
  }
  return std::make_unique<XapianIndex>(dir);
}

}  // namespace sagsspor::search
