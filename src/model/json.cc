#include "model/json.h"

namespace sagsspor::model {
namespace {

using nlohmann::json;

json DateJson(const Date& d) { return d.valid() ? json(d.iso()) : json(nullptr); }

json SpanJson(const Span& s) {
  json j = {{"begin", s.begin}, {"end", s.end}};
  if (s.section >= 0) j["section"] = s.section;
  return j;
}

void AddFacts(const Facts& f, json* j) {
  json deadlines = json::array(), amounts = json::array(), appointments = json::array(),
       case_numbers = json::array(), dates = json::array(), percentages = json::array(),
       places = json::array();
  for (const auto& d : f.deadlines) deadlines.push_back({{"date", DateJson(d.date)}, {"text", d.text}, {"span", SpanJson(d.span)}});
  for (const auto& a : f.amounts) amounts.push_back({{"value", a.value}, {"unit", a.unit}, {"text", a.text}, {"span", SpanJson(a.span)}});
  for (const auto& a : f.appointments) {
    appointments.push_back({{"person", a.person}, {"organisation", a.organisation},
                            {"body", a.body}, {"role", a.role}, {"span", SpanJson(a.span)}});
  }
  for (const auto& c : f.case_numbers) case_numbers.push_back({{"number", c.number}, {"text", c.text}, {"span", SpanJson(c.span)}});
  for (const auto& d : f.dates) dates.push_back({{"date", d.date.iso()}, {"text", d.text}, {"span", SpanJson(d.span)}});
  for (const auto& p : f.percentages) percentages.push_back({{"value", p.value}, {"text", p.text}, {"span", SpanJson(p.span)}});
  for (const auto& p : f.places) places.push_back({{"name", p.name}, {"kind", p.kind}, {"span", SpanJson(p.span)}});
  (*j)["deadlines"] = deadlines;
  (*j)["amounts"] = amounts;
  (*j)["appointments"] = appointments;
  (*j)["case_numbers"] = case_numbers;
  (*j)["dates"] = dates;
  (*j)["percentages"] = percentages;
  (*j)["places"] = places;
}

}  // namespace

json ToJson(const Extent& e) {
  return {{"first_page", e.first_page}, {"last_page", e.last_page},
          {"first_line", e.first_line}, {"last_line", e.last_line}};
}

json ToJson(const Facts& facts) {
  json j = json::object();
  AddFacts(facts, &j);
  return j;
}

json ToJson(const AgendaItem& item) {
  json sections = json::array();
  for (const Section& s : item.sections) {
    sections.push_back({{"heading", s.heading}, {"kind", s.kind}, {"text", s.text}});
  }
  json j = {{"id", item.id},
            {"number", item.number},
            {"title", item.title},
            {"type", item.type},
            {"type_printed", item.type_printed},
            {"case_number", item.case_number},
            {"heading", item.heading},
            {"sections", sections},
            {"attachments", item.attachments},
            {"extent", ToJson(item.extent)}};
  AddFacts(item.facts, &j);
  return j;
}

json ToJson(const Document& d) {
  json j = {{"id", d.id},
            {"title", d.title},
            {"headings", d.headings},
            {"text", d.text},
            {"meeting_id", d.meeting_id.empty() ? json(nullptr) : json(d.meeting_id)},
            {"item_id", d.item_id.empty() ? json(nullptr) : json(d.item_id)},
            {"extent", ToJson(d.extent)}};
  AddFacts(d.facts, &j);
  return j;
}

json ToJson(const Meeting& m, const Source* source) {
  json items = json::array(), documents = json::array();
  for (const AgendaItem& i : m.items) items.push_back(ToJson(i));
  for (const Document& d : m.documents) documents.push_back(ToJson(d));
  json j = {{"id", m.id},
            {"body", m.body},
            {"date", DateJson(m.date)},
            {"start", m.start.empty() ? json(nullptr) : json(m.start)},
            {"place", m.place.empty() ? json(nullptr) : json(m.place)},
            {"case_number", m.case_number.empty() ? json(nullptr) : json(m.case_number)},
            {"items", items},
            {"documents", documents}};
  if (source) j["source"] = {{"file", source->file}, {"sha256", source->sha256}};
  return j;
}

json ToJson(const Packet& p) {
  json meetings = json::array(), documents = json::array();
  for (const Meeting& m : p.meetings) meetings.push_back(ToJson(m, &p.source));
  for (const Document& d : p.documents) {
    json j = ToJson(d);
    j["source"] = {{"file", p.source.file}, {"sha256", p.source.sha256}};
    documents.push_back(j);
  }
  return {{"source", {{"file", p.source.file}, {"sha256", p.source.sha256}, {"bytes", p.source.bytes},
                      {"pages", p.source.pages}, {"encoding", p.source.encoding}}},
          {"layout", p.layout.empty() ? json(nullptr) : json(p.layout)},
          {"warnings", p.warnings},
          {"meetings", meetings},
          {"documents", documents}};
}

Date DateFromIso(const std::string& iso) {
  Date d;
  if (iso.size() == 10 && iso[4] == '-') {
    d.year = std::atoi(iso.substr(0, 4).c_str());
    d.month = std::atoi(iso.substr(5, 2).c_str());
    d.day = std::atoi(iso.substr(8, 2).c_str());
  } else if (iso.size() == 7 && iso[0] == '-') {
    d.month = std::atoi(iso.substr(2, 2).c_str());
    d.day = std::atoi(iso.substr(5, 2).c_str());
  }
  return d;
}

namespace {
Span SpanFromJson(const json& j) {
  Span s;
  s.begin = j.value("begin", std::size_t{0});
  s.end = j.value("end", std::size_t{0});
  s.section = j.value("section", -1);
  return s;
}
std::string DateText(const json& j) { return j.is_string() ? j.get<std::string>() : std::string(); }
}  // namespace

Extent ExtentFromJson(const json& j) {
  return {j.value("first_page", 0), j.value("last_page", 0), j.value("first_line", 0),
          j.value("last_line", 0)};
}

Facts FactsFromJson(const json& j) {
  Facts f;
  for (const auto& d : j.value("deadlines", json::array()))
    f.deadlines.push_back({DateFromIso(DateText(d["date"])), d["text"], SpanFromJson(d["span"])});
  for (const auto& a : j.value("amounts", json::array()))
    f.amounts.push_back({a["value"], a["unit"], a["text"], SpanFromJson(a["span"])});
  for (const auto& a : j.value("appointments", json::array()))
    f.appointments.push_back({a["person"], a["organisation"], a["body"], a["role"], SpanFromJson(a["span"])});
  for (const auto& c : j.value("case_numbers", json::array()))
    f.case_numbers.push_back({c["number"], c["text"], SpanFromJson(c["span"])});
  for (const auto& d : j.value("dates", json::array()))
    f.dates.push_back({DateFromIso(DateText(d["date"])), d["text"], SpanFromJson(d["span"])});
  for (const auto& p : j.value("percentages", json::array()))
    f.percentages.push_back({p["value"], p["text"], SpanFromJson(p["span"])});
  for (const auto& p : j.value("places", json::array()))
    f.places.push_back({p["name"], p["kind"], SpanFromJson(p["span"])});
  return f;
}

}  // namespace sagsspor::model
