// Cleaning extracted packet text the way a careful reader would.
//
// Input is the text of each page as extracted (PDF) or decoded (text
// files). Output is a list of logical lines with:
//  - running page headers and footers and page numbers removed (found by
//    repetition across pages, or, in text without page breaks, by their
//    closeness to page-number lines such as "SIDE | 6" or "Side 3 af 12");
//  - PDF link-annotation echoes (a bare URL line repeating a URL just
//    printed) removed;
//  - "double-spaced" extractions (an empty line after every line) folded;
//  - spaced-out letters ("K K R  S J Æ L L A N D") joined into words;
//  - bullet glyphs (private-use characters, U+FFFD, "•", "–", "-") mapped
//    to "• ".
// Lines are not yet joined into paragraphs: layout detection needs them.
// Reflow() (reflow.h) joins a range of them afterwards.

#ifndef SAGSSPOR_TEXT_CLEAN_H_
#define SAGSSPOR_TEXT_CLEAN_H_

#include <string>
#include <vector>

namespace sagsspor::text {

struct Line {
  std::string text;     // trimmed, spaces collapsed; "" marks a paragraph break
  int page = 0;         // 1-based
  int source_line = 0;  // 1-based line number in the extracted text
  bool is_break() const { return text.empty(); }
};

struct CleanText {
  std::vector<Line> lines;  // no two breaks in a row, none first or last
  int pages = 0;            // physical pages, or pages found from markers
  int removed_lines = 0;    // header, footer, page-number and echo lines dropped
};

CleanText Clean(const std::vector<std::string>& pages);

}  // namespace sagsspor::text

#endif  // SAGSSPOR_TEXT_CLEAN_H_
