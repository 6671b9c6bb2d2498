// The shared agenda engine behind every layout: finding item headings,
// reading titles, case numbers, sections, attachments and facts.

#include "packet/layout.h"

#include <algorithm>

#include "packet/appointments.h"
#include "packet/extract.h"
#include "packet/facts.h"
#include "packet/meeting_header.h"
#include "packet/places.h"
#include "packet/scan.h"
#include "text/reflow.h"
#include "text/utf8.h"

namespace sagsspor::packet {
namespace {

using text::CleanText;
using text::Line;

// The next non-break line at or after i, or `end`.
std::size_t NextText(const std::vector<Line>& lines, std::size_t i, std::size_t end) {
  while (i < end && lines[i].is_break()) ++i;
  return i;
}

// True when lines[i] starts a paragraph or a page.
bool StartsBlock(const std::vector<Line>& lines, std::size_t i) {
  return i == 0 || lines[i - 1].is_break() || lines[i - 1].page != lines[i].page;
}

// "Bilag 3: Takstaftale 2021" at the start of an appended attachment.
bool MatchAttachmentStart(std::string_view line, std::string* title) {
  if (!(StartsWithAt(line, 0, "bilag ") )) return false;
  std::size_t p = 6;
  std::size_t digits = p;
  while (p < line.size() && IsAsciiDigit(line[p])) ++p;
  if (p == digits || p >= line.size()) return false;
  if (line[p] != ':' && line[p] != '.' && line[p] != ' ') return false;
  std::size_t q = p + 1;
  for (;;) {
    if (q < line.size() && (line[q] == ' ' || line[q] == '-' || line[q] == ':')) ++q;
    else if (line.substr(q, 3) == "–") q += 3;  // en dash
    else break;
  }
  if (q >= line.size()) return false;
  *title = std::string(line.substr(q));
  return true;
}

// An attachment list entry without its bullet or number.
std::string AttachmentTitle(std::string_view entry) {
  entry = text::Trim(entry);
  if (entry.starts_with("• ")) entry.remove_prefix(4);
  std::string dummy;
  std::string title;
  if (MatchAttachmentStart(entry, &title)) return title;
  std::size_t p = 0;
  while (p < entry.size() && IsAsciiDigit(entry[p])) ++p;
  if (p > 0 && p < entry.size() && (entry[p] == '.' || entry[p] == ')')) {
    entry.remove_prefix(p + 1);
  }
  std::string out(text::Trim(entry));
  while (!out.empty() && (out.back() == '.' || out.back() == ';')) out.pop_back();
  return out;
}

// Whether an attachment list line starts an entry by a bullet or number.
bool IsMarkedEntry(std::string_view line) {
  if (line.starts_with("• ")) return true;
  std::string title;
  if (MatchAttachmentStart(line, &title)) return true;
  std::size_t p = 0;
  while (p < line.size() && p < 3 && IsAsciiDigit(line[p])) ++p;
  return p > 0 && p + 1 < line.size() && (line[p] == '.' || line[p] == ')') && line[p + 1] == ' ';
}

// The entries of an attachment list in lines[begin, end), as printed:
// marked entries ("• …", "1. …", "Bilag 2: …") with their wrapped
// continuation lines; or, in a list without marks, one entry a line (a
// line starting in lower case continues the one before).
std::vector<std::string> AttachmentEntries(const std::vector<Line>& lines, std::size_t begin,
                                           std::size_t end) {
  bool marked = false;
  for (std::size_t i = begin; i < end; ++i) marked |= !lines[i].is_break() && IsMarkedEntry(lines[i].text);
  std::vector<std::string> entries;
  bool open = false;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& l = lines[i].text;
    if (l.empty()) {
      open = false;
      continue;
    }
    bool starts = marked ? IsMarkedEntry(l) : !(open && text::IsLower(text::FirstCodePoint(l)));
    if (starts || !open) {
      entries.push_back(l);
      open = true;
    } else {
      text::AppendWrapped(&entries.back(), l);
    }
  }
  return entries;
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    std::string_view l = text::Trim(std::string_view(s).substr(start, nl - start));
    if (!l.empty()) out.emplace_back(l);
    start = nl + 1;
  }
  return out;
}

