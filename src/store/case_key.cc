#include <map>

#include "store/store.h"
#include "text/utf8.h"

namespace sagsspor::store {

std::vector<std::string> CaseKeys(const model::Meeting& meeting) {
  std::vector<std::string> keys;
  std::map<std::string, std::size_t> counts;
  for (const model::AgendaItem& i : meeting.items) {
    keys.push_back(i.case_number.empty() ? std::string() : text::FoldForMatch(i.case_number));
    if (!keys.back().empty()) ++counts[keys.back()];
  }
  if (meeting.items.size() >= 3) {
    for (std::string& key : keys) {
      if (!key.empty() && counts[key] * 2 > meeting.items.size()) key.clear();  // the meeting's own number
    }
  }
  return keys;
}

}  // namespace sagsspor::store
