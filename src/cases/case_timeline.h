// A case is one matter followed across meetings and bodies: the same
// Rammeaftale in KKR, in a regional committee and in the city councils.
//
// Items are linked to a case
//  - by the same case or journal number, unless that number is the
//    meeting's own (printed on most items of one meeting, as KKR does);
//  - by explicit references in their text: "jf. punkt 2.3" (same meeting),
//    "behandlet på mødet den 14. juni 2017" (items on the same subject at
//    a meeting that day);
//  - by subject: titles that share most of their significant words
//    (stemmed; titles naming different years count half, so
//    "Rammeaftale 2021-2022" and "Rammeaftale 2023-2024" stay apart).
// Every link carries a confidence (0-1) and the reason, in Danish, for
// people to judge.

#ifndef SAGSSPOR_CASES_CASE_TIMELINE_H_
#define SAGSSPOR_CASES_CASE_TIMELINE_H_

#include <string>
#include <vector>

#include "model/model.h"
#include "search/search_index.h"
#include "store/store.h"

namespace sagsspor::cases {

struct TimelineEntry {
  std::string item_id;
  std::string meeting_id;
  std::string body;
  model::Date date;
  std::string number;
  std::string title;
  std::string type;
  std::string case_number;
  std::string recommendation;  // the Indstilling section, "" if none
  std::string decision;        // the Beslutning section, "" if none
  std::vector<model::Deadline> deadlines_ahead;  // on or after `today`
  double confidence = 1;       // 1 for the item the timeline started from
  std::string reason;          // why it belongs to the case
};

struct Timeline {
  std::string subject;               // the starting item's title, or the case number
  std::vector<TimelineEntry> entries;  // by date, then body
};

// The timeline of `what`: an item id, a case number, or a search query
// (whose best item is the starting point). Empty when nothing matches.
Timeline BuildTimeline(store::Store& store, search::SearchIndex& index, const std::string& what,
                       const model::Date& today);

// Similarity (0-1) of two titles by their significant stemmed words;
// sets *shared to those they share. Exposed for tests.
double TitleSimilarity(const std::string& a, const std::string& b, std::vector<std::string>* shared);

}  // namespace sagsspor::cases

#endif  // SAGSSPOR_CASES_CASE_TIMELINE_H_
