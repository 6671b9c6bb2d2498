// A case timeline as JSON: the shape `sagsspor case --json` prints and
// /api/cases/{id} serves (README.md).

#ifndef SAGSSPOR_CASES_TIMELINE_JSON_H_
#define SAGSSPOR_CASES_TIMELINE_JSON_H_

#include <nlohmann/json.hpp>

#include "cases/case_timeline.h"

namespace sagsspor::cases {

nlohmann::json ToJson(const Timeline& timeline);

}  // namespace sagsspor::cases

#endif  // SAGSSPOR_CASES_TIMELINE_JSON_H_
