#include "cases/case_timeline.h"

#include <algorithm>
#include <map>
#include <set>

#include "packet/facts.h"
#include "search/analyzer.h"
#include "text/utf8.h"

namespace sagsspor::cases {
namespace {

constexpr double kSubjectThreshold = 0.5;
// A shared subject is strong evidence, but never as sure as a number.
constexpr double kSubjectConfidence = 0.9;
constexpr double kReferenceConfidence = 0.9;
constexpr double kMeetingReferenceConfidence = 0.8;

// Words that say nothing about the subject of a title.
const std::set<std::string>& StopWords() {
  static const std::set<std::string> words = {
      "og", "for", "i", "af", "til", "det", "den", "de", "på", "med", "om", "en", "et", "fra", "ved",
      "samt", "status", "orientering", "godkendelse", "drøftelse", "beslutningssag", "orienteringssag",
      "temadrøftelse", "drøftelsessag", "meddelelser", "sag", "punkt", "nyt"};
  return words;
}

std::set<std::string> SignificantStems(const std::string& title) {
  const search::Analyzer& analyzer = search::Analyzer::Default();
  std::set<std::string> out;
  for (const search::Token& t : analyzer.Tokenize(title)) {
    if (StopWords().count(t.word) || text::CodePointCount(t.word) < 2) continue;
    out.insert(analyzer.Stem(t.word));
  }
  return out;
}

std::string Section(const model::AgendaItem& item, const char* kind) {
  for (const model::Section& s : item.sections) {
    if (s.kind == kind) return s.text;
  }
  return "";
}

// A case number printed on most items of its meeting is the meeting's
// own number, not a case's: the rule of store::CaseKeys(), which OParl
// Papers follow too.
bool IsMeetingNumber(const model::Meeting& meeting, const std::string& number) {
  const std::vector<std::string> keys = store::CaseKeys(meeting);
  for (std::size_t k = 0; k < meeting.items.size(); ++k) {
    if (meeting.items[k].case_number == number) return keys[k].empty();
  }
  return false;
}

struct Candidate {
  double confidence = 0;
  std::string reason;
};

class Builder {
 public:
  Builder(store::Store& store, search::SearchIndex& index) : store_(store), index_(index) {}

  void Link(const std::string& item_id, double confidence, const std::string& reason) {
    Candidate& c = found_[item_id];
    if (confidence > c.confidence) c = {confidence, reason};
  }

  std::vector<std::string> SearchItems(const std::string& query, int limit) {
    search::SearchRequest r;
    r.query = query;
    r.limit = limit;
    std::vector<std::string> out;
    for (const search::Hit& h : index_.Search(r).hits) {
      if (h.kind == "item") out.push_back(h.id);
    }
    return out;
  }

  // Everything linked to `item` of `meeting`.
  void Expand(const model::AgendaItem& item, const model::Meeting& meeting) {
    if (!item.case_number.empty() && !IsMeetingNumber(meeting, item.case_number)) {
      for (const std::string& id : SearchItems("case:\"" + item.case_number + "\"", 200)) {
        Link(id, 1.0, "samme sagsnummer " + item.case_number);
      }
    }
    for (const model::Section& s : item.sections) References(item, s.text, meeting);
    // Same subject, in any body and year.
    std::set<std::string> stems = SignificantStems(item.title);
    if (stems.empty()) return;
    std::string query;
    for (const search::Token& t : search::Analyzer::Default().Tokenize(item.title)) {
      if (StopWords().count(t.word)) continue;
      query += (query.empty() ? "" : " OR ") + t.word;
    }
    for (const std::string& id : SearchItems(query, 50)) {
      auto candidate = store_.FindStoredItem(id, store::Detail::kOutline);  // its title is all we need
      if (!candidate) continue;
      std::vector<std::string> shared;
      double similarity = TitleSimilarity(item.title, candidate->item.title, &shared);
      if (similarity < kSubjectThreshold) continue;
      std::string reason = "samme emne:";
      for (const std::string& w : shared) reason += " " + w;
      Link(id, kSubjectConfidence * similarity, reason);
    }
  }

