#include "http/oparl.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "http/download.h"
#include "http/html.h"
#include "http/legislative_term.h"
#include "http/paper_id.h"
#include "search/query.h"

namespace sagsspor::http {
namespace {

using nlohmann::json;

constexpr int kPerPage = 50;
constexpr char kSchema[] = "https://schema.oparl.org/1.1/";

std::string Type(const char* name) { return std::string(kSchema) + name; }

std::string DateTime(const model::Meeting& m) {
  if (!m.date.valid() || m.date.year == 0) return "";
  const std::string time = m.start.size() == 5 ? m.start + ":00" : "00:00:00";
  return m.date.iso() + "T" + time;
}

// "a/b/c" → {"a", "b", "c"}.
std::vector<std::string> Parts(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

void Stamp(json& j, const std::string& created, const std::string& modified) {
  if (!created.empty()) j["created"] = created;
  if (!modified.empty()) j["modified"] = modified;
}

bool Passes(const OparlFilter& f, const std::string& created, const std::string& modified) {
  return (f.created_since.empty() || created >= f.created_since) &&
         (f.created_until.empty() || created <= f.created_until) &&
         (f.modified_since.empty() || modified >= f.modified_since) &&
         (f.modified_until.empty() || modified <= f.modified_until);
}

store::ListQuery QueryOf(const OparlFilter& f, const std::string& body) {
  store::ListQuery q;
  q.body = body;
  q.created_since = f.created_since;
  q.created_until = f.created_until;
  q.modified_since = f.modified_since;
  q.modified_until = f.modified_until;
  return q;
}

// Builds the objects; knows the URLs.
class Mapper {
 public:
  explicit Mapper(const std::string& base) : base_(base), web_(base.substr(0, base.rfind("/oparl"))) {}

  json Body(const store::BodySummary& b) const {
    const std::string slug = search::BodyKey(b.name);
    const std::string self = base_ + "/body/" + slug;
    json j = {{"id", self}, {"type", Type("Body")}, {"system", base_ + "/system"}, {"name", b.name},
              {"organization", self + "/organizations"}, {"person", self + "/persons"},
              {"meeting", self + "/meetings"}, {"paper", self + "/papers"},
              {"legislativeTerm", json::array()}, {"web", web_ + "/"}};
    for (const LegislativeTerm& t : TermsCovering(b.first_date, b.last_date)) {
      j["legislativeTerm"].push_back(Term(b, t));
    }
    Stamp(j, b.created_at, b.modified_at);
    return j;
  }

  // The valgperiode `t` of body `b` (legislative_term.h says why derived).
  json Term(const store::BodySummary& b, const LegislativeTerm& t) const {
    const std::string slug = search::BodyKey(b.name);
    json j = {{"id", base_ + "/legislativeterm/" + slug + "-" + std::to_string(t.first_year)},
              {"type", Type("LegislativeTerm")}, {"body", base_ + "/body/" + slug},
              {"name", fmt::format("Valgperiode {}-{}", t.first_year, t.last_year)},
              {"startDate", fmt::format("{}-01-01", t.first_year)}, {"endDate", fmt::format("{}-12-31", t.last_year)}};
    Stamp(j, b.created_at, b.modified_at);
    return j;
  }

  json Organization(const store::BodySummary& b) const {
    const std::string slug = search::BodyKey(b.name);
    json j = {{"id", base_ + "/organization/" + slug}, {"type", Type("Organization")},
              {"body", base_ + "/body/" + slug}, {"name", b.name}, {"organizationType", "Gremium"}};
    Stamp(j, b.created_at, b.modified_at);
    return j;
  }

  // The consultation of `item` in its case's Paper (`case_key` as stored).
  json Consultation(const model::AgendaItem& item, const model::Meeting& m, const store::Stamps& s,
                    const std::string& case_key) const {
    json j = {{"id", base_ + "/consultation/" + item.id}, {"type", Type("Consultation")},
              {"paper", base_ + "/paper/" + PaperId(case_key, item.id)}, {"agendaItem", base_ + "/agendaitem/" + item.id},
              {"meeting", base_ + "/meeting/" + m.id},
              {"organization", json::array({base_ + "/organization/" + search::BodyKey(m.body)})},
              {"authoritative", item.type == "Beslutningssag"}};
    Stamp(j, s.created_at, s.modified_at);
    return j;
  }

  json AgendaItem(const model::AgendaItem& item, const model::Meeting& m, int order, const store::Stamps& s) const {
    json j = {{"id", base_ + "/agendaitem/" + item.id}, {"type", Type("AgendaItem")},
              {"meeting", base_ + "/meeting/" + m.id}, {"number", item.number}, {"order", order},
              {"name", item.title}, {"public", true}, {"consultation", base_ + "/consultation/" + item.id},
              {"web", web_ + "/punkter/" + UrlEncode(item.id)}};
    for (const model::Section& s : item.sections) {
      if (s.kind == "beslutning") j["resolutionText"] = s.text;
    }
    Stamp(j, s.created_at, s.modified_at);
    return j;
  }

  json Location(const model::Meeting& m, const store::Stamps& s) const {
    json j = {{"id", base_ + "/location/" + m.id}, {"type", Type("Location")}, {"description", m.place},
              {"meetings", json::array({base_ + "/meeting/" + m.id})}};
    Stamp(j, s.created_at, s.modified_at);
    return j;
  }

  // The packet a meeting was read from, as stored (Store::Original).
  json PacketFile(const model::Source& source, const store::Stamps& s, const std::vector<std::string>& meeting_ids) const {
    const std::string self = base_ + "/file/" + source.sha256;
    std::string mime = MediaType(source);
    mime = mime.substr(0, mime.find(';'));
    const std::string fallback = source.encoding == "pdf" ? "original.pdf" : "original.txt";
    json meetings = json::array();
    for (const std::string& id : meeting_ids) meetings.push_back(base_ + "/meeting/" + id);
    json j = {{"id", self}, {"type", Type("File")}, {"name", SafeFileName(source.file, fallback)},
              {"fileName", SafeFileName(source.file, fallback)}, {"mimeType", mime},
              {"size", static_cast<std::int64_t>(source.bytes)}, {"accessUrl", self + "/access"},
              {"downloadUrl", self + "/download"}, {"meeting", meetings}};
    Stamp(j, s.created_at, s.modified_at);
    return j;
  }

  // An attachment (or a packet without an agenda) as the text read from
  // it; `text` only when the document was loaded in full.
  json DocumentFile(const model::Document& d, const store::Stamps& s) const {
    const std::string self = base_ + "/file/" + d.id;
    json j = {{"id", self}, {"type", Type("File")}, {"name", d.title}, {"fileName", SafeFileName(d.id + ".txt", "bilag.txt")},
              {"mimeType", "text/plain"}, {"accessUrl", self + "/access"}, {"downloadUrl", self + "/download"},
              {"web", web_ + "/dokumenter/" + UrlEncode(d.id)}};
    if (!d.text.empty()) {
      j["text"] = d.text;
      j["size"] = static_cast<std::int64_t>(d.text.size());
    }
    if (!d.meeting_id.empty()) j["meeting"] = json::array({base_ + "/meeting/" + d.meeting_id});
    if (!d.item_id.empty()) j["agendaItem"] = json::array({base_ + "/agendaitem/" + d.item_id});
    Stamp(j, s.created_at, s.modified_at);
    return j;
  }

  // The packet is the meeting's invitation (dagsorden) or, when its items
  // carry decisions (Beslutning), its results protocol (referat); the
  // attachments are auxiliary files.
  json Meeting(const model::Meeting& m, const model::Source& source, const store::Stamps& s) const {
    json j = Meeting(m, s);
    if (s.original_kept) {
      bool decided = false;
      for (const model::AgendaItem& i : m.items) {
        for (const model::Section& sec : i.sections) decided |= sec.kind == "beslutning";
      }
      j[decided ? "resultsProtocol" : "invitation"] = PacketFile(source, s, {m.id});
    }
    if (!m.documents.empty()) {
      json files = json::array();
      for (const model::Document& d : m.documents) files.push_back(DocumentFile(d, s));
      j["auxiliaryFile"] = files;
    }
    return j;
  }

  json Meeting(const model::Meeting& m, const store::Stamps& s) const {
    json items = json::array();
    int order = 0;
    for (const model::AgendaItem& i : m.items) items.push_back(AgendaItem(i, m, ++order, s));
    json j = {{"id", base_ + "/meeting/" + m.id}, {"type", Type("Meeting")}, {"name", m.body + " " + m.date.iso()},
              {"organization", json::array({base_ + "/organization/" + search::BodyKey(m.body)})},
              {"agendaItem", items}, {"web", web_ + "/moeder/" + UrlEncode(m.id)}};
    if (!DateTime(m).empty()) j["start"] = DateTime(m);
    if (!m.place.empty()) j["location"] = Location(m, s);
    Stamp(j, s.created_at, s.modified_at);
    return j;
  }

  // A case as a Paper: named, typed and referenced after its earliest
  // item, of that item's body, dated by its earliest dated meeting, with
  // one Consultation per item in their order.
  json Paper(const store::StoredCase& c) const {
    const store::StoredItem& first = c.items.front();
    json consultations = json::array();
    for (const store::StoredItem& i : c.items) consultations.push_back(Consultation(i.item, i.meeting, i.stamps, c.case_key));
    const std::string web = c.case_key.empty() ? web_ + "/punkter/" + UrlEncode(first.item.id)
                                               : web_ + "/sager/" + UrlEncode(first.item.id);
    json j = {{"id", base_ + "/paper/" + PaperId(c.case_key, first.item.id)}, {"type", Type("Paper")},
              {"body", base_ + "/body/" + search::BodyKey(first.meeting.body)}, {"name", first.item.title},
              {"consultation", std::move(consultations)}, {"web", web}};
    if (!first.item.case_number.empty()) j["reference"] = first.item.case_number;
    for (const store::StoredItem& i : c.items) {
      if (!i.meeting.date.valid() || i.meeting.date.year == 0) continue;
      j["date"] = i.meeting.date.iso();
      break;
    }
    if (!first.item.type.empty()) j["paperType"] = first.item.type;
    Stamp(j, c.created_at, c.modified_at);
    return j;
  }

  // Appointed persons of one body ("" for all), by id; their memberships
  // are the appointments that pass `filter` (a person without any is left
  // out). A person's stamps are the earliest and latest of theirs.
  std::map<std::string, json> Persons(const std::vector<store::AppointmentRecord>& appointments,
                                      const std::string& body_slug, const OparlFilter& filter) const {
    std::map<std::string, json> out;
    for (const store::AppointmentRecord& a : appointments) {
      const std::string slug = search::BodyKey(a.meeting_body);
      if (!body_slug.empty() && slug != body_slug) continue;
      if (!Passes(filter, a.stamps.created_at, a.stamps.modified_at)) continue;
      const std::string pid = search::BodyKey(a.appointment.person);
      json& p = out[pid];
      if (p.is_null()) {
        p = {{"id", base_ + "/person/" + pid}, {"type", Type("Person")}, {"body", base_ + "/body/" + slug},
             {"name", a.appointment.person}, {"membership", json::array()}};
        Stamp(p, a.stamps.created_at, a.stamps.modified_at);
      } else {
        if (a.stamps.created_at < p.value("created", a.stamps.created_at)) p["created"] = a.stamps.created_at;
        if (a.stamps.modified_at > p.value("modified", a.stamps.modified_at)) p["modified"] = a.stamps.modified_at;
      }
      json membership = {{"id", base_ + "/membership/" + pid + "--" + a.item_id},
                         {"type", Type("Membership")},
                         {"person", base_ + "/person/" + pid},
                         {"organization", base_ + "/organization/" + slug},
                         {"role", a.appointment.role + (a.appointment.body.empty() ? "" : " i " + a.appointment.body)},
                         {"votingRight", true}};
      if (a.date.valid() && a.date.year) membership["startDate"] = a.date.iso();
      Stamp(membership, a.stamps.created_at, a.stamps.modified_at);
      p["membership"].push_back(membership);
    }
    return out;
  }

  const std::string& base() const { return base_; }

 private:
  std::string base_;
  std::string web_;
};

// An external list page: `data` is the current page's objects of `total`.
json ListPage(const std::string& self, std::int64_t total, int current, json data, const OparlFilter& f) {
  const std::int64_t pages = std::max<std::int64_t>(1, (total + kPerPage - 1) / kPerPage);
  std::string carried;
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"created_since", f.created_since},
                                    {"created_until", f.created_until},
                                    {"modified_since", f.modified_since},
                                    {"modified_until", f.modified_until}}) {
    if (!value.empty()) carried += std::string("&") + name + "=" + UrlEncode(value);
  }
  auto link = [&](std::int64_t page) { return self + "?page=" + std::to_string(page) + carried; };
  json links = {{"first", link(1)}, {"last", link(pages)}, {"self", link(current)}};
  if (current < pages) links["next"] = link(current + 1);
  if (current > 1) links["prev"] = link(current - 1);
  return json{{"data", std::move(data)},
              {"pagination", {{"totalElements", total}, {"elementsPerPage", kPerPage},
                              {"currentPage", current}, {"totalPages", pages}}},
              {"links", links}};
}

