#include "http/pages.h"

#include <fmt/format.h>

#include "http/html.h"

namespace sagsspor::http {
namespace {

std::string TypeBadge(const std::string& type) {
  if (type.empty()) return "";
  return fmt::format(R"(<span class="badge">{}</span> )", Escape(type));
}

std::string DeadlineList(const std::vector<store::DeadlineRecord>& deadlines) {
  if (deadlines.empty()) return "<p>Ingen frister.</p>";
  std::string out = "<ul class=\"frister\">";
  for (const store::DeadlineRecord& d : deadlines) {
    std::string where = d.item_id.empty() ? "/dokumenter/" + UrlEncode(d.document_id) : "/punkter/" + UrlEncode(d.item_id);
    out += fmt::format(R"(<li><time datetime="{}">{}</time> – <a href="{}">{}</a>{} <span class="kilde">({})</span></li>)",
                       Escape(d.date.iso()), Escape(DanishDate(d.date)), where, Escape(d.title),
                       d.body.empty() ? "" : ", " + Escape(d.body), Escape(d.text));
  }
  return out + "</ul>";
}

// "Hent original (PDF)": a link to download the packet as it was read.
std::string OriginalLink(const model::Source& source) {
  return fmt::format(R"(<p class="original"><a href="{}" download>Hent original ({})</a></p>)",
                     Escape(OriginalUrl(source.sha256)), source.encoding == "pdf" ? "PDF" : "tekst");
}

}  // namespace

std::string OriginalUrl(const std::string& sha256) { return "/oparl/v1.1/file/" + sha256 + "/download"; }

std::string HomePage(const std::vector<store::StoredMeeting>& latest, const std::vector<store::DeadlineRecord>& ahead) {
  std::string body = "<h1>Seneste møder</h1>";
  if (latest.empty()) body += "<p>Der er ingen møder endnu. Indlæs dagsordener med <code>sagsspor ingest</code>.</p>";
  body += "<ul class=\"moeder\">";
  for (const store::StoredMeeting& m : latest) {
    body += fmt::format(R"(<li><a href="/moeder/{}">{}</a> – <time datetime="{}">{}</time>, {} punkter</li>)",
                        UrlEncode(m.meeting.id), Escape(m.meeting.body), Escape(m.meeting.date.iso()),
                        Escape(DanishDate(m.meeting.date)), m.meeting.items.size());
  }
  body += "</ul><h2>Kommende frister</h2>" + DeadlineList(ahead);
  body += R"(<p><a href="/kalender.ics">Abonnér på møder og frister i din kalender</a></p>)";
  return Page("Forside", body);
}

std::string MeetingPage(const model::Meeting& m, const model::Source& source, bool original_kept) {
  std::string body = fmt::format("<h1>{}</h1><p class=\"meta\"><time datetime=\"{}\">{}</time>{}{}</p>",
                                 Escape(m.body), Escape(m.date.iso()), Escape(DanishDate(m.date)),
                                 m.start.empty() ? "" : " kl. " + Escape(m.start),
                                 m.place.empty() ? "" : " · " + Escape(m.place));
  body += "<h2>Dagsorden</h2><ol class=\"dagsorden\">";
  std::string heading;
  for (const model::AgendaItem& item : m.items) {
    if (!item.heading.empty() && item.heading != heading) {
      body += fmt::format("<li class=\"gruppe\">{}</li>", Escape(item.heading));
      heading = item.heading;
    }
    body += fmt::format(R"(<li><span class="nr">{}</span> {}<a href="/punkter/{}">{}</a></li>)", Escape(item.number),
                        TypeBadge(item.type), UrlEncode(item.id), Escape(item.title));
  }
  body += "</ol>";
  if (!m.documents.empty()) {
    body += "<h2>Bilag</h2><ul>";
    for (const model::Document& d : m.documents) {
      body += fmt::format(R"(<li><a href="/dokumenter/{}">{}</a></li>)", UrlEncode(d.id), Escape(d.title));
    }
    body += "</ul>";
  }
  body += fmt::format(R"(<p class="kilde">Kilde: {} · <a href="/kalender.ics?body={}">Kalender for {}</a></p>)",
                      Escape(source.file), UrlEncode(m.body), Escape(m.body));
  if (original_kept) body += OriginalLink(source);
  return Page(m.body + " " + DanishDate(m.date), body);
}

std::string ItemPage(const model::AgendaItem& item, const model::Meeting& m, const model::Source* original) {
  std::string body = fmt::format(
      R"(<p class="meta"><a href="/moeder/{}">{}, {}</a> · punkt {}</p><h1>{}{}</h1>)", UrlEncode(m.id),
      Escape(m.body), Escape(DanishDate(m.date)), Escape(item.number), TypeBadge(item.type), Escape(item.title));
  if (!item.case_number.empty()) {
    body += fmt::format(R"(<p>Sag: <a href="/sager/{}">{}</a> · <a href="/sager/{}">Sagsforløb</a></p>)",
                        UrlEncode(item.case_number), Escape(item.case_number), UrlEncode(item.id));
  } else {
    body += fmt::format(R"(<p><a href="/sager/{}">Sagsforløb</a></p>)", UrlEncode(item.id));
  }
  for (const model::Section& s : item.sections) {
    if (!s.heading.empty()) body += "<h2>" + Escape(s.heading) + "</h2>";
    body += Paragraphs(s.text);
  }
  const model::Facts& f = item.facts;
  if (!f.deadlines.empty() || !f.amounts.empty() || !f.appointments.empty()) {
    body += "<h2>Fakta</h2><dl class=\"fakta\">";
    for (const model::Deadline& d : f.deadlines) {
      body += fmt::format("<dt>Frist</dt><dd><time datetime=\"{}\">{}</time> – {}</dd>", Escape(d.date.iso()),
                          Escape(DanishDate(d.date)), Escape(d.text));
    }
    for (const model::Amount& a : f.amounts) {
      body += fmt::format("<dt>Beløb</dt><dd><data value=\"{}\">{}</data></dd>", Escape(a.value), Escape(a.text));
    }
    for (const model::Appointment& a : f.appointments) {
      body += fmt::format("<dt>Udpegning</dt><dd>{}{} – {} i {}</dd>", Escape(a.person),
                          a.organisation.empty() ? "" : " (" + Escape(a.organisation) + ")", Escape(a.role),
                          Escape(a.body));
    }
    body += "</dl>";
  }
  if (!item.attachments.empty()) {
    body += "<h2>Bilag</h2><ul>";
    for (const std::string& a : item.attachments) body += "<li>" + Escape(a) + "</li>";
    body += "</ul>";
  }
  if (original) body += OriginalLink(*original);
  return Page(item.title, body);
}

std::string DocumentPage(const model::Document& d) {
  std::string body = "<h1>" + Escape(d.title) + "</h1>";
  if (!d.meeting_id.empty()) {
    body += fmt::format(R"(<p class="meta">Bilag til <a href="/moeder/{}">mødet</a>{}</p>)", UrlEncode(d.meeting_id),
                        d.item_id.empty() ? "" : fmt::format(R"(, <a href="/punkter/{}">punktet</a>)", UrlEncode(d.item_id)));
  }
  body += Paragraphs(d.text);
  return Page(d.title, body);
}

std::string SearchPage(const search::SearchRequest& request, const search::SearchResults& r) {
  std::string body = fmt::format("<h1>Søgning: {}</h1>", Escape(request.query));
  if (!r.suggestion.empty()) {
    body += fmt::format(R"(<p class="forslag">Mente du <a href="/soeg?q={}">{}</a>?</p>)", UrlEncode(r.suggestion),
                        Escape(r.suggestion));
  }
  body += fmt::format(R"(<p>{} resultater · <a href="/feed.atom?q={}">Abonnér på søgningen (Atom)</a> · )"
                      R"(<a href="/kalender.ics?q={}">Kalender for søgningen</a></p>)",
                      r.total, UrlEncode(request.query), UrlEncode(request.query));
  body += "<div class=\"soegning\"><ol class=\"resultater\">";
  for (const search::Hit& h : r.hits) {
    std::string href = (h.kind == "item" ? "/punkter/" : "/dokumenter/") + UrlEncode(h.id);
    body += fmt::format(R"(<li><h2><a href="{}">{}{}</a></h2><p class="meta">{} · {}{}</p><p>{}</p></li>)", href,
                        TypeBadge(h.type), Escape(h.title), Escape(h.body.empty() ? "Dokument" : h.body),
                        Escape(h.date), h.number.empty() ? "" : " · punkt " + Escape(h.number),
                        Highlight(h.snippet, h.highlights));
  }
  body += "</ol><aside aria-label=\"Afgræns\">";
  static const std::pair<const char*, const char*> kFacets[] = {{"body", "Organ"}, {"year", "År"}, {"type", "Type"}};
  for (const auto& [key, label] : kFacets) {
    auto it = r.facets.find(key);
    if (it == r.facets.end() || it->second.empty()) continue;
    body += fmt::format("<h2>{}</h2><ul>", label);
    for (const search::FacetValue& v : it->second) {
      std::string filter = std::string(key) + ":\"" + v.value + "\"";
      body += fmt::format(R"(<li><a href="/soeg?q={}">{}</a> ({}{})</li>)", UrlEncode(request.query + " " + filter),
                          Escape(v.value), r.facets_estimated ? "ca. " : "", v.count);
    }
    body += "</ul>";
  }
  body += "</aside></div>";
  if (request.offset > 0 || request.offset + request.limit < r.total) {
    body += "<nav aria-label=\"Sider\" class=\"sider\">";
    if (request.offset > 0) {
      body += fmt::format(R"(<a href="/soeg?q={}&amp;offset={}">Forrige</a> )", UrlEncode(request.query),
                          std::max(0, request.offset - request.limit));
    }
    if (request.offset + request.limit < r.total) {
      body += fmt::format(R"(<a href="/soeg?q={}&amp;offset={}">Næste</a>)", UrlEncode(request.query),
                          request.offset + request.limit);
    }
    body += "</nav>";
  }
  return Page("Søgning", body, request.query);
}

std::string CasePage(const cases::Timeline& t) {
  std::string body = "<h1>Sagsforløb: " + Escape(t.subject) + "</h1><ol class=\"forloeb\">";
  for (const cases::TimelineEntry& e : t.entries) {
    body += fmt::format(R"(<li><h2><time datetime="{}">{}</time> · {}</h2><p>{}<a href="/punkter/{}">{}</a></p>)",
                        Escape(e.date.iso()), Escape(DanishDate(e.date)), Escape(e.body), TypeBadge(e.type),
                        UrlEncode(e.item_id), Escape(e.title));
    body += fmt::format("<p class=\"meta\">Tilknytning: {} ({:.0f} %)</p>", Escape(e.reason), e.confidence * 100);
    if (!e.recommendation.empty()) body += "<h3>Indstilling</h3>" + Paragraphs(e.recommendation);
    if (!e.decision.empty()) body += "<h3>Beslutning</h3>" + Paragraphs(e.decision);
    for (const model::Deadline& d : e.deadlines_ahead) {
      body += fmt::format("<p>Frist: <time datetime=\"{}\">{}</time></p>", Escape(d.date.iso()), Escape(DanishDate(d.date)));
    }
    body += "</li>";
  }
  body += "</ol>";
  return Page("Sagsforløb", body);
}

std::string DeadlinesPage(const std::vector<store::DeadlineRecord>& deadlines) {
  return Page("Frister", "<h1>Frister</h1>" + DeadlineList(deadlines));
}

std::string PersonsPage(const std::vector<store::AppointmentRecord>& appointments) {
  std::string body = "<h1>Personer og udpegninger</h1>";
  if (appointments.empty()) return Page("Personer", body + "<p>Ingen udpegninger fundet.</p>");
  body += "<table><caption>Udpegninger i dagsordenerne</caption><thead><tr><th scope=\"col\">Person</th>"
          "<th scope=\"col\">Parti eller organisation</th><th scope=\"col\">Udpeget til</th>"
          "<th scope=\"col\">Rolle</th><th scope=\"col\">Udpeget af</th></tr></thead><tbody>";
  for (const store::AppointmentRecord& a : appointments) {
    body += fmt::format(
        R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td><a href="/punkter/{}">{}, {}</a></td></tr>)",
        Escape(a.appointment.person), Escape(a.appointment.organisation), Escape(a.appointment.body),
        Escape(a.appointment.role), UrlEncode(a.item_id), Escape(a.meeting_body), Escape(DanishDate(a.date)));
  }
  return Page("Personer", body + "</tbody></table>");
}

std::string NotFoundPage(const std::string& what) {
  return Page("Ikke fundet", "<h1>Ikke fundet</h1><p>" + Escape(what) + " findes ikke.</p>");
}

}  // namespace sagsspor::http
