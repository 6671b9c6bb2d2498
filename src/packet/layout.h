// A packet layout: one way bodies print their agendas. Adding a layout
// means adding one class here and its words to data/vocabulary.json.
//
// The parser asks every layout for a score and lets the best one parse;
// a packet no layout scores is kept as a Document.

#ifndef SAGSSPOR_PACKET_LAYOUT_H_
#define SAGSSPOR_PACKET_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "packet/vocabulary.h"
#include "text/clean.h"

namespace sagsspor::packet {

// An item heading line as a layout reads it.
struct ItemLine {
  std::size_t line = 0;      // index into CleanText::lines
  std::vector<int> number;   // {2, 3} for "2.3."
  std::string number_text;   // "2.3"
  std::string type_printed;  // "Beslutningssag", "BESLUTNINGSSAG" or ""
  std::string type;          // canonical, or ""
  std::string title;         // the rest of the line
};

class Layout {
 public:
  virtual ~Layout() = default;

  // A short stable name ("numbered", "capitals", "minutes").
  virtual std::string_view name() const = 0;

  // The item heading lines this layout reads in `text`: the longest chain
  // of confirmed, consecutively numbered candidates.
  std::vector<ItemLine> FindItems(const text::CleanText& text, const Vocabulary& vocabulary) const;

  // Evidence, from FindItems(), that the text is printed in this layout: 0
  // for none, otherwise roughly the number of agenda items.
  static double Score(const std::vector<ItemLine>& items);

  // Parses `text`, whose items FindItems() found, into meetings (and their
  // documents) in *packet. Only called when Score(items) > 0.
  void Parse(const text::CleanText& text, const std::vector<ItemLine>& items,
             const Vocabulary& vocabulary, model::Packet* packet) const;

 protected:
  // Reads `line` as an item heading; the number, type and title start.
  virtual bool MatchItem(std::string_view line, const Vocabulary& vocabulary,
                         ItemLine* item) const = 0;

  // True when `line`, after an item heading, continues its title.
  virtual bool ContinuesTitle(std::string_view line, const ItemLine& item,
                              const Vocabulary& vocabulary) const;

  // True when an item numbered `next` may follow one numbered `prev`.
  virtual bool Follows(const std::vector<int>& prev, const std::vector<int>& next) const;

  // Group headings ("2. Regionalpolitiske sager") that items stand under;
  // layouts without them return false.
  virtual bool MatchGroup(std::string_view line, int* number, std::string* title) const;
};

// All layouts, in no particular order.
const std::vector<const Layout*>& AllLayouts();

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_LAYOUT_H_
