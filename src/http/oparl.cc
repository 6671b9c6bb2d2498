#include "http/oparl.h"

#include <fmt/format.h>

#include <map>

#include "http/html.h"
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

}  // namespace

std::optional<json> Oparl::Get(const std::string& path, int page) {
  const std::vector<std::string> parts = Parts(path);
  const std::vector<store::StoredMeeting> meetings = store_.Meetings();
  std::map<std::string, std::string> bodies;  // slug → name
  for (const store::StoredMeeting& m : meetings) {
    if (!m.meeting.body.empty()) bodies[search::BodyKey(m.meeting.body)] = m.meeting.body;
  }
  const std::string web = base_.substr(0, base_.rfind("/oparl"));

  auto organization = [&](const std::string& slug) {
    return json{{"id", base_ + "/organization/" + slug}, {"type", Type("Organization")},
                {"body", base_ + "/body/" + slug}, {"name", bodies[slug]}, {"organizationType", "Gremium"}};
  };
  auto consultation = [&](const model::AgendaItem& item, const model::Meeting& m) {
    return json{{"id", base_ + "/consultation/" + item.id}, {"type", Type("Consultation")},
                {"paper", base_ + "/paper/" + item.id}, {"agendaItem", base_ + "/agendaitem/" + item.id},
                {"meeting", base_ + "/meeting/" + m.id},
                {"organization", json::array({base_ + "/organization/" + search::BodyKey(m.body)})},
                {"authoritative", item.type == "Beslutningssag"}};
  };
  auto agenda_item = [&](const model::AgendaItem& item, const model::Meeting& m, int order) {
    json j = {{"id", base_ + "/agendaitem/" + item.id}, {"type", Type("AgendaItem")},
              {"meeting", base_ + "/meeting/" + m.id}, {"number", item.number}, {"order", order},
              {"name", item.title}, {"public", true}, {"consultation", base_ + "/consultation/" + item.id},
              {"web", web + "/punkter/" + UrlEncode(item.id)}};
    for (const model::Section& s : item.sections) {
      if (s.kind == "beslutning") j["resolutionText"] = s.text;
    }
    return j;
  };
  auto meeting = [&](const model::Meeting& m) {
    json items = json::array();
    int order = 0;
    for (const model::AgendaItem& i : m.items) items.push_back(agenda_item(i, m, ++order));
    json j = {{"id", base_ + "/meeting/" + m.id}, {"type", Type("Meeting")}, {"name", m.body + " " + m.date.iso()},
              {"organization", json::array({base_ + "/organization/" + search::BodyKey(m.body)})},
              {"agendaItem", items}, {"web", web + "/moeder/" + UrlEncode(m.id)}};
    if (!DateTime(m).empty()) j["start"] = DateTime(m);
    if (!m.place.empty()) {
      j["location"] = {{"id", base_ + "/location/" + m.id}, {"type", Type("Location")}, {"description", m.place}};
    }
    return j;
  };
  auto paper = [&](const model::AgendaItem& item, const model::Meeting& m) {
    json j = {{"id", base_ + "/paper/" + item.id}, {"type", Type("Paper")},
              {"body", base_ + "/body/" + search::BodyKey(m.body)}, {"name", item.title},
              {"consultation", json::array({consultation(item, m)})}, {"web", web + "/punkter/" + UrlEncode(item.id)}};
    if (!item.case_number.empty()) j["reference"] = item.case_number;
    if (m.date.valid() && m.date.year) j["date"] = m.date.iso();
    if (!item.type.empty()) j["paperType"] = item.type;
    return j;
  };
  // People: appointed persons, by name; their memberships the appointments.
  auto persons = [&](const std::string& body_slug) {
    std::map<std::string, json> out;
    for (const store::AppointmentRecord& a : store_.Appointments()) {
      const std::string slug = search::BodyKey(a.meeting_body);
      if (!body_slug.empty() && slug != body_slug) continue;
      const std::string pid = search::BodyKey(a.appointment.person);
      json& p = out[pid];
      if (p.is_null()) {
        p = {{"id", base_ + "/person/" + pid}, {"type", Type("Person")}, {"body", base_ + "/body/" + slug},
             {"name", a.appointment.person}, {"membership", json::array()}};
      }
      json membership = {{"id", base_ + "/membership/" + pid + "--" + a.item_id},
                         {"type", Type("Membership")},
                         {"person", base_ + "/person/" + pid},
                         {"organization", base_ + "/organization/" + slug},
                         {"role", a.appointment.role + (a.appointment.body.empty() ? "" : " i " + a.appointment.body)},
                         {"votingRight", true}};
      if (a.date.valid() && a.date.year) membership["startDate"] = a.date.iso();
      p["membership"].push_back(membership);
    }
    return out;
  };
  auto list = [&](const std::string& self, const std::vector<json>& all) {
    const int total = static_cast<int>(all.size());
    const int pages = std::max(1, (total + kPerPage - 1) / kPerPage);
    const int current = std::clamp(page, 1, pages);
    json data = json::array();
    for (int i = (current - 1) * kPerPage; i < std::min(total, current * kPerPage); ++i) data.push_back(all[i]);
    json links = {{"first", self + "?page=1"}, {"last", self + "?page=" + std::to_string(pages)},
                  {"self", self + "?page=" + std::to_string(current)}};
    if (current < pages) links["next"] = self + "?page=" + std::to_string(current + 1);
    if (current > 1) links["prev"] = self + "?page=" + std::to_string(current - 1);
    return json{{"data", data},
                {"pagination", {{"totalElements", total}, {"elementsPerPage", kPerPage},
                                {"currentPage", current}, {"totalPages", pages}}},
                {"links", links}};
  };

  if (parts.empty() || (parts.size() == 1 && parts[0] == "system")) {
    return json{{"id", base_ + "/system"}, {"type", Type("System")}, {"oparlVersion", kSchema},
                {"body", base_ + "/bodies"}, {"name", "Sagsspor"}, {"product", "https://sagsspor.invalid/"},
                {"web", web + "/"}};
  }
  if (parts.size() == 1 && parts[0] == "bodies") {
    std::vector<json> all;
    for (const auto& [slug, name] : bodies) {
      all.push_back(*Get("body/" + slug, 1));
    }
    return list(base_ + "/bodies", all);
  }
  if (parts[0] == "body" && parts.size() >= 2 && bodies.count(parts[1])) {
    const std::string& slug = parts[1];
    if (parts.size() == 2) {
      return json{{"id", base_ + "/body/" + slug}, {"type", Type("Body")}, {"system", base_ + "/system"},
                  {"name", bodies[slug]}, {"organization", base_ + "/body/" + slug + "/organizations"},
                  {"person", base_ + "/body/" + slug + "/persons"}, {"meeting", base_ + "/body/" + slug + "/meetings"},
                  {"paper", base_ + "/body/" + slug + "/papers"}, {"legislativeTerm", json::array()},
                  {"web", web + "/"}};
    }
    std::vector<json> all;
    const std::string what = parts[2];
    if (what == "organizations") {
      all.push_back(organization(slug));
    } else if (what == "meetings" || what == "papers") {
      for (const store::StoredMeeting& m : meetings) {
        if (search::BodyKey(m.meeting.body) != slug) continue;
        if (what == "meetings") all.push_back(meeting(m.meeting));
        else for (const model::AgendaItem& i : m.meeting.items) all.push_back(paper(i, m.meeting));
      }
    } else if (what == "persons") {
      for (auto& [id, p] : persons(slug)) all.push_back(p);
    } else {
      return std::nullopt;
    }
    return list(base_ + "/body/" + slug + "/" + what, all);
  }
  if (parts.size() != 2) return std::nullopt;
  const std::string& kind = parts[0];
  const std::string& id = parts[1];
  if (kind == "organization" && bodies.count(id)) return organization(id);
  if (kind == "person" || kind == "membership") {
    for (auto& [pid, p] : persons("")) {
      if (kind == "person" && pid == id) return p;
      for (const json& ms : p["membership"]) {
        if (kind == "membership" && ms["id"] == base_ + "/membership/" + id) return ms;
      }
    }
    return std::nullopt;
  }
  for (const store::StoredMeeting& sm : meetings) {
    const model::Meeting& m = sm.meeting;
    if ((kind == "meeting" || kind == "location") && m.id == id) {
      json j = meeting(m);
      if (kind == "meeting") return j;
      if (j.contains("location")) return j["location"];
      return std::nullopt;
    }
    for (std::size_t k = 0; k < m.items.size(); ++k) {
      const model::AgendaItem& item = m.items[k];
      if (item.id != id) continue;
      if (kind == "agendaitem") return agenda_item(item, m, static_cast<int>(k) + 1);
      if (kind == "paper") return paper(item, m);
      if (kind == "consultation") return consultation(item, m);
    }
  }
  return std::nullopt;
}

}  // namespace sagsspor::http
