#include "cli/show.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace sagsspor::cli {
namespace {

void PrintFacts(const model::Facts& f, std::ostream& out) {
  if (!f.case_numbers.empty()) {
    out << "Sagsnumre:";
    for (const auto& c : f.case_numbers) out << " " << c.number;
    out << "\n";
  }
  for (const auto& d : f.deadlines) fmt::print(out, "Frist: {}  ({})\n", d.date.iso(), d.text);
  for (const auto& a : f.amounts) fmt::print(out, "Beløb: {} {}  ({})\n", a.value, a.unit, a.text);
  for (const auto& a : f.appointments) {
    fmt::print(out, "Udpegning: {}{} til {} som {}\n", a.person,
               a.organisation.empty() ? "" : " (" + a.organisation + ")", a.body, a.role);
  }
}

}  // namespace

void PrintMeeting(const model::Meeting& m, const model::Source& source, std::ostream& out) {
  fmt::print(out, "{}  {}  {}\n", m.body, m.date.valid() ? m.date.iso() : "?", m.start);
  if (!m.place.empty()) fmt::print(out, "Sted: {}\n", m.place);
  fmt::print(out, "Id: {}\nKilde: {} ({})\n\n", m.id, source.file, source.sha256.substr(0, 12));
  std::string heading;
  for (const model::AgendaItem& item : m.items) {
    if (item.heading != heading && !item.heading.empty()) fmt::print(out, "{}\n", item.heading);
    heading = item.heading;
    fmt::print(out, "  {:>5}  {}{}\n", item.number, item.type.empty() ? "" : item.type + ": ", item.title);
  }
  if (!m.documents.empty()) {
    out << "\nBilag:\n";
    for (const model::Document& d : m.documents) fmt::print(out, "  {}  {}\n", d.id, d.title);
  }
}

void PrintItem(const model::AgendaItem& item, const model::Meeting& m, std::ostream& out) {
  fmt::print(out, "{} {}  {}  punkt {}\n", m.body, m.date.valid() ? m.date.iso() : "?", item.id, item.number);
  fmt::print(out, "{}{}\n", item.type.empty() ? "" : item.type + ": ", item.title);
  if (!item.case_number.empty()) fmt::print(out, "Sag: {}\n", item.case_number);
  for (const model::Section& s : item.sections) {
    fmt::print(out, "\n{}\n{}\n", s.heading.empty() ? "(uden overskrift)" : s.heading, s.text);
  }
  if (!item.attachments.empty()) {
    out << "\nBilag:\n";
    for (const std::string& a : item.attachments) fmt::print(out, "  - {}\n", a);
  }
  out << "\n";
  PrintFacts(item.facts, out);
}

void PrintDocument(const model::Document& d, const model::Source& source, std::ostream& out) {
  fmt::print(out, "{}\nId: {}\nKilde: {}\n", d.title, d.id, source.file);
  if (!d.meeting_id.empty()) fmt::print(out, "Møde: {}\n", d.meeting_id);
  if (!d.item_id.empty()) fmt::print(out, "Punkt: {}\n", d.item_id);
  fmt::print(out, "\n{}\n\n", d.text);
  PrintFacts(d.facts, out);
}

}  // namespace sagsspor::cli
