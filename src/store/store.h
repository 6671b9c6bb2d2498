// Where parsed packets are kept. The rest of the program sees only Store;
// SqliteStore (sqlite_store.h) is the embedded implementation.
//
// Every packet is stored with its source (file name and SHA-256 of its
// bytes). A packet's identity is its meeting ("meeting:<meeting id>") or,
// for packets without an agenda, its file name ("file:<name>"). Storing a
// packet whose identity is already stored under other bytes supersedes
// the old version, which stays as history but is no longer "current";
// everything the read methods return is current unless said otherwise.
//
// A Store is used by one thread at a time (it keeps per-connection state,
// such as prepared statements, without a lock); threads that read at once
// take a Store each.

#ifndef SAGSSPOR_STORE_STORE_H_
#define SAGSSPOR_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace sagsspor::store {

enum class PutStatus {
  kAdded,       // new packet
  kUnchanged,   // these exact bytes were stored before; nothing written
  kSuperseded,  // a new version of a stored packet; the old one is history
};

struct PutResult {
  PutStatus status = PutStatus::kAdded;
  std::int64_t source_id = 0;
  std::int64_t superseded_source_id = 0;  // for kSuperseded
  std::string superseded_sha256;          // for kSuperseded
};

// Called by Put() with the packet's outcome after everything is written
// and before the transaction commits; returning false (with *error set)
// rolls the packet back. Used to keep the search index in step.
using BeforeCommit = std::function<bool(const PutResult& result, std::string* error)>;

struct SourceRecord {
  std::int64_t id = 0;
  std::string key;
  model::Source source;
  std::string layout;
  std::string ingested_at;  // UTC, ISO 8601
  std::int64_t superseded_by = 0;  // 0 when current
  std::vector<std::string> warnings;
};

// How much of a meeting (or item) a read loads. Lists and look-ups that
// show only titles should not pay for every section's text.
enum class Detail {
  kHeader,   // the meeting's own fields: no items, no documents
  kOutline,  // + its items without facts, each with only its decision
             //   section (kind "beslutning"), + its documents with titles
             //   but without text or facts
  kFull,     // everything
};

// When a packet was stored, UTC "YYYY-MM-DDTHH:MM:SSZ": `created_at` when
// its identity was first stored, `modified_at` when its current version
// was (the same until a new version supersedes it).
// `original_kept` tells whether the store keeps the source's bytes
// (Store::Original); sources stored before it did (schema 2) have none.
struct Stamps {
  std::int64_t source_id = 0;
  std::string created_at;
  std::string modified_at;
  bool original_kept = false;
};

struct StoredMeeting {
  model::Meeting meeting;
  model::Source source;
  Stamps stamps;
};

struct StoredDocument {
  model::Document document;
  model::Source source;
  Stamps stamps;
};

// One agenda item with the header of its meeting (Detail::kHeader).
struct StoredItem {
  model::AgendaItem item;
  std::string case_key;    // the item's CaseKeys() entry, as stored by Put()
  int position = 0;        // 0-based place on its meeting's agenda
  model::Meeting meeting;  // without items or documents
  model::Source source;
  Stamps stamps;
};

// A body that holds current meetings.
struct BodySummary {
  std::string name;
  std::int64_t meetings = 0;
  std::string created_at;   // the earliest created_at of its meetings
  std::string modified_at;  // the latest modified_at of its meetings
  model::Date first_date;   // of its earliest dated meeting; invalid if none
  model::Date last_date;    // of its latest
};

// One case (an OParl Paper): the current items that share a case key
// (CaseKeys(); across meetings and bodies), or one item without a key.
struct StoredCase {
  std::string case_key;           // "" for an item without one
  std::vector<StoredItem> items;  // in the order of ItemsPage(); never empty
  std::string created_at;         // the earliest created_at of its items
  std::string modified_at;        // the latest modified_at of its items
};

// Which appointments FindAppointments() returns; "" matches any.
struct AppointmentFilter {
  std::string meeting_body;  // the body that appointed, exactly
  std::string person;        // the name, exactly as stored
  std::string item_id;
};

// A current source's original file.
struct OriginalFile {
  model::Source source;
  Stamps stamps;
  std::vector<std::string> meeting_ids;  // the meetings read from it
  std::string bytes;                     // empty unless asked for
};

