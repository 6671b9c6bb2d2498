// The ids of OParl Papers ("paper/<id>"). A Paper is a case
// (store::StoredCase): the items that share a case key have the Paper
// "sag-<key>", the key's bytes kept when they are a-z, 0-9, "." or "-"
// and written "_xx" (lower-case hex) otherwise, so "21/00123" gives
// "sag-21_2f00123"; an item without a case key is the Paper of its own
// item id. Item ids begin with their body's slug, so an item id that
// also reads as "sag-<key>" would need a body whose slug begins with
// "sag": Oparl tries the case first.

#ifndef SAGSSPOR_HTTP_PAPER_ID_H_
#define SAGSSPOR_HTTP_PAPER_ID_H_

#include <optional>
#include <string>

namespace sagsspor::http {

// The Paper id of the case with `case_key`, or of the item `item_id`
// when the key is "".
std::string PaperId(const std::string& case_key, const std::string& item_id);

// The case key a Paper id names ("sag-…", in the form PaperId() writes
// and no other), or nullopt when `id` names no case.
std::optional<std::string> CaseKeyOfPaperId(const std::string& id);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_PAPER_ID_H_
