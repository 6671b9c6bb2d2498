#include "text/clean.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "text/utf8.h"

namespace sagsspor::text {
namespace {

struct RawLine {
  std::string_view raw;  // as extracted
  std::string text;   // normalised spaces, trimmed
  bool whitespace_only = false;  // was " " rather than "" (a paragraph mark)
  int page = 0;
  int source_line = 0;
  bool drop = false;
};

// Replaces tabs, carriage returns and the Unicode spaces PDFs produce
// (no-break, figure, narrow no-break) with plain spaces.
std::string NormaliseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      out.push_back(' ');
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      out.push_back(' ');
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0x87 ||
                static_cast<unsigned char>(s[i + 2]) == 0xAF ||
                static_cast<unsigned char>(s[i + 2]) == 0x8B)) {
      if (static_cast<unsigned char>(s[i + 2]) != 0x8B) out.push_back(' ');  // drop ZWSP
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// NormaliseSpaces then CollapseSpaces, in one pass when the line has
// nothing to normalise (the common case).
std::string NormalisedLine(std::string_view raw) {
  const std::size_t n = raw.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c >= 0x20 && c < 0xC2) continue;
    if (c == '\t' || c == '\r' || c == '\v' || c == '\f' ||
        (c == 0xC2 && i + 1 < n && static_cast<unsigned char>(raw[i + 1]) == 0xA0) ||
        (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(raw[i + 2]) == 0x87 || static_cast<unsigned char>(raw[i + 2]) == 0xAF ||
          static_cast<unsigned char>(raw[i + 2]) == 0x8B))) {
      return CollapseSpaces(NormaliseSpaces(raw));
    }
  }
  return CollapseSpaces(raw);
}

// The line with digits replaced by '#' and letters lower-cased (ASCII), so
// "Side 3 af 12" and "Side 4 af 12" compare equal.
std::string Shape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_number = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (!in_number) out.push_back('#');
      in_number = true;
      continue;
    }
    in_number = false;
    if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Page-number lines: "Side 3 af 12", "SIDE | 6", "- 4 -", "3/12", "Page 3".
bool IsPageNumberShape(std::string_view shape, bool allow_bare_number) {
  static const std::string_view kShapes[] = {
      "side #", "side # af #", "side # of #", "side | #", "side |#", "side: #",
      "- # -", "-#-", "– # –", "# af #", "#/#", "page #", "page # of #", "s. #", "[#]"};
  if (allow_bare_number && shape == "#") return true;
  for (std::string_view k : kShapes) {
    if (shape == k) return true;
  }
  return false;
}

bool IsBareUrl(std::string_view s) {
  return (s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("www.", 0) == 0) &&
         s.find(' ') == std::string_view::npos;
}

std::string WithoutHyphensAndSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '-' && c != ' ') out.push_back(c);
  }
  return out;
}