// Which meetings or items a paged read returns. Time bounds compare with
// Stamps (UTC "YYYY-MM-DDTHH:MM:SSZ"), are inclusive, and "" leaves that
// end open; the caller normalises them to that form.
struct ListQuery {
  std::string body;  // exact body name; "" for every body
  std::string created_since, created_until;
  std::string modified_since, modified_until;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

// A deadline with the item or document it stands in.
struct DeadlineRecord {
  model::Date date;
  std::string text;
  std::string item_id;      // or "" for a document's deadline
  std::string document_id;  // or ""
  std::string title;        // of the item or document
  std::string meeting_id;   // or ""
  std::string body;         // or ""
};

// An appointment with the item that made it.
struct AppointmentRecord {
  model::Appointment appointment;
  std::string item_id;
  std::string item_title;
  std::string meeting_body;  // the body that appointed
  model::Date date;
  Stamps stamps;  // of the packet the item is in
};

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores `packet`, with its original bytes (packet.original, when not
  // empty), in one transaction: on failure (returns false, *error set)
  // nothing of it is stored; a crash at any moment leaves either all
  // of it or none. Storing the same bytes again changes nothing
  // (kUnchanged; before_commit is not called). Safe to call from several
  // processes at once.
  virtual bool Put(const model::Packet& packet, PutResult* result, std::string* error,
                   const BeforeCommit& before_commit = nullptr) = 0;

  // Current meetings, oldest date first, with their items and documents.
  // Loads the whole store: for export and reindex, not for requests.
  virtual std::vector<StoredMeeting> Meetings() = 0;

  // Bodies with current meetings, by name, with their meeting counts.
  // Meetings without a body are not counted.
  virtual std::vector<BodySummary> Bodies() = 0;

  // The names of the bodies that hold meetings, sorted, read from an index
  // alone (cheaper than Bodies()); it may name a body whose meetings are
  // all superseded, for which FindBody() returns nullopt.
  virtual std::vector<std::string> BodyNames() = 0;

  // One body as Bodies() gives it; nullopt when it holds no current meeting.
  virtual std::optional<BodySummary> FindBody(const std::string& name) = 0;

  // The current meetings that match `query`, in a stable order (date, no
  // date first; then id), from query.offset, at most query.limit of them,
  // loaded to `detail`. CountMeetings() is how many match in all.
  virtual std::vector<StoredMeeting> MeetingsPage(const ListQuery& query, Detail detail) = 0;
  virtual std::int64_t CountMeetings(const ListQuery& query) = 0;

  // Current meetings held on `date` (any body), by id.
  virtual std::vector<StoredMeeting> MeetingsOn(const model::Date& date, Detail detail) = 0;

  // The latest current meeting (by date, then id) of each body, by body
  // name (meetings without a body count as one body, ""). Costs one
  // indexed look-up per body, not a load of the store.
  virtual std::vector<StoredMeeting> LatestMeetings(Detail detail) = 0;

  // The current agenda items of the meetings that match `query`, in the
  // order of MeetingsPage() and then their place on the agenda; paged
  // like it. `detail` applies to the items (kHeader is taken as
  // kOutline); the meeting comes with its header only.
  virtual std::vector<StoredItem> ItemsPage(const ListQuery& query, Detail detail) = 0;
  virtual std::int64_t CountItems(const ListQuery& query) = 0;

  // The cases whose earliest item (in the order of ItemsPage()) is in a
  // meeting of query.body ("" for any body), in the order of their
  // earliest items; each case once. The time bounds of `query` apply to
  // the case's stamps (StoredCase: the earliest created_at, the latest
  // modified_at of its items), so an item stored later in another body
  // moves its case into a modified_since window. Paged by query.offset
  // and query.limit in SQL; CountCases() is how many match in all.
  // `detail` applies to the items as in ItemsPage().
  virtual std::vector<StoredCase> CasesPage(const ListQuery& query, Detail detail) = 0;
  virtual std::int64_t CountCases(const ListQuery& query) = 0;

  // The case with this key (non-empty), its items loaded to `detail`;
  // nullopt when no current item has it.
  virtual std::optional<StoredCase> FindCase(const std::string& case_key, Detail detail) = 0;

  // One current item by id, loaded to `detail`, without loading the rest
  // of its meeting; nullopt when there is none.
  virtual std::optional<StoredItem> FindStoredItem(const std::string& id, Detail detail) = 0;

  // Current documents that belong to no meeting.
  virtual std::vector<StoredDocument> LooseDocuments() = 0;

  // Looks up one current meeting, item or document by id, in full. For
  // FindItem, *meeting (when not null) gets the item's meeting in outline
  // (Detail::kOutline): the other items' sections and facts are not read.
  virtual std::optional<StoredMeeting> FindMeeting(const std::string& id) = 0;
  virtual std::optional<model::AgendaItem> FindItem(const std::string& id,
                                                    model::Meeting* meeting) = 0;
  virtual std::optional<StoredDocument> FindDocument(const std::string& id) = 0;

  // The current source with this SHA-256, if the store keeps its bytes;
  // with them when `with_bytes`. nullopt for an unknown, superseded or
  // bytes-less source.
  virtual std::optional<OriginalFile> Original(const std::string& sha256, bool with_bytes) = 0;

  // Current deadlines dated from `from` to `to` (inclusive; an invalid
  // date leaves that end open), earliest first.
  virtual std::vector<DeadlineRecord> Deadlines(const model::Date& from, const model::Date& to) = 0;

  // Current appointments, by person's name.
  virtual std::vector<AppointmentRecord> Appointments() = 0;

  // Current appointments that match `filter`, in the order of
  // Appointments() (then by item id).
  virtual std::vector<AppointmentRecord> FindAppointments(const AppointmentFilter& filter) = 0;

  // The distinct names of everyone with a current appointment, sorted.
  virtual std::vector<std::string> AppointedPersons() = 0;

  // Every stored source, history included, in the order stored.
  virtual std::vector<SourceRecord> Sources() = 0;

 protected:
  Store() = default;
};

// The identity of a packet, as described above.
std::string PacketKey(const model::Packet& packet);

// The keys that put `meeting`'s items into cases, one per item in order:
// the item's case number folded for matching (text::FoldForMatch: case
// and runs of white space do not count), or "" when it has none or the
// number is the meeting's own (one number on more than half of a
// meeting's items, at least three: KKR prints its meeting's journal
// number on every item; cases/ does not link by those either).
std::vector<std::string> CaseKeys(const model::Meeting& meeting);

}  // namespace sagsspor::store

#endif  // SAGSSPOR_STORE_STORE_H_
