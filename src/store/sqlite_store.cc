#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "model/json.h"
#include "store/sqlite_statement.h"

namespace sagsspor::store {
namespace {

using nlohmann::json;

// Each entry brings the schema from version i to i + 1. Never edit a
// released entry; append a new one.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  bytes INTEGER NOT NULL,
  pages INTEGER NOT NULL,
  encoding TEXT NOT NULL,
  layout TEXT NOT NULL,
  warnings TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  superseded_by INTEGER REFERENCES sources(id)
);
CREATE INDEX sources_current ON sources(key) WHERE superseded_by IS NULL;
CREATE TABLE meetings (
  pk INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  date TEXT,
  start TEXT NOT NULL,
  place TEXT NOT NULL,
  case_number TEXT NOT NULL
);
CREATE INDEX meetings_id ON meetings(id);
CREATE TABLE items (
  pk INTEGER PRIMARY KEY,
  meeting_pk INTEGER NOT NULL REFERENCES meetings(pk),
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  number TEXT NOT NULL,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  type_printed TEXT NOT NULL,
  case_number TEXT NOT NULL,
  heading TEXT NOT NULL,
  attachments TEXT NOT NULL,
  extent TEXT NOT NULL,
  facts TEXT NOT NULL
);
CREATE INDEX items_meeting ON items(meeting_pk, position);
CREATE INDEX items_id ON items(id);
CREATE INDEX items_case ON items(case_number);
CREATE TABLE sections (
  item_pk INTEGER NOT NULL REFERENCES items(pk),
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (item_pk, position)
);
CREATE TABLE documents (
  pk INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  meeting_pk INTEGER REFERENCES meetings(pk),
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  headings TEXT NOT NULL,
  text TEXT NOT NULL,
  item_id TEXT NOT NULL,
  extent TEXT NOT NULL,
  facts TEXT NOT NULL
);
CREATE INDEX documents_id ON documents(id);
CREATE INDEX documents_meeting ON documents(meeting_pk, position);
CREATE TABLE deadlines (
  item_pk INTEGER REFERENCES items(pk),
  document_pk INTEGER REFERENCES documents(pk),
  date TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX deadlines_date ON deadlines(date);
CREATE TABLE appointments (
  item_pk INTEGER NOT NULL REFERENCES items(pk),
  person TEXT NOT NULL,
  organisation TEXT NOT NULL,
  body TEXT NOT NULL,
  role TEXT NOT NULL
);
)sql",
    // 2: when each identity was first stored (OParl "created"), and the
    // indexes that paged lists, dates and time filters read through.
    R"sql(
ALTER TABLE sources ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
UPDATE sources SET created_at =
  (SELECT MIN(s2.ingested_at) FROM sources s2 WHERE s2.key = sources.key);
CREATE INDEX sources_created ON sources(created_at);
CREATE INDEX sources_ingested ON sources(ingested_at);
CREATE INDEX meetings_body_date ON meetings(body, date, id);
CREATE INDEX meetings_date ON meetings(date, id);
CREATE INDEX meetings_source ON meetings(source_id);
)sql",
    // 3: each source's original bytes, written by Put() in the packet's
    // transaction (sources stored before have none).
    R"sql(
CREATE TABLE source_files (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id),
  content BLOB NOT NULL
);
)sql",
    // 4: appointments by item and by person (OParl Person, Membership).
    R"sql(
CREATE INDEX appointments_item ON appointments(item_pk);
CREATE INDEX appointments_person ON appointments(person);
)sql",
    // 5: each item's case key (CaseKeys(); OParl Papers are cases), filled
    // in for the items stored before by BackfillCaseKeys().
    R"sql(
ALTER TABLE items ADD COLUMN case_key TEXT NOT NULL DEFAULT '';
CREATE INDEX items_case_key ON items(case_key);
)sql",
};
// The schema version whose migration is followed by BackfillCaseKeys().
constexpr int kCaseKeyVersion = 5;

// The columns LoadMeetings() reads, and the join every meeting read needs.
constexpr char kMeetingSelect[] =
    "SELECT m.pk, m.id, m.body, m.date, m.start, m.place, m.case_number, s.file, s.sha256,"
    " s.id, s.created_at, s.ingested_at, s.bytes, s.pages, s.encoding,"
    " EXISTS (SELECT 1 FROM source_files f WHERE f.source_id = s.id)"
    " FROM meetings m JOIN sources s ON s.id = m.source_id WHERE s.superseded_by IS NULL";
constexpr char kMeetingOrder[] = " ORDER BY m.date, m.id, m.pk";

// The columns LoadStoredItems() reads: the item's, then kMeetingSelect's,
// then the item's case key.
constexpr char kItemSelect[] =
    "SELECT i.pk, i.id, i.number, i.title, i.type, i.type_printed, i.case_number, i.heading,"
    " i.attachments, i.extent, i.facts, i.position,"
    " m.pk, m.id, m.body, m.date, m.start, m.place, m.case_number, s.file, s.sha256,"
    " s.id, s.created_at, s.ingested_at, s.bytes, s.pages, s.encoding,"
    " EXISTS (SELECT 1 FROM source_files f WHERE f.source_id = s.id), i.case_key"
    " FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN sources s ON s.id = m.source_id"
    " WHERE s.superseded_by IS NULL";