// Physical pages: a line is a running header or footer when its shape
// stands in the same place (the k-th line from the top or the bottom) on
// many pages. Lines are peeled from each edge inwards, stopping at the
// first that is not an artifact, so a heading that happens to open a few
// pages stays.
void DropRepeatedEdges(std::vector<RawLine>* lines, int pages) {
  constexpr int kDepth = 3;
  std::vector<std::size_t> page_start(pages + 2, lines->size());
  for (std::size_t i = lines->size(); i > 0; --i) page_start[(*lines)[i - 1].page] = i - 1;
  for (int p = pages; p >= 1; --p) page_start[p] = std::min(page_start[p], page_start[p + 1]);
  // The k-th non-blank line from the top (dir 0) or the bottom (dir 1).
  auto for_each_edge_line = [&](int p, int dir, auto&& fn) {
    int k = 0;
    const std::size_t n = page_start[p + 1] - page_start[p];
    for (std::size_t j = 0; j < n && k < kDepth; ++j) {
      std::size_t i = dir == 0 ? page_start[p] + j : page_start[p + 1] - 1 - j;
      if ((*lines)[i].text.empty()) continue;
      if (!fn(i, k)) return;
      ++k;
    }
  };
  auto slot = [](const std::string& shape, int dir, int k) {
    return shape + (dir == 0 ? "|t" : "|b") + static_cast<char>('0' + k);
  };
  std::unordered_map<std::string, int> pages_with;
  for (int p = 1; p <= pages; ++p) {
    for (int dir = 0; dir < 2; ++dir) {
      for_each_edge_line(p, dir, [&](std::size_t i, int k) {
        ++pages_with[slot(Shape((*lines)[i].text), dir, k)];
        return true;
      });
    }
  }
  const int needed = std::max(2, (pages * 2 + 4) / 5);  // 40 % of the pages
  for (int p = 1; p <= pages; ++p) {
    for (int dir = 0; dir < 2; ++dir) {
      for_each_edge_line(p, dir, [&](std::size_t i, int k) {
        RawLine& line = (*lines)[i];
        std::string shape = Shape(line.text);
        bool artifact = IsPageNumberShape(shape, true);
        if (!artifact && pages >= 3) {
          // A repeated shape without words ("#-#") is data, such as a
          // journal number ending every item, not a running header.
          int letters = 0;
          for (char c : shape) letters += (c >= 'a' && c <= 'z') || (static_cast<unsigned char>(c) & 0x80);
          artifact = letters >= 3 && pages_with[slot(shape, dir, k)] >= needed;
        }
        if (artifact) line.drop = true;
        return artifact;
      });
    }
  }
}

// Text without page breaks: page-number lines mark where pages ended;
// short lines that repeat and nearly always stand next to such a marker
// are running headers and footers. Returns the number of markers.
int DropMarkedEdges(std::vector<RawLine>* lines) {
  // Page-number lines are short; only those are shaped.
  constexpr std::size_t kMarkerMax = 32;
  std::unordered_map<std::string, int> marker_count;
  std::vector<std::string> shapes(lines->size());
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string& text = (*lines)[i].text;
    if (text.empty() || text.size() > kMarkerMax) continue;
    shapes[i] = Shape(text);
    if (IsPageNumberShape(shapes[i], false)) ++marker_count[shapes[i]];
  }
  std::vector<char> is_marker(lines->size(), 0);
  int markers = 0;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    if (shapes[i].empty()) continue;
    auto it = marker_count.find(shapes[i]);
    if (it != marker_count.end() && it->second >= 2) {
      is_marker[i] = 1;
      ++markers;
    }
  }
  if (markers == 0) return 0;
  // Whether each line stands within kNear non-blank lines of a marker.
  constexpr int kNear = 1;
  std::vector<char> near(lines->size(), 0);
  {
    // The start and the end of the text are page edges too.
    int since = 0;
    for (std::size_t i = 0; i < lines->size(); ++i) {
      if (is_marker[i]) since = 0;
      else if (!(*lines)[i].text.empty()) ++since;
      near[i] = since <= kNear;
    }
    int until = 0;
    for (std::size_t i = lines->size(); i > 0; --i) {
      if (is_marker[i - 1]) until = 0;
      else if (!(*lines)[i - 1].text.empty()) ++until;
      if (until <= kNear) near[i - 1] = 1;
    }
  }
  // Running headers and footers repeat to the letter (their page numbers
  // are the markers): count the lines that stand near a marker, and how
  // often each of them occurs anywhere.
  struct Count { int all = 0; int near = 0; };
  std::unordered_map<std::string_view, Count> counts;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string& text = (*lines)[i].text;
    if (near[i] && !is_marker[i] && !text.empty() && text.size() <= 120) counts[text];
  }
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string& text = (*lines)[i].text;
    if (text.empty() || text.size() > 120 || is_marker[i]) continue;
    auto it = counts.find(text);
    if (it == counts.end()) continue;
    ++it->second.all;
    it->second.near += near[i];
  }
  int page = 1;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    RawLine& line = (*lines)[i];
    line.page = page;
    if (is_marker[i]) {
      line.drop = true;
      ++page;
      continue;
    }
    if (!near[i]) continue;
    auto it = counts.find(line.text);
    if (it != counts.end() && it->second.all >= 2 && it->second.near * 10 >= it->second.all * 8) {
      line.drop = true;
    }
  }
  return page;
}

