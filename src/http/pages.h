// The Danish web pages, rendered on the server from the model; they work
// without JavaScript. Each returns a whole HTML page (see html.h).

#ifndef SAGSSPOR_HTTP_PAGES_H_
#define SAGSSPOR_HTTP_PAGES_H_

#include <string>
#include <vector>

#include "cases/case_timeline.h"
#include "model/model.h"
#include "search/search_index.h"
#include "store/store.h"

namespace sagsspor::http {

// Forside: the latest meeting of each body and the deadlines ahead.
std::string HomePage(const std::vector<store::StoredMeeting>& latest, const std::vector<store::DeadlineRecord>& ahead);

// Mødeside: the agenda with type badges. With `original_kept` (the store
// keeps the packet's bytes) it links the original as "Hent original".
std::string MeetingPage(const model::Meeting& meeting, const model::Source& source, bool original_kept);

// Punktside: sections, facts, attachments, case links; `meeting` needs
// only its header. `original` is the packet's source when the store keeps
// its bytes (linked as "Hent original"), else nullptr.
std::string ItemPage(const model::AgendaItem& item, const model::Meeting& meeting, const model::Source* original);

// Where the server serves the original of the packet with this SHA-256.
std::string OriginalUrl(const std::string& sha256);

// A document (attachment or packet without an agenda).
std::string DocumentPage(const model::Document& document);

// Søgning: results with snippets, facets, paging, "Mente du".
std::string SearchPage(const search::SearchRequest& request, const search::SearchResults& results);

// Sagsforløb: the case's timeline.
std::string CasePage(const cases::Timeline& timeline);

// Frister: deadlines, earliest first.
std::string DeadlinesPage(const std::vector<store::DeadlineRecord>& deadlines);

// Personer og udpegninger: who was appointed to what, by whom.
std::string PersonsPage(const std::vector<store::AppointmentRecord>& appointments);

std::string NotFoundPage(const std::string& what);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_PAGES_H_