constexpr char kItemOrder[] = " ORDER BY m.date, m.id, m.pk, i.position";

// The current items that come first in their case (CaseKeys()), each as
// its id, its case's stamps and the columns of the order: a case's stamps
// are the earliest created_at and the latest ingested_at of its items.
// "Earlier" is the order of kItemOrder (a meeting without a date first).
constexpr char kCaseFirstItems[] =
    "SELECT i.id AS item_id, i.case_key AS case_key, m.body AS body, m.date AS date, m.id AS meeting_id,"
    " m.pk AS meeting_pk, i.position AS position,"
    " CASE WHEN i.case_key = '' THEN s.created_at ELSE"
    "  (SELECT MIN(sj.created_at) FROM items j JOIN meetings mj ON mj.pk = j.meeting_pk"
    "   JOIN sources sj ON sj.id = mj.source_id WHERE j.case_key = i.case_key AND sj.superseded_by IS NULL)"
    " END AS created_at,"
    " CASE WHEN i.case_key = '' THEN s.ingested_at ELSE"
    "  (SELECT MAX(sj.ingested_at) FROM items j JOIN meetings mj ON mj.pk = j.meeting_pk"
    "   JOIN sources sj ON sj.id = mj.source_id WHERE j.case_key = i.case_key AND sj.superseded_by IS NULL)"
    " END AS modified_at"
    " FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN sources s ON s.id = m.source_id"
    " WHERE s.superseded_by IS NULL"
    " AND (i.case_key = '' OR NOT EXISTS (SELECT 1 FROM items j JOIN meetings mj ON mj.pk = j.meeting_pk"
    "  JOIN sources sj ON sj.id = mj.source_id WHERE j.case_key = i.case_key AND sj.superseded_by IS NULL"
    "  AND (COALESCE(mj.date, ''), mj.id, mj.pk, j.position) < (COALESCE(m.date, ''), m.id, m.pk, i.position)))";

// A ListQuery as SQL conditions on m (meetings) and s (sources), with the
// values to bind in order.
struct Conditions {
  std::string sql;
  std::vector<std::string> values;
};

Conditions ConditionsOf(const ListQuery& q) {
  Conditions c;
  auto add = [&c](const char* condition, const std::string& value) {
    if (value.empty()) return;
    c.sql += condition;
    c.values.push_back(value);
  };
  add(" AND m.body = ?", q.body);
  add(" AND s.created_at >= ?", q.created_since);
  add(" AND s.created_at <= ?", q.created_until);
  add(" AND s.ingested_at >= ?", q.modified_since);
  add(" AND s.ingested_at <= ?", q.modified_until);
  return c;
}

// A ListQuery as SQL conditions on the columns of kCaseFirstItems (as c).
Conditions CaseConditionsOf(const ListQuery& q) {
  Conditions c;
  auto add = [&c](const char* condition, const std::string& value) {
    if (value.empty()) return;
    c.sql += condition;
    c.values.push_back(value);
  };
  add(" AND c.body = ?", q.body);
  add(" AND c.created_at >= ?", q.created_since);
  add(" AND c.created_at <= ?", q.created_until);
  add(" AND c.modified_at >= ?", q.modified_since);
  add(" AND c.modified_at <= ?", q.modified_until);
  return c;
}

// Binds the conditions' values from parameter 1; returns the next index.
int BindConditions(Statement& q, const Conditions& c) {
  int i = 1;
  for (const std::string& v : c.values) q.Bind(i++, v);
  return i;
}

// Binds the conditions, then the query's page to the statement's closing
// "LIMIT ? OFFSET ?".
void BindConditionsAndPage(Statement& q, const Conditions& c, const ListQuery& query) {
  int i = BindConditions(q, c);
  q.Bind(i++, std::max<std::int64_t>(0, query.limit));
  q.Bind(i, std::max<std::int64_t>(0, query.offset));
}

// The single number a "SELECT COUNT(*) …" with the conditions gives.
std::int64_t CountOf(StatementCache& statements, const std::string& sql, const Conditions& c) {
  Statement q(statements, sql);
  BindConditions(q, c);
  q.Step();
  return q.Int64(0);
}

