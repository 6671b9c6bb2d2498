#include "http/feeds.h"

#include <fmt/format.h>

#include <algorithm>

#include "http/html.h"

namespace sagsspor::http {
namespace {

std::string UtcStamp(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8
// sequence, and ends it with CRLF.
void Line(std::string* out, const std::string& line) {
  std::size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    std::size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out->append(line, start, cut - start);
    out->append("\r\n ");
    start = cut;
    limit = 74;  // the leading space counts
  }
  out->append(line, start, std::string::npos);
  out->append("\r\n");
}

}  // namespace

std::string IcalText(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string Calendar(const std::vector<store::StoredMeeting>& meetings,
                     const std::vector<store::DeadlineRecord>& deadlines, const std::string& base_url,
                     std::time_t now) {
  const std::string stamp = UtcStamp(now, "%Y%m%dT%H%M%SZ");
  std::string out;
  Line(&out, "BEGIN:VCALENDAR");
  Line(&out, "VERSION:2.0");
  Line(&out, "PRODID:-//Sagsspor//Møder og frister//DA");
  Line(&out, "CALSCALE:GREGORIAN");
  Line(&out, "X-WR-CALNAME:Sagsspor – møder og frister");
  for (const store::StoredMeeting& sm : meetings) {
    const model::Meeting& m = sm.meeting;
    if (!m.date.valid() || m.date.year == 0) continue;
    Line(&out, "BEGIN:VEVENT");
    Line(&out, "UID:moede-" + m.id + "@sagsspor");
    Line(&out, "DTSTAMP:" + stamp);
    if (m.start.size() == 5) {
      Line(&out, "DTSTART:" + m.date.compact() + "T" + m.start.substr(0, 2) + m.start.substr(3, 2) + "00");
    } else {
      Line(&out, "DTSTART;VALUE=DATE:" + m.date.compact());
    }
    Line(&out, "SUMMARY:" + IcalText("Møde: " + m.body));
    if (!m.place.empty()) Line(&out, "LOCATION:" + IcalText(m.place));
    std::string agenda;
    for (const model::AgendaItem& i : m.items) agenda += i.number + " " + i.title + "\n";
    if (!agenda.empty()) Line(&out, "DESCRIPTION:" + IcalText(agenda));
    Line(&out, "URL:" + base_url + "/moeder/" + UrlEncode(m.id));
    Line(&out, "END:VEVENT");
  }
  for (const store::DeadlineRecord& d : deadlines) {
    if (!d.date.valid() || d.date.year == 0) continue;
    const std::string owner = d.item_id.empty() ? d.document_id : d.item_id;
    Line(&out, "BEGIN:VEVENT");
    Line(&out, "UID:frist-" + owner + "-" + d.date.compact() + "@sagsspor");
    Line(&out, "DTSTAMP:" + stamp);
    Line(&out, "DTSTART;VALUE=DATE:" + d.date.compact());
    Line(&out, "SUMMARY:" + IcalText("Frist: " + d.title));
    Line(&out, "DESCRIPTION:" + IcalText(d.text + (d.body.empty() ? "" : " (" + d.body + ")")));
    Line(&out, "URL:" + base_url + (d.item_id.empty() ? "/dokumenter/" : "/punkter/") + UrlEncode(owner));
    Line(&out, "END:VEVENT");
  }
  Line(&out, "END:VCALENDAR");
  return out;
}

std::string AtomFeed(const std::string& query, const std::vector<search::Hit>& hits, const std::string& base_url,
                     std::time_t now) {
  std::vector<const search::Hit*> sorted;
  for (const search::Hit& h : hits) sorted.push_back(&h);
  std::stable_sort(sorted.begin(), sorted.end(), [](const search::Hit* a, const search::Hit* b) { return a->date > b->date; });
  const std::string updated = UtcStamp(now, "%Y-%m-%dT%H:%M:%SZ");
  std::string out = R"(<?xml version="1.0" encoding="utf-8"?>)" "\n" R"(<feed xmlns="http://www.w3.org/2005/Atom">)" "\n";
  out += fmt::format("<title>Sagsspor: {}</title>\n", Escape(query));
  out += fmt::format("<id>{}/feed.atom?q={}</id>\n", Escape(base_url), Escape(UrlEncode(query)));
  out += fmt::format(R"(<link rel="self" href="{}/feed.atom?q={}"/>)" "\n", Escape(base_url), Escape(UrlEncode(query)));
  out += fmt::format(R"(<link rel="alternate" type="text/html" href="{}/soeg?q={}"/>)" "\n", Escape(base_url),
                     Escape(UrlEncode(query)));
  out += fmt::format("<updated>{}</updated>\n<author><name>Sagsspor</name></author>\n", updated);
  for (const search::Hit* h : sorted) {
    const std::string href = base_url + (h->kind == "item" ? "/punkter/" : "/dokumenter/") + UrlEncode(h->id);
    const std::string when = h->date.empty() ? updated : h->date + "T00:00:00Z";
    out += "<entry>\n";
    out += fmt::format("<id>{}</id>\n", Escape(href));
    out += fmt::format("<title>{}</title>\n", Escape((h->body.empty() ? "" : h->body + ": ") + h->title));
    out += fmt::format(R"(<link rel="alternate" type="text/html" href="{}"/>)" "\n", Escape(href));
    out += fmt::format("<updated>{}</updated>\n", when);
    out += fmt::format("<summary>{}</summary>\n", Escape(h->snippet));
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace sagsspor::http
