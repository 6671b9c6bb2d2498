#include "search/results_json.h"

namespace sagsspor::search {

using nlohmann::json;

json ToJson(const SearchResults& r, const SearchRequest& request) {
  json hits = json::array();
  for (const Hit& h : r.hits) {
    json highlights = json::array();
    for (const auto& [b, e] : h.highlights) highlights.push_back({b, e});
    hits.push_back({{"id", h.id}, {"kind", h.kind}, {"meeting_id", h.meeting_id}, {"date", h.date},
                    {"body", h.body}, {"number", h.number}, {"title", h.title}, {"type", h.type},
                    {"snippet", h.snippet}, {"highlights", highlights}, {"score", h.score}});
  }
  json facets = json::object();
  for (const auto& [name, values] : r.facets) {
    json list = json::array();
    for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = list;
  }
  return {{"query", request.query}, {"total", r.total}, {"offset", request.offset}, {"limit", request.limit},
          {"hits", hits}, {"facets", facets}, {"facets_estimated", r.facets_estimated}, {"suggestion", r.suggestion.empty() ? json(nullptr) : json(r.suggestion)}};
}

}  // namespace sagsspor::search