std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db), statements_(db) {}
  ~SqliteStore() override {
    statements_.Clear();  // SQLite closes no connection with statements left
    sqlite3_close(db_);
  }

  bool Migrate(std::string* error) {
    Statement version(statements_, "PRAGMA user_version");
    version.Step();
    int current = version.Int(0);
    version.Reset();  // holds no read snapshot while the migrations run
    const int target = SqliteSchemaVersion();
    if (current > target) {
      *error = "the store's schema (version " + std::to_string(current) +
               ") is newer than this program's (" + std::to_string(target) + ")";
      return false;
    }
    for (int v = current; v < target; ++v) {
      Transaction tx(db_);
      if (!Exec(kMigrations[v], error)) return false;
      if (v + 1 == kCaseKeyVersion && !BackfillCaseKeys(error)) return false;
      if (!Exec("PRAGMA user_version = " + std::to_string(v + 1), error)) return false;
      if (!tx.Commit(error)) return false;
    }
    return true;
  }

  bool Put(const model::Packet& packet, PutResult* result, std::string* error,
           const BeforeCommit& before_commit) override {
    try {
      Transaction tx(db_, /*immediate=*/true);
      Statement same(statements_, "SELECT id FROM sources WHERE sha256 = ?");
      same.Bind(1, packet.source.sha256);
      if (same.Step()) {
        *result = {PutStatus::kUnchanged, same.Int64(0), 0, ""};
        return true;  // the transaction rolls back: nothing was written
      }
      const std::string key = PacketKey(packet);
      Statement old(statements_, "SELECT id, sha256, created_at FROM sources WHERE key = ? AND superseded_by IS NULL");
      old.Bind(1, key);
      std::int64_t old_id = 0;
      std::string old_sha;
      const std::string now = NowUtc();
      std::string created_at = now;  // a new version keeps its identity's
      if (old.Step()) {
        old_id = old.Int64(0);
        old_sha = old.Text(1);
        if (!old.Text(2).empty()) created_at = old.Text(2);
      }

      Statement src(statements_,
                    "INSERT INTO sources (key, file, sha256, bytes, pages, encoding, layout, warnings,"
                    " ingested_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      src.Bind(1, key);
      src.Bind(2, packet.source.file);
      src.Bind(3, packet.source.sha256);
      src.Bind(4, static_cast<std::int64_t>(packet.source.bytes));
      src.Bind(5, packet.source.pages);
      src.Bind(6, packet.source.encoding);
      src.Bind(7, packet.layout);
      src.Bind(8, json(packet.warnings).dump());
      src.Bind(9, now);
      src.Bind(10, created_at);
      src.Run();
      const std::int64_t source_id = sqlite3_last_insert_rowid(db_);
      if (!packet.original.empty()) {
        Statement file(statements_, "INSERT INTO source_files (source_id, content) VALUES (?, ?)");
        file.Bind(1, source_id);
        file.BindBlob(2, packet.original);
        file.Run();
      }
      if (old_id) {
        Statement sup(statements_, "UPDATE sources SET superseded_by = ? WHERE id = ?");
        sup.Bind(1, source_id);
        sup.Bind(2, old_id);
        sup.Run();
      }
      for (const model::Meeting& m : packet.meetings) PutMeeting(m, source_id);
      for (std::size_t i = 0; i < packet.documents.size(); ++i) {
        PutDocument(packet.documents[i], source_id, 0, static_cast<int>(i));
      }
      PutResult outcome{old_id ? PutStatus::kSuperseded : PutStatus::kAdded, source_id, old_id, old_sha};
      if (before_commit && !before_commit(outcome, error)) return false;  // rolls back
      if (!tx.Commit(error)) return false;
      *result = outcome;
      return true;
    } catch (const std::exception& e) {
      *error = e.what();
      return false;
    }
  }

  std::vector<StoredMeeting> Meetings() override {
    Statement q(statements_, std::string(kMeetingSelect) + kMeetingOrder);
    return LoadMeetings(q, Detail::kFull);
  }

  std::vector<BodySummary> Bodies() override {
    std::vector<BodySummary> out;
    Statement q(statements_,
                "SELECT m.body, COUNT(*), MIN(s.created_at), MAX(s.ingested_at), MIN(m.date), MAX(m.date)"
                " FROM meetings m JOIN sources s ON s.id = m.source_id"
                " WHERE s.superseded_by IS NULL AND m.body <> '' GROUP BY m.body ORDER BY m.body");
    while (q.Step()) {
      out.push_back({q.Text(0), q.Int64(1), q.Text(2), q.Text(3), model::DateFromIso(q.Text(4)),
                     model::DateFromIso(q.Text(5))});
    }
    return out;
  }

  std::vector<std::string> BodyNames() override {
    std::vector<std::string> out;
    Statement q(statements_, "SELECT DISTINCT body FROM meetings WHERE body <> '' ORDER BY body");  // the index alone
    while (q.Step()) out.push_back(q.Text(0));
    return out;
  }

  std::optional<BodySummary> FindBody(const std::string& name) override {
    Statement q(statements_,
                "SELECT m.body, COUNT(*), MIN(s.created_at), MAX(s.ingested_at), MIN(m.date), MAX(m.date)"
                " FROM meetings m JOIN sources s ON s.id = m.source_id"
                " WHERE s.superseded_by IS NULL AND m.body = ? GROUP BY m.body");
    q.Bind(1, name);
    if (name.empty() || !q.Step()) return std::nullopt;
    return BodySummary{q.Text(0), q.Int64(1), q.Text(2), q.Text(3), model::DateFromIso(q.Text(4)),
                       model::DateFromIso(q.Text(5))};
  }

  std::vector<StoredMeeting> MeetingsPage(const ListQuery& query, Detail detail) override {
    const Conditions c = ConditionsOf(query);
    Statement q(statements_, std::string(kMeetingSelect) + c.sql + kMeetingOrder + " LIMIT ? OFFSET ?");
    BindConditionsAndPage(q, c, query);
    return LoadMeetings(q, detail);
  }

  std::int64_t CountMeetings(const ListQuery& query) override {
    const Conditions c = ConditionsOf(query);
    return CountOf(statements_,
                   "SELECT COUNT(*) FROM meetings m JOIN sources s ON s.id = m.source_id"
                   " WHERE s.superseded_by IS NULL" + c.sql,
                   c);
  }

  std::vector<StoredMeeting> MeetingsOn(const model::Date& date, Detail detail) override {
    if (!date.valid() || date.year == 0) return {};
    Statement q(statements_, std::string(kMeetingSelect) + " AND m.date = ?" + kMeetingOrder);
    q.Bind(1, date.iso());
    return LoadMeetings(q, detail);
  }

  std::vector<StoredMeeting> LatestMeetings(Detail detail) override {
    std::vector<StoredMeeting> out;
    // One indexed descent (meetings_body_date) per body, newest first,
    // skipping superseded rows.
    Statement q(statements_, std::string(kMeetingSelect) + " AND m.body = ? ORDER BY m.date DESC, m.id DESC, m.pk DESC LIMIT 1");
    Statement bodies(statements_,
                     "SELECT DISTINCT m.body FROM meetings m JOIN sources s ON s.id = m.source_id"
                     " WHERE s.superseded_by IS NULL ORDER BY m.body");
    while (bodies.Step()) {
      q.Reset();
      q.Bind(1, bodies.Text(0));
      for (StoredMeeting& m : LoadMeetings(q, detail)) out.push_back(std::move(m));
    }
    return out;
  }

  std::vector<StoredItem> ItemsPage(const ListQuery& query, Detail detail) override {
    const Conditions c = ConditionsOf(query);
    Statement q(statements_, std::string(kItemSelect) + c.sql + kItemOrder + " LIMIT ? OFFSET ?");
    BindConditionsAndPage(q, c, query);
    return LoadStoredItems(q, detail);
  }

  std::int64_t CountItems(const ListQuery& query) override {
    const Conditions c = ConditionsOf(query);
    return CountOf(statements_,
                   "SELECT COUNT(*) FROM items i JOIN meetings m ON m.pk = i.meeting_pk"
                   " JOIN sources s ON s.id = m.source_id WHERE s.superseded_by IS NULL" + c.sql,
                   c);
  }

  std::optional<StoredItem> FindStoredItem(const std::string& id, Detail detail) override {
    return FindStoredItem(id, detail, nullptr);
  }

  std::vector<StoredCase> CasesPage(const ListQuery& query, Detail detail) override {
    const Conditions c = CaseConditionsOf(query);
    Statement q(statements_, std::string("SELECT c.item_id, c.case_key, c.created_at, c.modified_at FROM (") +
                         kCaseFirstItems + ") c WHERE 1" + c.sql +
                         " ORDER BY c.date, c.meeting_id, c.meeting_pk, c.position LIMIT ? OFFSET ?");
    BindConditionsAndPage(q, c, query);
    std::vector<StoredCase> out;
    while (q.Step()) {
      StoredCase sc;
      sc.case_key = q.Text(1);
      sc.created_at = q.Text(2);
      sc.modified_at = q.Text(3);
      if (sc.case_key.empty()) {
        if (auto item = FindStoredItem(q.Text(0), detail, nullptr)) sc.items.push_back(std::move(*item));
      } else {
        sc.items = CaseItems(sc.case_key, detail);
      }
      if (!sc.items.empty()) out.push_back(std::move(sc));
    }
    return out;
  }

  std::int64_t CountCases(const ListQuery& query) override {
    const Conditions c = CaseConditionsOf(query);
    return CountOf(statements_, std::string("SELECT COUNT(*) FROM (") + kCaseFirstItems + ") c WHERE 1" + c.sql, c);
  }

  std::optional<StoredCase> FindCase(const std::string& case_key, Detail detail) override {
    if (case_key.empty()) return std::nullopt;
    StoredCase sc;
    sc.case_key = case_key;
    sc.items = CaseItems(case_key, detail);
    if (sc.items.empty()) return std::nullopt;
    sc.created_at = sc.items.front().stamps.created_at;
    sc.modified_at = sc.items.front().stamps.modified_at;
    for (const StoredItem& i : sc.items) {
      sc.created_at = std::min(sc.created_at, i.stamps.created_at);
      sc.modified_at = std::max(sc.modified_at, i.stamps.modified_at);
    }
    return sc;
  }

  std::optional<StoredMeeting> FindMeeting(const std::string& id) override {
    Statement q(statements_, std::string(kMeetingSelect) + " AND m.id = ?");
    q.Bind(1, id);
    auto found = LoadMeetings(q, Detail::kFull);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  std::optional<model::AgendaItem> FindItem(const std::string& id, model::Meeting* meeting) override {
    std::int64_t meeting_pk = 0;
    std::optional<StoredItem> found = FindStoredItem(id, Detail::kFull, &meeting_pk);
    if (!found) return std::nullopt;
    if (meeting) {
      Statement q(statements_, std::string(kMeetingSelect) + " AND m.pk = ?");
      q.Bind(1, meeting_pk);
      std::vector<StoredMeeting> m = LoadMeetings(q, Detail::kOutline);
      *meeting = m.empty() ? std::move(found->meeting) : std::move(m.front().meeting);
    }
    return std::move(found->item);
  }

  std::vector<StoredDocument> LooseDocuments() override {
    Statement q(statements_,
                "SELECT d.pk, d.id, d.title, d.headings, d.text, d.facts, d.item_id, d.extent, '',"
                " s.file, s.sha256, s.id, s.created_at, s.ingested_at FROM documents d JOIN sources s ON s.id = d.source_id"
                " WHERE s.superseded_by IS NULL AND d.meeting_pk IS NULL ORDER BY s.id, d.position");
    return LoadDocuments(q);
  }

  std::optional<StoredDocument> FindDocument(const std::string& id) override {
    Statement q(statements_,
                "SELECT d.pk, d.id, d.title, d.headings, d.text, d.facts, d.item_id, d.extent,"
                " COALESCE(m.id, ''), s.file, s.sha256, s.id, s.created_at, s.ingested_at FROM documents d"
                " JOIN sources s ON s.id = d.source_id LEFT JOIN meetings m ON m.pk = d.meeting_pk"
                " WHERE s.superseded_by IS NULL AND d.id = ?");
    q.Bind(1, id);
    auto found = LoadDocuments(q);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  std::optional<OriginalFile> Original(const std::string& sha256, bool with_bytes) override {
    Statement q(statements_, std::string("SELECT s.file, s.sha256, s.bytes, s.pages, s.encoding, s.id, s.created_at,"
                                 " s.ingested_at, ") +
                         (with_bytes ? "f.content" : "NULL") +
                         " FROM sources s JOIN source_files f ON f.source_id = s.id"
                         " WHERE s.sha256 = ? AND s.superseded_by IS NULL");
    q.Bind(1, sha256);
    if (!q.Step()) return std::nullopt;
    OriginalFile out;
    out.source.file = q.Text(0);
    out.source.sha256 = q.Text(1);
    out.source.bytes = static_cast<std::uint64_t>(q.Int64(2));
    out.source.pages = q.Int(3);
    out.source.encoding = q.Text(4);
    out.stamps = {q.Int64(5), q.Text(6), q.Text(7), true};
    if (with_bytes) out.bytes = q.Blob(8);
    Statement meetings(statements_, "SELECT id FROM meetings WHERE source_id = ? ORDER BY pk");
    meetings.Bind(1, out.stamps.source_id);
    while (meetings.Step()) out.meeting_ids.push_back(meetings.Text(0));
    return out;
  }

  std::vector<DeadlineRecord> Deadlines(const model::Date& from, const model::Date& to) override {
    std::vector<DeadlineRecord> out;
    Statement q(statements_,
                "SELECT d.date, d.text, COALESCE(i.id, ''), COALESCE(doc.id, ''), COALESCE(i.title, doc.title),"
                " COALESCE(m.id, dm.id, ''), COALESCE(m.body, dm.body, '')"
                " FROM deadlines d"
                " LEFT JOIN items i ON i.pk = d.item_pk LEFT JOIN meetings m ON m.pk = i.meeting_pk"
                " LEFT JOIN documents doc ON doc.pk = d.document_pk LEFT JOIN meetings dm ON dm.pk = doc.meeting_pk"
                " JOIN sources s ON s.id = COALESCE(m.source_id, doc.source_id)"
                " WHERE s.superseded_by IS NULL AND d.date >= ? AND d.date <= ?"
                " ORDER BY d.date, m.body, i.position");
    q.Bind(1, from.valid() ? from.iso() : std::string("0000-00-00"));
    q.Bind(2, to.valid() ? to.iso() : std::string("9999-99-99"));
    while (q.Step()) {
      out.push_back({model::DateFromIso(q.Text(0)), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)});
    }
    return out;
  }

  std::vector<AppointmentRecord> Appointments() override { return FindAppointments({}); }

  std::vector<std::string> AppointedPersons() override {
    std::vector<std::string> out;
    Statement q(statements_,
                "SELECT DISTINCT a.person FROM appointments a JOIN items i ON i.pk = a.item_pk"
                " JOIN meetings m ON m.pk = i.meeting_pk JOIN sources s ON s.id = m.source_id"
                " WHERE s.superseded_by IS NULL ORDER BY a.person");
    while (q.Step()) out.push_back(q.Text(0));
    return out;
  }

  std::vector<AppointmentRecord> FindAppointments(const AppointmentFilter& filter) override {
    std::vector<AppointmentRecord> out;
    std::string where;
    std::vector<std::string> values;
    for (const auto& [condition, value] : {std::pair<const char*, const std::string&>{" AND m.body = ?", filter.meeting_body},
                                           {" AND a.person = ?", filter.person},
                                           {" AND i.id = ?", filter.item_id}}) {
      if (value.empty()) continue;
      where += condition;
      values.push_back(value);
    }
    Statement q(statements_,
                "SELECT a.person, a.organisation, a.body, a.role, i.id, i.title, m.body, m.date,"
                " s.id, s.created_at, s.ingested_at"
                " FROM appointments a JOIN items i ON i.pk = a.item_pk JOIN meetings m ON m.pk = i.meeting_pk"
                " JOIN sources s ON s.id = m.source_id WHERE s.superseded_by IS NULL" + where +
                " ORDER BY a.person, m.date, i.id");
    for (std::size_t k = 0; k < values.size(); ++k) q.Bind(static_cast<int>(k) + 1, values[k]);
    while (q.Step()) {
      AppointmentRecord r;
      r.appointment = {q.Text(0), q.Text(1), q.Text(2), q.Text(3), {}};
      r.item_id = q.Text(4);
      r.item_title = q.Text(5);
      r.meeting_body = q.Text(6);
      r.date = model::DateFromIso(q.Text(7));
      r.stamps = {q.Int64(8), q.Text(9), q.Text(10), false};
      out.push_back(std::move(r));
    }
    return out;
  }

  std::vector<SourceRecord> Sources() override {
    std::vector<SourceRecord> out;
    Statement q(statements_,
                "SELECT id, key, file, sha256, bytes, pages, encoding, layout, warnings, ingested_at,"
                " COALESCE(superseded_by, 0) FROM sources ORDER BY id");
    while (q.Step()) {
      SourceRecord r;
      r.id = q.Int64(0);
      r.key = q.Text(1);
      r.source.file = q.Text(2);
      r.source.sha256 = q.Text(3);
      r.source.bytes = static_cast<std::uint64_t>(q.Int64(4));
      r.source.pages = q.Int(5);
      r.source.encoding = q.Text(6);
      r.layout = q.Text(7);
      r.warnings = json::parse(q.Text(8)).get<std::vector<std::string>>();
      r.ingested_at = q.Text(9);
      r.superseded_by = q.Int64(10);
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  bool Exec(const std::string& sql, std::string* error) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      *error = message ? message : "sqlite error";
      sqlite3_free(message);
      return false;
    }
    return true;
  }

  void PutMeeting(const model::Meeting& m, std::int64_t source_id) {
    Statement ins(statements_,
                  "INSERT INTO meetings (source_id, id, body, date, start, place, case_number)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.Bind(1, source_id);
    ins.Bind(2, m.id);
    ins.Bind(3, m.body);
    if (m.date.valid()) ins.Bind(4, m.date.iso()); else ins.BindNull(4);
    ins.Bind(5, m.start);
    ins.Bind(6, m.place);
    ins.Bind(7, m.case_number);
    ins.Run();
    const std::int64_t meeting_pk = sqlite3_last_insert_rowid(db_);
    Statement item_ins(statements_,
                       "INSERT INTO items (meeting_pk, position, id, number, title, type, type_printed,"
                       " case_number, heading, attachments, extent, facts, case_key)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement section_ins(statements_, "INSERT INTO sections (item_pk, position, heading, kind, text) VALUES (?, ?, ?, ?, ?)");
    Statement deadline_ins(statements_, "INSERT INTO deadlines (item_pk, date, text) VALUES (?, ?, ?)");
    Statement appointment_ins(statements_,
                              "INSERT INTO appointments (item_pk, person, organisation, body, role)"
                              " VALUES (?, ?, ?, ?, ?)");
    const std::vector<std::string> case_keys = CaseKeys(m);
    for (std::size_t k = 0; k < m.items.size(); ++k) {
      const model::AgendaItem& item = m.items[k];
      item_ins.Reset();
      item_ins.Bind(1, meeting_pk);
      item_ins.Bind(2, static_cast<int>(k));
      item_ins.Bind(3, item.id);
      item_ins.Bind(4, item.number);
      item_ins.Bind(5, item.title);
      item_ins.Bind(6, item.type);
      item_ins.Bind(7, item.type_printed);
      item_ins.Bind(8, item.case_number);
      item_ins.Bind(9, item.heading);
      item_ins.Bind(10, json(item.attachments).dump());
      item_ins.Bind(11, model::ToJson(item.extent).dump());
      item_ins.Bind(12, model::ToJson(item.facts).dump());
      item_ins.Bind(13, case_keys[k]);
      item_ins.Run();
      const std::int64_t item_pk = sqlite3_last_insert_rowid(db_);
      for (std::size_t s = 0; s < item.sections.size(); ++s) {
        section_ins.Reset();
        section_ins.Bind(1, item_pk);
        section_ins.Bind(2, static_cast<int>(s));
        section_ins.Bind(3, item.sections[s].heading);
        section_ins.Bind(4, item.sections[s].kind);
        section_ins.Bind(5, item.sections[s].text);
        section_ins.Run();
      }
      for (const model::Deadline& d : item.facts.deadlines) {
        deadline_ins.Reset();
        deadline_ins.Bind(1, item_pk);
        deadline_ins.Bind(2, d.date.iso());
        deadline_ins.Bind(3, d.text);
        deadline_ins.Run();
      }
      for (const model::Appointment& a : item.facts.appointments) {
        appointment_ins.Reset();
        appointment_ins.Bind(1, item_pk);
        appointment_ins.Bind(2, a.person);
        appointment_ins.Bind(3, a.organisation);
        appointment_ins.Bind(4, a.body);
        appointment_ins.Bind(5, a.role);
        appointment_ins.Run();
      }
    }
    for (std::size_t i = 0; i < m.documents.size(); ++i) {
      PutDocument(m.documents[i], source_id, meeting_pk, static_cast<int>(i));
    }
  }

  void PutDocument(const model::Document& d, std::int64_t source_id, std::int64_t meeting_pk, int position) {
    Statement ins(statements_,
                  "INSERT INTO documents (source_id, meeting_pk, position, id, title, headings, text,"
                  " item_id, extent, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.Bind(1, source_id);
    if (meeting_pk) ins.Bind(2, meeting_pk); else ins.BindNull(2);
    ins.Bind(3, position);
    ins.Bind(4, d.id);
    ins.Bind(5, d.title);
    ins.Bind(6, json(d.headings).dump());
    ins.Bind(7, d.text);
    ins.Bind(8, d.item_id);
    ins.Bind(9, model::ToJson(d.extent).dump());
    ins.Bind(10, model::ToJson(d.facts).dump());
    ins.Run();
    const std::int64_t pk = sqlite3_last_insert_rowid(db_);
    Statement deadline_ins(statements_, "INSERT INTO deadlines (document_pk, date, text) VALUES (?, ?, ?)");
    for (const model::Deadline& dl : d.facts.deadlines) {
      deadline_ins.Reset();
      deadline_ins.Bind(1, pk);
      deadline_ins.Bind(2, dl.date.iso());
      deadline_ins.Bind(3, dl.text);
      deadline_ins.Run();
    }
  }

  // The current items with this (non-empty) case key, in kItemOrder.
  std::vector<StoredItem> CaseItems(const std::string& case_key, Detail detail) {
    Statement q(statements_, std::string(kItemSelect) + " AND i.case_key = ?" + kItemOrder);
    q.Bind(1, case_key);
    return LoadStoredItems(q, detail);
  }

  // Sets the case key of every stored item (history too), meeting by
  // meeting, as Put() would have: for the migration to kCaseKeyVersion.
  bool BackfillCaseKeys(std::string* error) {
    try {
      Statement meetings(statements_, "SELECT pk FROM meetings ORDER BY pk");
      Statement items(statements_, "SELECT pk, case_number FROM items WHERE meeting_pk = ? ORDER BY position");
      Statement update(statements_, "UPDATE items SET case_key = ? WHERE pk = ?");
      while (meetings.Step()) {
        items.Reset();
        items.Bind(1, meetings.Int64(0));
        model::Meeting m;
        std::vector<std::int64_t> pks;
        while (items.Step()) {
          pks.push_back(items.Int64(0));
          m.items.emplace_back().case_number = items.Text(1);
        }
        const std::vector<std::string> keys = CaseKeys(m);
        for (std::size_t k = 0; k < pks.size(); ++k) {
          if (keys[k].empty()) continue;
          update.Reset();
          update.Bind(1, keys[k]);
          update.Bind(2, pks[k]);
          update.Run();
        }
      }
      return true;
    } catch (const std::exception& e) {
      *error = e.what();
      return false;
    }
  }

  std::optional<StoredItem> FindStoredItem(const std::string& id, Detail detail, std::int64_t* meeting_pk) {
    Statement q(statements_, std::string(kItemSelect) + " AND i.id = ?");
    q.Bind(1, id);
    std::vector<std::int64_t> pks;
    std::vector<StoredItem> found = LoadStoredItems(q, detail, &pks);
    if (found.empty()) return std::nullopt;
    if (meeting_pk) *meeting_pk = pks.front();
    return std::move(found.front());
  }

  // Reads a meeting row of kMeetingSelect's columns from column `at` on.
  static std::int64_t ReadMeetingRow(const Statement& q, int at, model::Meeting* m, model::Source* source,
                                     Stamps* stamps) {
    m->id = q.Text(at + 1);
    m->body = q.Text(at + 2);
    m->date = model::DateFromIso(q.Text(at + 3));
    m->start = q.Text(at + 4);
    m->place = q.Text(at + 5);
    m->case_number = q.Text(at + 6);
    source->file = q.Text(at + 7);
    source->sha256 = q.Text(at + 8);
    stamps->source_id = q.Int64(at + 9);
    stamps->created_at = q.Text(at + 10);
    stamps->modified_at = q.Text(at + 11);
    source->bytes = static_cast<std::uint64_t>(q.Int64(at + 12));
    source->pages = q.Int(at + 13);
    source->encoding = q.Text(at + 14);
    stamps->original_kept = q.Int(at + 15) != 0;
    return q.Int64(at);
  }

  // Meetings from a statement over kMeetingSelect's columns. The
  // statements for their items, sections and documents are prepared once
  // for all of them.
  std::vector<StoredMeeting> LoadMeetings(Statement& q, Detail detail) {
    std::vector<StoredMeeting> out;
    if (detail == Detail::kHeader) {
      while (q.Step()) {
        StoredMeeting sm;
        ReadMeetingRow(q, 0, &sm.meeting, &sm.source, &sm.stamps);
        out.push_back(std::move(sm));
      }
      return out;
    }
    Statement items(statements_,
                    "SELECT pk, id, number, title, type, type_printed, case_number, heading, attachments,"
                    " extent, facts FROM items WHERE meeting_pk = ? ORDER BY position");
    Statement sections = SectionsStatement(detail);
    const std::string text = detail == Detail::kFull ? "d.text, d.facts" : "'', '{}'";
    Statement docs(statements_, "SELECT d.pk, d.id, d.title, d.headings, " + text +
                            ", d.item_id, d.extent, '', s.file, s.sha256, s.id, s.created_at, s.ingested_at"
                            " FROM documents d JOIN sources s ON s.id = d.source_id"
                            " WHERE d.meeting_pk = ? ORDER BY d.position");
    while (q.Step()) {
      StoredMeeting sm;
      const std::int64_t pk = ReadMeetingRow(q, 0, &sm.meeting, &sm.source, &sm.stamps);
      model::Meeting& m = sm.meeting;
      items.Reset();
      items.Bind(1, pk);
      while (items.Step()) {
        model::AgendaItem item;
        ReadItemRow(items, 0, detail, sections, &item);
        m.items.push_back(std::move(item));
      }
      docs.Reset();
      docs.Bind(1, pk);
      for (StoredDocument& d : LoadDocuments(docs)) {
        d.document.meeting_id = m.id;
        m.documents.push_back(std::move(d.document));
      }
      out.push_back(std::move(sm));
    }
    return out;
  }

  // Reads an item row of the items table's columns from column `at` on
  // (pk, id, number, title, type, type_printed, case_number, heading,
  // attachments, extent, facts) and its sections; returns its pk.
  std::int64_t ReadItemRow(const Statement& q, int at, Detail detail, Statement& sections, model::AgendaItem* item) {
    item->id = q.Text(at + 1);
    item->number = q.Text(at + 2);
    item->title = q.Text(at + 3);
    item->type = q.Text(at + 4);
    item->type_printed = q.Text(at + 5);
    item->case_number = q.Text(at + 6);
    item->heading = q.Text(at + 7);
    item->attachments = json::parse(q.Text(at + 8)).get<std::vector<std::string>>();
    item->extent = model::ExtentFromJson(json::parse(q.Text(at + 9)));
    if (detail == Detail::kFull) item->facts = model::FactsFromJson(json::parse(q.Text(at + 10)));
    const std::int64_t pk = q.Int64(at);
    sections.Reset();
    sections.Bind(1, pk);
    while (sections.Step()) item->sections.push_back({sections.Text(0), sections.Text(1), sections.Text(2)});
    return pk;
  }

  Statement SectionsStatement(Detail detail) {
    return Statement(statements_, detail == Detail::kFull
                              ? "SELECT heading, kind, text FROM sections WHERE item_pk = ? ORDER BY position"
                              : "SELECT heading, kind, text FROM sections WHERE item_pk = ? AND kind = 'beslutning'"
                                " ORDER BY position");
  }

  // Items from a statement over kItemSelect's columns.
  std::vector<StoredItem> LoadStoredItems(Statement& q, Detail detail, std::vector<std::int64_t>* meeting_pks = nullptr) {
    std::vector<StoredItem> out;
    Statement sections = SectionsStatement(detail);
    while (q.Step()) {
      StoredItem si;
      ReadItemRow(q, 0, detail, sections, &si.item);
      si.position = q.Int(11);
      const std::int64_t pk = ReadMeetingRow(q, 12, &si.meeting, &si.source, &si.stamps);
      si.case_key = q.Text(28);
      if (meeting_pks) meeting_pks->push_back(pk);
      out.push_back(std::move(si));
    }
    return out;
  }

  // Documents from a statement whose columns are pk, id, title, headings,
  // text, facts, item_id, extent, meeting id, file, sha256, source id,
  // created_at, ingested_at.
  std::vector<StoredDocument> LoadDocuments(Statement& q) {
    std::vector<StoredDocument> out;
    while (q.Step()) {
      StoredDocument sd;
      model::Document& d = sd.document;
      d.id = q.Text(1);
      d.title = q.Text(2);
      d.headings = json::parse(q.Text(3)).get<std::vector<std::string>>();
      d.text = q.Text(4);
      d.facts = model::FactsFromJson(json::parse(q.Text(5)));
      d.item_id = q.Text(6);
      d.extent = model::ExtentFromJson(json::parse(q.Text(7)));
      d.meeting_id = q.Text(8);
      sd.source.file = q.Text(9);
      sd.source.sha256 = q.Text(10);
      sd.stamps = {q.Int64(11), q.Text(12), q.Text(13), false};
      out.push_back(std::move(sd));
    }
    return out;
  }

  sqlite3* db_;
  StatementCache statements_;  // of db_
};

}  // namespace

// SQLite counts its memory use under one mutex for the whole process by
// default: with a connection per server thread, every allocation waited on
// the others (item pages went from about 3,800 to 7,000 requests/s without
// it).
// It can only be turned off before SQLite is first used, so this runs when
// the program starts, before main().
[[maybe_unused]] const int kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

int SqliteSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

std::unique_ptr<Store> OpenSqliteStore(const std::string& dir, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": cannot create the store directory: " + ec.message();
    return nullptr;
  }
  const std::string path = (std::filesystem::path(dir) / "sagsspor.db").string();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    *error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 10000);
  // Closing must not checkpoint the WAL: that costs fsyncs on every short
  // CLI run; SQLite checkpoints on its own as the WAL grows, and readers
  // see committed data either way.
  sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  auto store = std::make_unique<SqliteStore>(db);
  try {
    char* message = nullptr;
    // WAL: readers never block the writer, and a crash at any moment
    // leaves the last committed state.
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                     nullptr, nullptr, &message) != SQLITE_OK) {
      *error = path + ": not a Sagsspor store (" + (message ? message : "sqlite error") + ")";
      sqlite3_free(message);
      return nullptr;
    }
    if (!store->Migrate(error)) {
      *error = path + ": " + *error;
      return nullptr;
    }
  } catch (const std::exception& e) {
    *error = path + ": " + e.what();
    return nullptr;
  }
  return store;
}

std::string PacketKey(const model::Packet& packet) {
  if (!packet.meetings.empty()) return "meeting:" + packet.meetings.front().id;
  return "file:" + std::filesystem::path(packet.source.file).filename().string();
}

}  // namespace sagsspor::store
