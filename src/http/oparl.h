// The meeting data as OParl 1.1 (https://oparl.org): System, Body,
// Organization, Meeting with its AgendaItems, Paper with its
// Consultations, Person with its Memberships, Location, File.
//
// Mapping: each body that holds meetings is a Body with one main
// Organization (itself); each case is a Paper (store::StoredCase: the
// items that share a case number, across meetings and bodies, or one item
// without one; ids in paper_id.h) with one Consultation per item, listed
// under the body of its earliest item; each appointed
// person is a Person whose Memberships are the appointments. A meeting's
// packet, when the store keeps its bytes, is a File (file/<sha256>: the
// invitation, or the resultsProtocol when its items carry decisions), and
// its attachments are Files with their text (file/<document id>); both
// are served by the server at <file id>/access and <file id>/download.
// Ids are URLs under `base` ("http://127.0.0.1:8080/oparl/v1.1").
//
// `created` is when the object's packet was first stored, `modified` when
// its current version was (store::Stamps); a Body's and an Organization's
// are the earliest and latest of their meetings', a Paper's of its items'.
//
// Every request reads only what it shows: lists go through the store's
// paged queries (Store::MeetingsPage, CasesPage …), never through a load
// of the whole store.

#ifndef SAGSSPOR_HTTP_OPARL_H_
#define SAGSSPOR_HTTP_OPARL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/store.h"

namespace sagsspor::http {

// The filters of an external list: UTC "YYYY-MM-DDTHH:MM:SSZ" (see
// ParseIsoDateTime in oparl_filter.h), inclusive; "" leaves that end open.
struct OparlFilter {
  std::string created_since, created_until, modified_since, modified_until;
};

class Oparl {
 public:
  Oparl(store::Store& store, std::string base) : store_(store), base_(std::move(base)) {}

  // The object or external-list page at `path` (after the base: "system",
  // "bodies", "body/kkr-sjaelland/meetings", "meeting/ID" …), or nullopt.
  // Lists are paged by `page` (1-based, clamped to the pages there are),
  // 50 objects a page, in a stable order, and hold only the objects that
  // pass `filter`; every link of a list carries the filter on.
  std::optional<nlohmann::json> Get(const std::string& path, int page, const OparlFilter& filter = {});

  // The URL of the object an old `path` names, when it has moved, else
  // nullopt: "paper/<item id>" of an item that belongs to a case is that
  // case's Paper now (the server answers 301 with it). Get() finds
  // nothing at a moved path.
  std::optional<std::string> MovedTo(const std::string& path);

 private:
  store::Store& store_;
  std::string base_;
};

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_OPARL_H_
