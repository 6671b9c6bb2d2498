// Calendars (RFC 5545) and Atom feeds (RFC 4287), so people can subscribe
// to meetings, deadlines and saved searches.

#ifndef SAGSSPOR_HTTP_FEEDS_H_
#define SAGSSPOR_HTTP_FEEDS_H_

#include <ctime>
#include <string>
#include <vector>

#include "search/search_index.h"
#include "store/store.h"

namespace sagsspor::http {

// An iCalendar with one event per meeting (at its start time as floating
// local time, or all day) and one all-day event per deadline. Lines end in
// CRLF and are folded at 75 octets without splitting a UTF-8 character.
// `base_url` ("http://127.0.0.1:8080") makes the events' links.
std::string Calendar(const std::vector<store::StoredMeeting>& meetings,
                     const std::vector<store::DeadlineRecord>& deadlines, const std::string& base_url,
                     std::time_t now);

// An Atom feed of search hits for `query`, newest meeting first.
std::string AtomFeed(const std::string& query, const std::vector<search::Hit>& hits, const std::string& base_url,
                     std::time_t now);

// Text escaped for an iCalendar TEXT value (backslash, comma, semicolon,
// newline). Exposed for tests.
std::string IcalText(const std::string& text);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_FEEDS_H_