// The page to show (1-based, clamped to the pages there are) of `total` objects.
int CurrentPage(int page, std::int64_t total) {
  const std::int64_t pages = std::max<std::int64_t>(1, (total + kPerPage - 1) / kPerPage);
  return static_cast<int>(std::clamp<std::int64_t>(page, 1, pages));
}

// The page of `total` rows to show for `page`, set on *q; returns it.
int SetPage(store::ListQuery* q, int page, std::int64_t total) {
  const int current = CurrentPage(page, total);
  q->offset = static_cast<std::int64_t>(current - 1) * kPerPage;
  q->limit = kPerPage;
  return current;
}

// A list held in memory (bodies, persons: few), filtered beforehand.
json MemoryList(const std::string& self, const std::vector<json>& all, int page, const OparlFilter& f) {
  const std::int64_t total = static_cast<std::int64_t>(all.size());
  const int current = CurrentPage(page, total);
  json data = json::array();
  for (std::int64_t i = static_cast<std::int64_t>(current - 1) * kPerPage;
       i < std::min<std::int64_t>(total, static_cast<std::int64_t>(current) * kPerPage); ++i) {
    data.push_back(all[i]);
  }
  return ListPage(self, total, current, std::move(data), f);
}

}  // namespace

std::optional<json> Oparl::Get(const std::string& path, int page, const OparlFilter& filter) {
  const std::vector<std::string> parts = Parts(path);
  const Mapper map(base_);
  const std::string web = base_.substr(0, base_.rfind("/oparl"));

  // The body with this slug, if it holds current meetings.
  auto body_of = [&](const std::string& slug) -> std::optional<store::BodySummary> {
    for (const std::string& name : store_.BodyNames()) {
      if (search::BodyKey(name) != slug) continue;
      if (auto b = store_.FindBody(name)) return b;
    }
    return std::nullopt;
  };

  if (parts.empty() || (parts.size() == 1 && parts[0] == "system")) {
    return json{{"id", base_ + "/system"}, {"type", Type("System")}, {"oparlVersion", kSchema},
                {"body", base_ + "/bodies"}, {"name", "Sagsspor"}, {"product", "https://sagsspor.invalid/"},
                {"web", web + "/"}};
  }
  if (parts.size() == 1 && parts[0] == "bodies") {
    std::vector<json> all;
    for (const store::BodySummary& b : store_.Bodies()) {
      if (Passes(filter, b.created_at, b.modified_at)) all.push_back(map.Body(b));
    }
    return MemoryList(base_ + "/bodies", all, page, filter);
  }
  if (parts[0] == "body" && parts.size() >= 2) {
    if (parts.size() > 3) return std::nullopt;
    const std::optional<store::BodySummary> body = body_of(parts[1]);
    if (!body) return std::nullopt;
    const std::string self = base_ + "/body/" + parts[1];
    if (parts.size() == 2) return map.Body(*body);
    const std::string& what = parts[2];
    if (what == "organizations") {
      std::vector<json> all;
      if (Passes(filter, body->created_at, body->modified_at)) all.push_back(map.Organization(*body));
      return MemoryList(self + "/organizations", all, page, filter);
    }
    if (what == "meetings") {
      store::ListQuery q = QueryOf(filter, body->name);
      const std::int64_t total = store_.CountMeetings(q);
      const int current = SetPage(&q, page, total);
      json data = json::array();
      for (const store::StoredMeeting& m : store_.MeetingsPage(q, store::Detail::kOutline)) {
        data.push_back(map.Meeting(m.meeting, m.source, m.stamps));
      }
      return ListPage(self + "/meetings", total, current, std::move(data), filter);
    }
    if (what == "papers") {
      store::ListQuery q = QueryOf(filter, body->name);
      const std::int64_t total = store_.CountCases(q);
      const int current = SetPage(&q, page, total);
      json data = json::array();
      for (const store::StoredCase& c : store_.CasesPage(q, store::Detail::kOutline)) data.push_back(map.Paper(c));
      return ListPage(self + "/papers", total, current, std::move(data), filter);
    }
    if (what == "persons") {
      std::vector<json> all;
      store::AppointmentFilter f;
      f.meeting_body = body->name;
      for (auto& [id, p] : map.Persons(store_.FindAppointments(f), parts[1], filter)) all.push_back(std::move(p));
      return MemoryList(self + "/persons", all, page, filter);
    }
    return std::nullopt;
  }
  if (parts.size() != 2) return std::nullopt;
  const std::string& kind = parts[0];
  const std::string& id = parts[1];
  if (kind == "organization") {
    if (auto body = body_of(id)) return map.Organization(*body);
    return std::nullopt;
  }
  if (kind == "person" || kind == "membership") {
    // Only the appointments that can make the object: the person's (by
    // every name whose id it is), or the membership's item's.
    std::vector<store::AppointmentRecord> appointments;
    if (kind == "person") {
      for (const std::string& name : store_.AppointedPersons()) {
        if (search::BodyKey(name) != id) continue;
        store::AppointmentFilter f;
        f.person = name;
        for (store::AppointmentRecord& a : store_.FindAppointments(f)) appointments.push_back(std::move(a));
      }
    } else {
      const std::size_t dashes = id.find("--");
      if (dashes == std::string::npos) return std::nullopt;
      store::AppointmentFilter f;
      f.item_id = id.substr(dashes + 2);
      appointments = store_.FindAppointments(f);
    }
    for (auto& [pid, p] : map.Persons(appointments, "", {})) {
      if (kind == "person" && pid == id) return p;
      for (const json& ms : p["membership"]) {
        if (kind == "membership" && ms["id"] == base_ + "/membership/" + id) return ms;
      }
    }
    return std::nullopt;
  }
  if (kind == "meeting" || kind == "location") {
    auto m = store_.FindMeeting(id);
    if (!m) return std::nullopt;
    if (kind == "meeting") return map.Meeting(m->meeting, m->source, m->stamps);
    if (m->meeting.place.empty()) return std::nullopt;
    return map.Location(m->meeting, m->stamps);
  }
  if (kind == "legislativeterm") {
    // "<body slug>-<first year>", for a term the body held meetings in.
    const std::size_t dash = id.rfind('-');
    if (dash == std::string::npos) return std::nullopt;
    auto body = body_of(id.substr(0, dash));
    if (!body) return std::nullopt;
    for (const LegislativeTerm& t : TermsCovering(body->first_date, body->last_date)) {
      if (std::to_string(t.first_year) == id.substr(dash + 1)) return map.Term(*body, t);
    }
    return std::nullopt;
  }
  if (kind == "file") {
    if (id.size() == 64 && id.find_first_not_of("0123456789abcdef") == std::string::npos) {
      auto f = store_.Original(id, /*with_bytes=*/false);
      if (!f) return std::nullopt;
      return map.PacketFile(f->source, f->stamps, f->meeting_ids);
    }
    auto d = store_.FindDocument(id);
    if (!d) return std::nullopt;
    return map.DocumentFile(d->document, d->stamps);
  }
  if (kind == "paper") {
    if (std::optional<std::string> key = CaseKeyOfPaperId(id)) {
      if (auto c = store_.FindCase(*key, store::Detail::kOutline)) return map.Paper(*c);
    }
    auto i = store_.FindStoredItem(id, store::Detail::kOutline);
    if (!i || !i->case_key.empty()) return std::nullopt;  // a case's item: see MovedTo()
    store::StoredCase lone{"", {}, i->stamps.created_at, i->stamps.modified_at};
    lone.items.push_back(std::move(*i));
    return map.Paper(lone);
  }
  if (kind == "agendaitem" || kind == "consultation") {
    auto i = store_.FindStoredItem(id, store::Detail::kOutline);
    if (!i) return std::nullopt;
    if (kind == "agendaitem") return map.AgendaItem(i->item, i->meeting, i->position + 1, i->stamps);
    return map.Consultation(i->item, i->meeting, i->stamps, i->case_key);
  }
  return std::nullopt;
}

std::optional<std::string> Oparl::MovedTo(const std::string& path) {
  const std::vector<std::string> parts = Parts(path);
  if (parts.size() != 2 || parts[0] != "paper") return std::nullopt;
  if (std::optional<std::string> key = CaseKeyOfPaperId(parts[1])) {
    if (store_.FindCase(*key, store::Detail::kHeader)) return std::nullopt;  // it names a case
  }
  auto i = store_.FindStoredItem(parts[1], store::Detail::kHeader);
  if (!i || i->case_key.empty()) return std::nullopt;
  return base_ + "/paper/" + PaperId(i->case_key, i->item.id);
}

}  // namespace sagsspor::http
