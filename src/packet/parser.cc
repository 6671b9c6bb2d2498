#include "packet/parser.h"

#include "packet/extract.h"
#include "packet/facts.h"
#include "packet/layout.h"
#include "packet/meeting_header.h"
#include "text/clean.h"
#include "text/reflow.h"
#include "text/utf8.h"

namespace sagsspor::packet {

model::Packet ParsePacket(const text::RawText& raw, const Vocabulary& vocabulary) {
  model::Packet packet;
  packet.source = raw.source;
  packet.warnings = raw.notes;
  text::CleanText clean = text::Clean(raw.pages);

  const Layout* best = nullptr;
  std::vector<ItemLine> best_items;
  double best_score = 0;
  for (const Layout* layout : AllLayouts()) {
    std::vector<ItemLine> items = layout->FindItems(clean, vocabulary);
    double score = Layout::Score(items);
    if (score > best_score) {
      best = layout;
      best_score = score;
      best_items = std::move(items);
    }
  }
  if (best != nullptr) {
    best->Parse(clean, best_items, vocabulary, &packet);
    if (!packet.meetings.empty()) {
      const model::Meeting& m = packet.meetings.front();
      if (m.body.empty()) packet.warnings.push_back("the meeting's body was not found");
      if (m.date.year == 0) packet.warnings.push_back("the meeting's date was not found");
      return packet;
    }
  }

  // No agenda: the whole packet is one document.
  packet.warnings.push_back("no agenda recognised; stored as a document");
  const std::vector<text::Line>& lines = clean.lines;
  model::Document doc;
  doc.id = "doc-" + raw.source.sha256.substr(0, 12);
  std::size_t first = 0;
  // The title is the first line that is more than a date or a number.
  auto is_title = [&](const std::string& l) {
    if (l.size() < 3) return false;
    std::size_t covered = 0;
    for (const model::DateMention& d : FindDates(l)) covered += d.span.end - d.span.begin;
    return covered * 2 < l.size();
  };
  while (first < lines.size() && (lines[first].is_break() || !is_title(lines[first].text))) ++first;
  if (first < lines.size()) {
    std::string title = lines[first].text;
    // A title may wrap onto the next line of its paragraph.
    if (first + 1 < lines.size() && !lines[first + 1].is_break() && title.size() < 70 &&
        lines[first + 1].text.size() < 70 && title.back() != '.') {
      text::AppendWrapped(&title, lines[first + 1].text);
    }
    doc.title = text::CollapseSpaces(title);
  }
  doc.text = text::Reflow(lines, 0, lines.size());
  doc.headings = FindHeadings(lines, 0, lines.size(), vocabulary);
  ExtractFacts(doc.text, -1, model::Date{}, vocabulary, &doc.facts);
  if (!lines.empty()) {
    doc.extent = {lines.front().page, lines.back().page, lines.front().source_line,
                  lines.back().source_line};
  }
  packet.documents.push_back(std::move(doc));
  return packet;
}

}  // namespace sagsspor::packet
