// Search results as JSON: the shape `sagsspor search --json` prints and
// /api/search serves (README.md).

#ifndef SAGSSPOR_SEARCH_RESULTS_JSON_H_
#define SAGSSPOR_SEARCH_RESULTS_JSON_H_

#include <nlohmann/json.hpp>

#include "search/search_index.h"

namespace sagsspor::search {

nlohmann::json ToJson(const SearchResults& results, const SearchRequest& request);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_RESULTS_JSON_H_
