// The layouts Sagsspor knows. Each reads item headings its own way; the
// engine in layout.cc does the rest.

#include <string>

#include "packet/layout.h"
#include "packet/scan.h"
#include "text/utf8.h"

namespace sagsspor::packet {
namespace {

// Reads "2.3." / "7." at the start of `line`: the numbers and where the
// title starts. `require_dot` demands a dot after the last number.
bool ReadNumber(std::string_view line, std::vector<int>* number, std::string* printed,
                std::size_t* rest, bool require_dot) {
  std::size_t p = 0;
  number->clear();
  for (;;) {
    std::size_t start = p;
    int v = ReadInt(line, &p, 3);
    if (p == start) return false;
    number->push_back(v);
    bool dot = p < line.size() && line[p] == '.';
    if (dot && p + 1 < line.size() && IsAsciiDigit(line[p + 1])) {
      ++p;
      continue;
    }
    if (dot) ++p;
    else if (require_dot) return false;
    break;
  }
  if (p >= line.size() || line[p] != ' ') return false;
  *printed = std::string(line.substr(0, p));
  while (!printed->empty() && printed->back() == '.') printed->pop_back();
  while (p < line.size() && line[p] == ' ') ++p;
  *rest = p;
  return p < line.size();
}

// Splits "Beslutningssag: Title" into type and title when the prefix is a
// known item type.
void SplitType(std::string_view rest, const Vocabulary& vocabulary, ItemLine* item) {
  std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos && colon <= 40) {
    std::string type = vocabulary.ItemType(rest.substr(0, colon));
    if (!type.empty()) {
      item->type = type;
      item->type_printed = std::string(text::Trim(rest.substr(0, colon)));
      item->title = std::string(text::Trim(rest.substr(colon + 1)));
      return;
    }
  }
  item->title = std::string(rest);
}

// (a) KL and KKR agendas: "2.3. Beslutningssag: Title" under group
// headings "2. Regionalpolitiske sager", a case-number line below.
class NumberedLayout : public Layout {
 public:
  std::string_view name() const override { return "numbered"; }

 protected:
  bool MatchItem(std::string_view line, const Vocabulary& vocabulary, ItemLine* item) const override {
    std::size_t rest;
    if (!ReadNumber(line, &item->number, &item->number_text, &rest, true)) return false;
    if (item->number.size() != 2) return false;
    if (!text::IsUpper(text::FirstCodePoint(line.substr(rest)))) return false;
    SplitType(line.substr(rest), vocabulary, item);
    return !item->title.empty();
  }

  bool MatchGroup(std::string_view line, int* number, std::string* title) const override {
    std::vector<int> n;
    std::string printed;
    std::size_t rest;
    if (!ReadNumber(line, &n, &printed, &rest, true) || n.size() != 1) return false;
    if (!text::IsUpper(text::FirstCodePoint(line.substr(rest)))) return false;
    *number = n[0];
    *title = std::string(line.substr(rest));
    return true;
  }
};

// (b) Regional committees: " 1. BESLUTNINGSSAG: TITLE IN CAPITALS" that
// may wrap, upper-case headings, attachments appended after the items.
class CapitalsLayout : public Layout {
 public:
  std::string_view name() const override { return "capitals"; }

 protected:
  bool MatchItem(std::string_view line, const Vocabulary& vocabulary, ItemLine* item) const override {
    std::size_t rest;
    if (!ReadNumber(line, &item->number, &item->number_text, &rest, true)) return false;
    if (item->number.size() != 1) return false;
    SplitType(line.substr(rest), vocabulary, item);
    return text::IsAllCaps(item->title) && text::CodePointCount(item->title) >= 3;
  }

  bool ContinuesTitle(std::string_view line, const ItemLine& item,
                      const Vocabulary& vocabulary) const override {
    return text::IsAllCaps(line) && Layout::ContinuesTitle(line, item, vocabulary);
  }
};

// (c) City-council minutes: "Punkt 3: Title" or "3. Title", then
// "Sagsnr.: …", a Beslutning section per item.
class MinutesLayout : public Layout {
 public:
  std::string_view name() const override { return "minutes"; }

 protected:
  bool MatchItem(std::string_view line, const Vocabulary& vocabulary, ItemLine* item) const override {
    std::string_view l = line;
    bool punkt = StartsWithAt(l, 0, "punkt ");
    if (punkt) l.remove_prefix(6);
    std::size_t p = 0;
    int v = ReadInt(l, &p, 4);
    if (p == 0 || p >= l.size()) return false;
    if (l[p] == ':' || l[p] == '.') ++p;
    else if (!punkt) return false;
    if (p >= l.size() || l[p] != ' ') return false;
    while (p < l.size() && l[p] == ' ') ++p;
    std::string_view rest = l.substr(p);
    if (rest.empty() || !text::IsUpper(text::FirstCodePoint(rest)) || text::IsAllCaps(rest)) return false;
    item->number = {v};
    item->number_text = std::to_string(v);
    SplitType(rest, vocabulary, item);
    return !item->title.empty();
  }
};

}  // namespace

const std::vector<const Layout*>& AllLayouts() {
  static const NumberedLayout numbered;
  static const CapitalsLayout capitals;
  static const MinutesLayout minutes;
  static const std::vector<const Layout*> all = {&numbered, &capitals, &minutes};
  return all;
}

}  // namespace sagsspor::packet
