#include "text/reflow.h"

#include "text/utf8.h"

namespace sagsspor::text {
namespace {

// "• …", or "1. Title" / "2) Title": one or two digits and a capital, so
// that a wrapped "2023. Aftalen" or "30. juni" stays in its paragraph.
bool IsListItem(std::string_view line) {
  if (line.rfind("• ", 0) == 0) return true;
  std::size_t p = 0;
  while (p < line.size() && p < 3 && line[p] >= '0' && line[p] <= '9') ++p;
  if (p == 0 || p > 2 || p + 2 >= line.size()) return false;
  if ((line[p] != '.' && line[p] != ')') || line[p + 1] != ' ') return false;
  return IsUpper(FirstCodePoint(line.substr(p + 2)));
}

std::string_view LastWord(std::string_view s) {
  std::size_t space = s.rfind(' ');
  return space == std::string_view::npos ? s : s.substr(space + 1);
}

std::string_view FirstWord(std::string_view s) {
  std::size_t space = s.find(' ');
  return space == std::string_view::npos ? s : s.substr(0, space);
}

bool IsRealHyphenBefore(std::string_view next_word) {
  // "børne- og ungeområdet": a hyphen that stands for a left-out word part.
  static const std::string_view kJoiners[] = {"og", "eller", "samt", "til", "som", "&", "/"};
  std::string_view w = next_word;
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
  for (std::string_view j : kJoiners) {
    if (w == j) return true;
  }
  return false;
}

}  // namespace

void AppendWrapped(std::string* text, std::string_view next) {
  if (next.empty()) return;
  if (text->empty()) {
    text->append(next);
    return;
  }
  if (text->back() == '-' && text->size() >= 2 && (*text)[text->size() - 2] != ' ') {
    std::string_view before = std::string_view(*text).substr(0, text->size() - 1);
    char32_t prev = LastCodePoint(before);
    char32_t first = FirstCodePoint(next);
    std::string_view last_word = LastWord(before);
    bool url = last_word.find("://") != std::string_view::npos || last_word.rfind("www.", 0) == 0;
    if (IsLetter(prev) && IsLower(first) && !IsRealHyphenBefore(FirstWord(next))) {
      bool keep_hyphen = url || IsUpper(prev) ||
                         // "DK2020-sekretariatet": a digit or acronym before it.
                         [&] {
                           for (std::size_t i = 0, n; i < last_word.size(); i = n) {
                             char32_t c = DecodeAt(last_word, i, &n);
                             if (IsDigit(c)) return true;
                           }
                           return IsAllCaps(last_word);
                         }();
      if (!keep_hyphen) text->pop_back();
      text->append(next);
      return;
    }
    if (url || IsDigit(prev) || IsUpper(prev)) {
      if (!IsRealHyphenBefore(FirstWord(next)) && (url || !IsDigit(first))) {
        text->append(next);
        return;
      }
    }
  }
  text->push_back(' ');
  text->append(next);
}

std::string Reflow(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
  std::string out;
  std::string paragraph;
  const char* separator = "\n\n";  // what goes before `paragraph` in `out`
  bool in_list = false;
  auto flush = [&] {
    if (paragraph.empty()) return;
    if (!out.empty()) out += separator;
    out += paragraph;
    paragraph.clear();
  };
  for (std::size_t i = begin; i < end && i < lines.size(); ++i) {
    const std::string& line = lines[i].text;
    if (line.empty()) {
      flush();
      in_list = false;
      continue;
    }
    if (IsListItem(line)) {
      flush();
      // Items of one list are separated by "\n", a list from what went
      // before by "\n\n".
      separator = in_list ? "\n" : "\n\n";
      paragraph = line;
      in_list = true;
      continue;
    }
    if (paragraph.empty()) {
      separator = "\n\n";
      in_list = false;
    }
    AppendWrapped(&paragraph, line);
  }
  flush();
  return out;
}

}  // namespace sagsspor::text
