// Legislative terms (valgperioder) for OParl's Body.legislativeTerm.
//
// The packets do not name terms, so they are derived from the calendar:
// Danish municipal and regional councils are elected every four years in
// November and sit from 1 January after (2018-2021, 2022-2025 …), and the
// bodies whose packets Sagsspor reads (councils, their committees, KKR,
// whose members the councils appoint) follow the same periods. The cycle
// has held since the 1982-1985 term; earlier dates get no term.

#ifndef SAGSSPOR_HTTP_LEGISLATIVE_TERM_H_
#define SAGSSPOR_HTTP_LEGISLATIVE_TERM_H_

#include <vector>

#include "model/model.h"

namespace sagsspor::http {

struct LegislativeTerm {
  int first_year = 0;  // from 1 January of this year
  int last_year = 0;   // to 31 December of this one
};

// The term that `year` falls in; first_year 0 before 1982.
LegislativeTerm TermOf(int year);

// The terms from the one holding `first` to the one holding `last`,
// oldest first; empty when either date has no year.
std::vector<LegislativeTerm> TermsCovering(const model::Date& first, const model::Date& last);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_LEGISLATIVE_TERM_H_