template <typename T>
void AddSection(std::vector<T>* to, std::vector<T> from, int section) {
  for (T& f : from) {
    f.span.section = section;
    to->push_back(std::move(f));
  }
}

}  // namespace

void ExtractFacts(const std::string& text, int section, const model::Date& context,
                  const Vocabulary& vocabulary, model::Facts* facts) {
  AddSection(&facts->case_numbers, FindCaseNumbers(text), section);
  std::vector<model::DateMention> dates = FindDates(text);
  AddSection(&facts->deadlines, FindDeadlines(text, dates, context, vocabulary.deadline_triggers()), section);
  AddSection(&facts->dates, std::move(dates), section);
  AddSection(&facts->amounts, FindAmounts(text), section);
  AddSection(&facts->percentages, FindPercentages(text), section);
  AddSection(&facts->places, FindPlaces(text, vocabulary), section);
}

std::vector<std::string> FindHeadings(const std::vector<Line>& lines, std::size_t begin,
                                      std::size_t end, const Vocabulary& vocabulary) {
  std::vector<std::string> out;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& l = lines[i].text;
    if (l.empty() || l.size() > 70 || l.starts_with("• ")) continue;
    bool starts_paragraph = i == begin || lines[i - 1].is_break();
    bool followed = i + 1 < end && !lines[i + 1].is_break();
    if (!vocabulary.HeadingKind(l).empty()) {
      out.push_back(l);
      continue;
    }
    if (!starts_paragraph) continue;
    char last = l.back();
    if (last == '.' || last == ',' || last == ';' || last == '-') continue;
    if (!text::IsUpper(text::FirstCodePoint(l))) continue;
    std::size_t words = std::count(l.begin(), l.end(), ' ') + 1;
    // A short line of its own, before text: a heading. Or a numbered one.
    if (words <= 8 && (followed || (i + 1 < end && lines[i + 1].is_break() && i + 2 < end))) {
      out.push_back(l);
    }
  }
  return out;
}

bool Layout::ContinuesTitle(std::string_view line, const ItemLine& item,
                            const Vocabulary& vocabulary) const {
  std::string value;
  return vocabulary.HeadingKind(line).empty() && CaseNumberLine(line).empty() &&
         vocabulary.MeetingLabel(line, &value).empty() && !line.starts_with("• ");
}

bool Layout::Follows(const std::vector<int>& prev, const std::vector<int>& next) const {
  if (prev.size() != next.size() || prev.empty()) return false;
  if (prev.size() == 1) return next[0] > prev[0] && next[0] <= prev[0] + 2;
  // "2.3" → "2.4", or "2.3" → "3.1" (a group may be empty: "5.1").
  if (next[0] == prev[0]) return next[1] > prev[1] && next[1] <= prev[1] + 2;
  return next[0] > prev[0] && next[0] <= prev[0] + 2 && next[1] == 1;
}

bool Layout::MatchGroup(std::string_view, int*, std::string*) const { return false; }

std::vector<ItemLine> Layout::FindItems(const CleanText& text, const Vocabulary& vocabulary) const {
  const std::vector<Line>& lines = text.lines;
  std::vector<ItemLine> candidates;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ItemLine item;
    if (lines[i].is_break() || !MatchItem(lines[i].text, vocabulary, &item)) continue;
    item.line = i;
    // Confirmed by what follows the title: a case number or a heading.
    bool confirmed = !item.type.empty();
    std::size_t j = i + 1;
    for (int title_lines = 0; j < lines.size() && title_lines < 3 && !lines[j].is_break() &&
                              ContinuesTitle(lines[j].text, item, vocabulary);
         ++title_lines) {
      ++j;
    }
    for (int seen = 0; !confirmed && seen < 4; ++seen) {
      j = NextText(lines, j, lines.size());
      if (j >= lines.size()) break;
      std::string value;
      if (!CaseNumberLine(lines[j].text).empty() || !vocabulary.HeadingKind(lines[j].text).empty() ||
          vocabulary.MeetingLabel(lines[j].text, &value) == "case_number") {
        confirmed = true;
      }
      ++j;
    }
    if (confirmed) candidates.push_back(std::move(item));
  }
  // The longest chain of candidates whose numbers follow each other.
  const std::size_t n = candidates.size();
  std::vector<int> length(n, 1), prev(n, -1);
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t j = 0; j < k; ++j) {
      if (length[j] + 1 > length[k] && Follows(candidates[j].number, candidates[k].number)) {
        length[k] = length[j] + 1;
        prev[k] = static_cast<int>(j);
      }
    }
  }
  std::vector<ItemLine> chain;
  if (n == 0) return chain;
  int best = static_cast<int>(std::max_element(length.begin(), length.end()) - length.begin());
  for (int k = best; k >= 0; k = prev[k]) chain.push_back(candidates[k]);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

