#include "cases/timeline_json.h"

namespace sagsspor::cases {

using nlohmann::json;

json ToJson(const Timeline& t) {
  json entries = json::array();
  for (const TimelineEntry& e : t.entries) {
    json deadlines = json::array();
    for (const model::Deadline& d : e.deadlines_ahead) deadlines.push_back({{"date", d.date.iso()}, {"text", d.text}});
    entries.push_back({{"item_id", e.item_id}, {"meeting_id", e.meeting_id}, {"body", e.body},
                       {"date", e.date.valid() ? json(e.date.iso()) : json(nullptr)}, {"number", e.number},
                       {"title", e.title}, {"type", e.type}, {"case_number", e.case_number},
                       {"recommendation", e.recommendation}, {"decision", e.decision},
                       {"deadlines_ahead", deadlines}, {"confidence", e.confidence}, {"reason", e.reason}});
  }
  return {{"subject", t.subject}, {"entries", entries}};
}

}  // namespace sagsspor::cases
