#include "packet/meeting_header.h"

#include "packet/facts.h"
#include "packet/scan.h"
#include "text/utf8.h"

namespace sagsspor::packet {

std::string FindTime(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!IsAsciiDigit(t[i]) || (i > 0 && (IsAsciiDigit(t[i - 1]) || t[i - 1] == '-' || t[i - 1] == '.'))) continue;
    std::size_t p = i;
    int h = ReadInt(t, &p, 2);
    if (p >= t.size() || (t[p] != ':' && t[p] != '.')) continue;
    char sep = t[p];
    std::size_t q = p + 1;
    int m = ReadInt(t, &q, 2);
    if (q - p - 1 != 2 || h > 23 || m > 59) continue;
    if (q < t.size() && (IsAsciiDigit(t[q]) || (t[q] == sep && q + 1 < t.size() && IsAsciiDigit(t[q + 1])))) {
      continue;  // a date like 07.09.2020
    }
    // "9.30" needs "kl." before it; "09:30" stands on its own.
    bool kl = i >= 3 && (t.substr(i - 3, 3) == "kl." || (i >= 4 && t.substr(i - 4, 4) == "kl. "));
    if (sep == '.' && !kl) continue;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
    return buf;
  }
  return "";
}

std::string NormaliseBodyName(std::string_view name) {
  std::string collapsed = text::CollapseSpaces(name);
  if (!text::IsAllCaps(collapsed)) return collapsed;
  static const std::string_view kSmall[] = {"og", "for", "i", "af", "til", "med", "om", "på"};
  std::string out;
  std::size_t start = 0;
  bool first = true;
  while (start < collapsed.size()) {
    std::size_t end = collapsed.find(' ', start);
    if (end == std::string::npos) end = collapsed.size();
    std::string word = collapsed.substr(start, end - start);
    std::string lower = text::ToLower(word);
    bool acronym = text::CodePointCount(word) <= 3 && first;
    for (char c : word) acronym |= IsAsciiDigit(c);
    bool small = false;
    for (std::string_view s : kSmall) small |= lower == s;
    if (!out.empty()) out.push_back(' ');
    if (acronym) {
      out += word;
    } else if (small && !first) {
      out += lower;
    } else {
      std::size_t next;
      text::DecodeAt(lower, 0, &next);
      out += text::ToUpper(lower.substr(0, next)) + lower.substr(next);
    }
    first = false;
    start = end + 1;
  }
  return out;
}

std::string Slug(std::string_view s) {
  std::string lower = text::ToLower(s);
  std::string out;
  for (std::size_t i = 0, next; i < lower.size(); i = next) {
    char32_t c = text::DecodeAt(lower, i, &next);
    if (c == U'æ') out += "ae";
    else if (c == U'ø') out += "oe";
    else if (c == U'å') out += "aa";
    else if (c == U'é') out += "e";
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(static_cast<char>(c));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

model::Meeting ReadMeetingHeader(const std::vector<text::Line>& lines, std::size_t begin,
                                 std::size_t end, const Vocabulary& vocabulary,
                                 const model::Source& source) {
  model::Meeting m;
  std::string body_line;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& line = lines[i].text;
    if (line.empty()) continue;
    std::string value;
    std::string field = vocabulary.MeetingLabel(line, &value);
    if (field == "date") {
      std::vector<model::DateMention> dates = FindDates(value);
      if (!dates.empty() && m.date.year == 0) m.date = dates[0].date;
      if (m.start.empty()) m.start = FindTime(value.substr(dates.empty() ? 0 : dates[0].span.end));
    } else if (field == "start") {
      if (m.start.empty()) m.start = FindTime(value);
    } else if (field == "place") {
      std::string place = value;
      // The address may continue on the following lines.
      for (std::size_t k = i + 1; k < end && !lines[k].is_break(); ++k) {
        std::string v;
        if (!vocabulary.MeetingLabel(lines[k].text, &v).empty()) break;
        if (lines[k].text.size() > 60) break;
        place += ", " + lines[k].text;
        i = k;
      }
      if (m.place.empty()) m.place = place;
    } else if (field == "body") {
      if (m.body.empty()) m.body = NormaliseBodyName(value);
    } else if (field == "case_number") {
      if (m.case_number.empty()) {
        std::string number = CaseNumberLine(value);
        m.case_number = number.empty() ? value : number;
      }
    } else if (body_line.empty() && vocabulary.IsBodyName(line)) {
      body_line = line;
      // "Byrådet" / "Odense Kommune", "Socialudvalget" / "Region Midtjylland":
      // the body and whose it is, on consecutive lines.
      if (i + 1 < end && !lines[i + 1].is_break()) {
        const std::string& next = lines[i + 1].text;
        bool owner = next.starts_with("Region ") || next.ends_with(" Kommune") ||
                     next.ends_with(" Regionskommune") || next.starts_with("REGION ") ||
                     next.ends_with(" KOMMUNE");
        if (owner && body_line.find(NormaliseBodyName(next)) == std::string::npos) {
          body_line = NormaliseBodyName(body_line) + ", " + NormaliseBodyName(next);
          ++i;
        }
      }
    }
  }
  if (m.body.empty()) m.body = NormaliseBodyName(body_line);
  if (m.date.year == 0) {
    for (std::size_t i = begin; i < end && m.date.year == 0; ++i) {
      for (const model::DateMention& d : FindDates(lines[i].text)) {
        if (d.date.year != 0) {
          m.date = d.date;
          if (m.start.empty()) m.start = FindTime(std::string_view(lines[i].text).substr(d.span.end));
          break;
        }
      }
    }
  }
  if (m.start.empty()) {
    for (std::size_t i = begin; i < end && m.start.empty(); ++i) {
      if (lines[i].text.find("kl.") != std::string::npos) m.start = FindTime(lines[i].text);
    }
  }
  std::string body_slug = m.body.empty() ? "moede" : Slug(m.body);
  m.id = body_slug + "-" + (m.date.year ? m.date.iso() : source.sha256.substr(0, 12));
  return m;
}

}  // namespace sagsspor::packet