  // "jf. punkt 2.3" and "behandlet på mødet den 14. juni 2017".
  void References(const model::AgendaItem& item, const std::string& text, const model::Meeting& meeting) {
    for (const char* marker : {"jf. punkt ", "jf. pkt. ", "jf. pkt ", "se punkt ", "under punkt "}) {
      for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
        std::size_t p = at + std::char_traits<char>::length(marker);
        std::size_t e = p;
        while (e < text.size() && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '.')) ++e;
        while (e > p && text[e - 1] == '.') --e;
        std::string number = text.substr(p, e - p);
        for (const model::AgendaItem& other : meeting.items) {
          if (!number.empty() && other.number == number) {
            Link(other.id, kReferenceConfidence, "henvisning: " + text.substr(at, e - at));
          }
        }
      }
    }
    for (const model::DateMention& d : packet::FindDates(text)) {
      std::size_t from = d.span.begin > 40 ? d.span.begin - 40 : 0;
      std::string before = text.substr(from, d.span.begin - from);
      if (before.find("mødet") == std::string::npos && before.find("møde ") == std::string::npos) continue;
      if (d.date.year == 0) continue;
      // The meeting referred to, in any body: its items on the same subject.
      // Titles are all that is compared: the outline is enough.
      for (const store::StoredMeeting& m : store_.MeetingsOn(d.date, store::Detail::kOutline)) {
        for (const model::AgendaItem& other : m.meeting.items) {
          if (other.id == item.id || TitleSimilarity(item.title, other.title, nullptr) < 0.25) continue;
          Link(other.id, kMeetingReferenceConfidence,
               "henvisning til " + m.meeting.body + "s møde den " + d.text);
        }
      }
    }
  }

  std::map<std::string, Candidate>& found() { return found_; }

 private:
  store::Store& store_;
  search::SearchIndex& index_;
  std::map<std::string, Candidate> found_;
};

}  // namespace

double TitleSimilarity(const std::string& a, const std::string& b, std::vector<std::string>* shared) {
  std::set<std::string> x = SignificantStems(a), y = SignificantStems(b);
  if (x.empty() || y.empty()) return 0;
  std::vector<std::string> both;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  const double unions = static_cast<double>(x.size() + y.size() - both.size());
  if (shared) *shared = both;
  double similarity = both.size() / unions;
  // Titles naming different years ("Rammeaftale 2021-2022" and "2023-2024")
  // are different cases of the same kind.
  auto years = [](const std::set<std::string>& words) {
    std::set<std::string> out;
    for (const std::string& w : words) {
      if (w.size() == 4 && std::all_of(w.begin(), w.end(), ::isdigit) && (w[0] == '1' || w[0] == '2')) out.insert(w);
    }
    return out;
  };
  std::set<std::string> xy = years(x), yy = years(y);
  if (!xy.empty() && !yy.empty()) {
    std::vector<std::string> common;
    std::set_intersection(xy.begin(), xy.end(), yy.begin(), yy.end(), std::back_inserter(common));
    if (common.empty()) similarity *= 0.5;
  }
  return similarity;
}

Timeline BuildTimeline(store::Store& store, search::SearchIndex& index, const std::string& what,
                       const model::Date& today) {
  Timeline timeline;
  Builder builder(store, index);
  std::vector<std::string> seeds;
  std::string case_number = packet::CaseNumberLine(what);
  if (store.FindStoredItem(what, store::Detail::kOutline)) {
    seeds.push_back(what);
  } else if (!case_number.empty()) {
    seeds = builder.SearchItems("case:\"" + case_number + "\"", 200);
    timeline.subject = case_number;
  } else {
    seeds = builder.SearchItems(what, 1);
  }
  for (const std::string& id : seeds) {
    model::Meeting m;
    auto item = store.FindItem(id, &m);
    if (!item) continue;
    builder.Link(id, 1.0, case_number.empty() ? "udgangspunkt" : "sagsnummer " + case_number);
    if (timeline.subject.empty()) timeline.subject = item->title;
    builder.Expand(*item, m);
  }
  for (const auto& [id, candidate] : builder.found()) {
    // The item in full; of its meeting, the header.
    auto stored = store.FindStoredItem(id, store::Detail::kFull);
    if (!stored) continue;
    const model::Meeting& m = stored->meeting;
    const model::AgendaItem& item = stored->item;
    TimelineEntry e;
    e.item_id = id;
    e.meeting_id = m.id;
    e.body = m.body;
    e.date = m.date;
    e.number = item.number;
    e.title = item.title;
    e.type = item.type;
    e.case_number = item.case_number;
    e.recommendation = Section(item, "indstilling");
    e.decision = Section(item, "beslutning");
    for (const model::Deadline& d : item.facts.deadlines) {
      bool ahead = !today.valid() || std::tie(d.date.year, d.date.month, d.date.day) >=
                                         std::tie(today.year, today.month, today.day);
      if (ahead) e.deadlines_ahead.push_back(d);
    }
    e.confidence = candidate.confidence;
    e.reason = candidate.reason;
    timeline.entries.push_back(std::move(e));
  }
  std::sort(timeline.entries.begin(), timeline.entries.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    return std::tie(a.date.year, a.date.month, a.date.day, a.body, a.number) <
           std::tie(b.date.year, b.date.month, b.date.day, b.body, b.number);
  });
  return timeline;
}

}  // namespace sagsspor::cases