// A bare URL line repeating a URL printed in the lines just before it is
// the echo of a PDF link annotation.
void DropUrlEchoes(std::vector<RawLine>* lines) {
  constexpr std::size_t kLookBack = 60;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    RawLine& line = (*lines)[i];
    if (line.drop || !IsBareUrl(line.text)) continue;
    std::string url = WithoutHyphensAndSpaces(line.text);
    std::string before;
    for (std::size_t j = i > kLookBack ? i - kLookBack : 0; j < i; ++j) {
      if (!(*lines)[j].text.empty()) before += WithoutHyphensAndSpaces((*lines)[j].text);
    }
    if (before.find(url) != std::string::npos) line.drop = true;
  }
}

// "K K R  S J Æ L L A N D" → "KKR SJÆLLAND". Returns false if the line is
// not spaced out.
bool JoinSpacedLetters(const std::string& collapsed, std::string_view raw, std::string* out) {
  // Cheap test first: every other byte of the collapsed line is a space.
  if (collapsed.size() < 5 || collapsed[1] != ' ' || collapsed[collapsed.size() - 2] != ' ') {
    if (collapsed.size() < 5 || (collapsed[1] & 0xC0) != 0x80) return false;
  }
  const std::string line = std::string(Trim(NormaliseSpaces(raw)));
  std::string joined;
  int singles = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t next;
    char32_t c = DecodeAt(line, i, &next);
    if (c == ' ') return false;
    if (!IsLetter(c) && !IsDigit(c)) return false;
    joined.append(line, i, next - i);
    ++singles;
    i = next;
    if (i == line.size()) break;
    if (line[i] != ' ') return false;  // two letters in a row: not spaced out
    std::size_t spaces = 0;
    while (i < line.size() && line[i] == ' ') { ++i; ++spaces; }
    if (spaces >= 2) joined.push_back(' ');
  }
  if (singles < 3) return false;
  *out = joined;
  return true;
}

// "… 23,55 kr. pr." does not end a sentence.
bool EndsWithAbbreviation(std::string_view line) {
  static const std::string_view kAbbreviations[] = {
      "pr.", "ca.", "kr.", "mio.", "mia.", "bl.a.", "jf.", "f.eks.", "nr.", "stk.", "kl.",
      "evt.", "inkl.", "ekskl.", "vedr.", "mht.", "iht.", "ift.", "dvs.", "pkt.", "t.kr.", "d."};
  std::size_t space = line.rfind(' ');
  std::string_view word = space == std::string_view::npos ? line : line.substr(space + 1);
  for (std::string_view a : kAbbreviations) {
    if (word == a) return true;
  }
  return false;
}

bool IsBulletGlyph(char32_t c) {
  return (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD || c == U'•' || c == U'▪' ||
         c == U'●' || c == U'◦' || c == U'○' || c == U'■' || c == U'□' || c == U'➢' ||
         c == U'►' || c == U'▶' || c == U'✓' || c == U'·';
}

// Maps a leading bullet glyph in *line to "• ". Dashes count only when followed by
// a space and text ("– Movia."), so "-40 %" stays as it is.
void MapBullet(std::string* line) {
  const unsigned char b = static_cast<unsigned char>((*line)[0]);
  // Plain text and digits start most lines: no bullet.
  if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) return;
  std::size_t next;
  char32_t c = DecodeAt(*line, 0, &next);
  if (IsBulletGlyph(c)) {
    std::string_view rest = Trim(std::string_view(*line).substr(next));
    *line = rest.empty() ? std::string() : "• " + std::string(rest);  // a lone glyph is no item
    return;
  }
  if ((c == U'–' || c == U'—' || c == '-' || c == '*') && next < line->size() && (*line)[next] == ' ') {
    std::string_view rest = Trim(std::string_view(*line).substr(next));
    if (!rest.empty() && !IsDigit(FirstCodePoint(rest))) *line = "• " + std::string(rest);
  }
}

}  // namespace

