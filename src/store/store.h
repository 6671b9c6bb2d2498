// Where parsed packets are kept. The rest of the program sees only Store;
// SqliteStore (sqlite_store.h) is the embedded implementation.
//
// Every packet is stored with its source (file name and SHA-256 of its
// bytes). A packet's identity is its meeting ("meeting:<meeting id>") or,
// for packets without an agenda, its file name ("file:<name>"). Storing a
// packet whose identity is already stored under other bytes supersedes
// the old version, which stays as history but is no longer "current";
// everything the read methods return is current unless said otherwise.

#ifndef SAGSSPOR_STORE_STORE_H_
#define SAGSSPOR_STORE_STORE_H_

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

struct StoredMeeting {
  model::Meeting meeting;
  model::Source source;
};

struct StoredDocument {
  model::Document document;
  model::Source source;
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
};

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores `packet` in one transaction: on failure (returns false, *error
  // set) nothing of it is stored; a crash at any moment leaves either all
  // of it or none. Storing the same bytes again changes nothing
  // (kUnchanged; before_commit is not called). Safe to call from several
  // processes at once.
  virtual bool Put(const model::Packet& packet, PutResult* result, std::string* error,
                   const BeforeCommit& before_commit = nullptr) = 0;

  // Current meetings, oldest date first, with their items and documents.
  virtual std::vector<StoredMeeting> Meetings() = 0;

  // Current documents that belong to no meeting.
  virtual std::vector<StoredDocument> LooseDocuments() = 0;

  // Looks up one current meeting, item or document by id.
  virtual std::optional<StoredMeeting> FindMeeting(const std::string& id) = 0;
  virtual std::optional<model::AgendaItem> FindItem(const std::string& id,
                                                    model::Meeting* meeting) = 0;
  virtual std::optional<StoredDocument> FindDocument(const std::string& id) = 0;

  // Current deadlines dated from `from` to `to` (inclusive; an invalid
  // date leaves that end open), earliest first.
  virtual std::vector<DeadlineRecord> Deadlines(const model::Date& from, const model::Date& to) = 0;

  // Current appointments, by person's name.
  virtual std::vector<AppointmentRecord> Appointments() = 0;

  // Every stored source, history included, in the order stored.
  virtual std::vector<SourceRecord> Sources() = 0;

 protected:
  Store() = default;
};

// The identity of a packet, as described above.
std::string PacketKey(const model::Packet& packet);

}  // namespace sagsspor::store

#endif  // SAGSSPOR_STORE_STORE_H_
