// The created/modified filters of OParl 1.1 external lists
// (created_since, created_until, modified_since, modified_until).

#ifndef SAGSSPOR_HTTP_OPARL_FILTER_H_
#define SAGSSPOR_HTTP_OPARL_FILTER_H_

#include <string>
#include <string_view>

namespace sagsspor::http {

// Parses an ISO 8601 date-time, "YYYY-MM-DDTHH:MM[:SS[.fraction]]"
// followed by "Z", "±HH:MM", "±HHMM" or nothing (then it is UTC), into
// UTC "YYYY-MM-DDTHH:MM:SSZ", the form of the store's stamps; fractions
// of a second are dropped. A space stands for "+" (an unencoded "+" in a
// query string arrives as one). Returns false, *utc untouched, for
// anything else, impossible dates and times included.
bool ParseIsoDateTime(std::string_view text, std::string* utc);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_OPARL_FILTER_H_