CleanText Clean(const std::vector<std::string>& pages) {
  std::vector<RawLine> lines;
  int source_line = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::string_view page = pages[p];
    std::size_t start = 0;
    while (start <= page.size()) {
      std::size_t nl = page.find('\n', start);
      if (nl == std::string_view::npos) nl = page.size();
      std::string_view raw = page.substr(start, nl - start);
      RawLine line;
      line.raw = raw;
      line.text = NormalisedLine(raw);
      line.whitespace_only = line.text.empty() && !raw.empty();
      line.page = static_cast<int>(p) + 1;
      line.source_line = ++source_line;
      lines.push_back(std::move(line));
      if (nl == page.size()) break;
      start = nl + 1;
    }
  }

  CleanText out;
  if (pages.size() > 1) {
    out.pages = static_cast<int>(pages.size());
    DropRepeatedEdges(&lines, out.pages);
  } else {
    out.pages = DropMarkedEdges(&lines);
    if (out.pages == 0) out.pages = 1;
  }
  DropUrlEchoes(&lines);

  // Double-spaced extraction: most text lines are followed by one empty
  // line. Then a single empty line is a soft break, and only a longer run
  // or a whitespace-only line ends a paragraph.
  int text_lines = 0, followed_by_empty = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].text.empty() || lines[i].drop) continue;
    ++text_lines;
    if (lines[i + 1].text.empty() && !lines[i + 1].whitespace_only) ++followed_by_empty;
  }
  const bool double_spaced = text_lines >= 10 && followed_by_empty * 10 >= text_lines * 6;

  std::size_t i = 0;
  while (i < lines.size()) {
    RawLine& line = lines[i];
    if (line.text.empty() || line.drop) {
      // A gap: blank and dropped lines. Where it spans a page break, a
      // sentence that runs on ("… udgøre 41" / "mio. kr., som …") is joined.
      std::size_t run = 0;
      bool marked = false, page_gap = false;
      const int page_before = out.lines.empty() ? line.page : out.lines.back().page;
      while (i < lines.size() && (lines[i].text.empty() || lines[i].drop)) {
        if (lines[i].drop) {
          ++out.removed_lines;
          page_gap = true;
        } else {
          ++run;
          marked |= lines[i].whitespace_only;
        }
        ++i;
      }
      if (i < lines.size() && lines[i].page != page_before) page_gap = true;
      bool paragraph = !double_spaced || marked || run >= 2;
      if (page_gap && !out.lines.empty() && i < lines.size()) {
        char32_t last = LastCodePoint(out.lines.back().text);
        char32_t next = FirstCodePoint(lines[i].text);
        bool sentence_ended = (last == '.' && !EndsWithAbbreviation(out.lines.back().text)) ||
                              last == ':' || last == '!' || last == '?' || last == ';';
        // A paragraph does not open in lower case ("27." / "november
        // 2023"); a digit continues an unfinished sentence.
        paragraph = !IsLower(next) && (sentence_ended || !IsDigit(next));
      }
      if (paragraph && !out.lines.empty() && !out.lines.back().is_break()) {
        out.lines.push_back(Line{"", line.page, line.source_line});
      }
      continue;
    }
    std::string text;
    if (!JoinSpacedLetters(line.text, line.raw, &text)) {
      text = std::move(line.text);
      MapBullet(&text);
    }
    if (!text.empty()) out.lines.push_back(Line{std::move(text), line.page, line.source_line});
    ++i;
  }
  while (!out.lines.empty() && out.lines.back().is_break()) out.lines.pop_back();
  return out;
}

}  // namespace sagsspor::text