double Layout::Score(const std::vector<ItemLine>& items) {
  if (items.size() < 2) return 0;
  int typed = 0;
  for (const ItemLine& i : items) typed += !i.type.empty();
  return static_cast<double>(items.size()) + 0.1 * typed;
}

void Layout::Parse(const CleanText& text, const std::vector<ItemLine>& items,
                   const Vocabulary& vocabulary, model::Packet* packet) const {
  const std::vector<Line>& lines = text.lines;
  if (items.empty()) return;

  // Group headings directly above the first item of their group.
  struct Group { std::size_t line; int number; std::string title; };
  std::vector<Group> groups;
  for (const ItemLine& item : items) {
    if (item.number.size() < 2 || item.number[1] != 1) continue;
    std::size_t from = item.line >= 4 ? item.line - 4 : 0;
    for (std::size_t g = item.line; g > from; --g) {
      int number;
      std::string title;
      if (!lines[g - 1].is_break() && MatchGroup(lines[g - 1].text, &number, &title) &&
          number == item.number[0]) {
        groups.push_back({g - 1, number, title});
        break;
      }
    }
  }
  std::size_t header_end = items.front().line;
  if (!groups.empty()) header_end = std::min(header_end, groups.front().line);

  model::Meeting meeting = ReadMeetingHeader(lines, 0, header_end, vocabulary, packet->source);

  // Attachments appended after the last item.
  std::size_t agenda_end = lines.size();
  for (std::size_t i = items.back().line + 1; i < lines.size(); ++i) {
    std::string title;
    if (!lines[i].is_break() && StartsBlock(lines, i) && MatchAttachmentStart(lines[i].text, &title)) {
      std::size_t next = NextText(lines, i + 1, lines.size());
      std::string dummy;
      if (next < lines.size() && MatchAttachmentStart(lines[next].text, &dummy)) continue;  // a list
      agenda_end = i;
      break;
    }
  }

  std::size_t group_index = 0;
  std::string group_title;
  for (std::size_t k = 0; k < items.size(); ++k) {
    const ItemLine& found = items[k];
    while (group_index < groups.size() && groups[group_index].line < found.line) {
      group_title = groups[group_index].title;
      ++group_index;
    }
    std::size_t end = k + 1 < items.size() ? items[k + 1].line : agenda_end;
    if (group_index < groups.size() && groups[group_index].line < end) end = groups[group_index].line;

    model::AgendaItem item;
    item.number = found.number_text;
    item.type = found.type;
    item.type_printed = found.type_printed;
    item.heading = group_title;
    item.id = meeting.id + "-" + found.number_text;
    std::string title = found.title;
    std::size_t j = found.line + 1;
    while (j < end && !lines[j].is_break() && ContinuesTitle(lines[j].text, found, vocabulary)) {
      text::AppendWrapped(&title, lines[j].text);
      ++j;
    }
    item.title = text::CollapseSpaces(title);
    std::size_t c = NextText(lines, j, end);
    if (c < end) {
      std::string number = CaseNumberLine(lines[c].text);
      if (!number.empty()) {
        item.case_number = number;
        j = c + 1;
      }
    }
    // Sections, split at heading lines.
    std::string heading, kind;
    std::string inline_text;
    std::size_t start = j;
    auto close = [&](std::size_t stop) {
      if (kind == "vedlagte_bilag" || kind == "bilagsfortegnelse") {
        std::vector<std::string> entries = AttachmentEntries(lines, start, stop);
        if (!inline_text.empty()) entries.insert(entries.begin(), inline_text);
        std::string body;
        for (const std::string& e : entries) {
          std::string title = AttachmentTitle(e);
          if (!title.empty()) item.attachments.push_back(title);
          body += (body.empty() ? "" : "\n") + e;
        }
        item.sections.push_back({heading, kind, body});
        return;
      }
      std::string body = text::Reflow(lines, start, stop);
      if (!inline_text.empty()) body = body.empty() ? inline_text : inline_text + "\n\n" + body;
      if (heading.empty() && body.empty()) return;
      item.sections.push_back({heading, kind.empty() ? "tekst" : kind, body});
    };
    for (std::size_t i = j; i < end; ++i) {
      if (lines[i].is_break()) continue;
      std::string_view l = lines[i].text;
      std::string k2 = vocabulary.HeadingKind(l);
      std::string rest;
      if (k2.empty()) {
        std::size_t colon = l.find(':');
        if (colon != std::string_view::npos && colon < 40 && colon + 1 < l.size()) {
          k2 = vocabulary.HeadingKind(l.substr(0, colon));
          if (!k2.empty()) rest = std::string(text::Trim(l.substr(colon + 1)));
          if (!k2.empty()) l = l.substr(0, colon + 1);
        }
      }
      if (k2.empty()) continue;
      close(i);
      heading = std::string(text::Trim(l));
      kind = k2;
      inline_text = rest;
      start = i + 1;
    }
    close(end);

    for (std::size_t s = 0; s < item.sections.size(); ++s) {
      const model::Section& section = item.sections[s];
      if (section.kind == "journalnummer" && item.case_number.empty()) {
        std::vector<std::string> entries = SplitLines(section.text);
        if (!entries.empty()) {
          std::string number = CaseNumberLine(entries[0]);
          item.case_number = number.empty() ? entries[0] : number;
        }
      }
      ExtractFacts(section.text, static_cast<int>(s), meeting.date, vocabulary, &item.facts);
    }
    item.facts.appointments = FindAppointments(item, vocabulary);
    item.extent = {lines[found.line].page, lines[end - 1].page, lines[found.line].source_line,
                   lines[end - 1].source_line};
    meeting.items.push_back(std::move(item));
  }

  // Appended attachments become the meeting's documents.
  std::size_t i = agenda_end;
  int n = 0;
  while (i < lines.size()) {
    std::string title;
    MatchAttachmentStart(lines[i].text, &title);
    std::size_t stop = lines.size();
    for (std::size_t k = i + 1; k < lines.size(); ++k) {
      std::string t;
      if (!lines[k].is_break() && StartsBlock(lines, k) && MatchAttachmentStart(lines[k].text, &t)) {
        std::size_t next = NextText(lines, k + 1, lines.size());
        std::string dummy;
        if (next < lines.size() && MatchAttachmentStart(lines[next].text, &dummy)) continue;
        stop = k;
        break;
      }
    }
    model::Document doc;
    doc.id = meeting.id + "-bilag-" + std::to_string(++n);
    doc.title = text::CollapseSpaces(title);
    doc.text = text::Reflow(lines, i + 1, stop);
    doc.headings = FindHeadings(lines, i + 1, stop, vocabulary);
    doc.meeting_id = meeting.id;
    std::string folded = text::FoldForMatch(doc.title);
    for (const model::AgendaItem& item : meeting.items) {
      for (const std::string& a : item.attachments) {
        if (text::FoldForMatch(a) == folded) doc.item_id = item.id;
      }
    }
    ExtractFacts(doc.text, -1, meeting.date, vocabulary, &doc.facts);
    doc.extent = {lines[i].page, lines[stop - 1].page, lines[i].source_line, lines[stop - 1].source_line};
    meeting.documents.push_back(std::move(doc));
    i = stop;
  }
  packet->layout = std::string(name());
  packet->meetings.push_back(std::move(meeting));
}

}  // namespace sagsspor::packet
