// What the index keeps of each item and document to show it in a hit
// without asking the store: its ids, heading fields and text (for the
// snippet), as the Xapian document's data.
//
// Encoded as a version byte (1) and then each field, in the order below,
// as a varint byte length and the bytes. Indexes written before this
// format kept a JSON object with the same field names; Decode reads both,
// so an index need not be rebuilt.

#ifndef SAGSSPOR_SEARCH_STORED_FIELDS_H_
#define SAGSSPOR_SEARCH_STORED_FIELDS_H_

#include <string>
#include <string_view>

namespace sagsspor::search {

struct StoredFields {
  std::string id;
  std::string kind;        // "item" or "document"
  std::string meeting_id;
  std::string date;        // YYYY-MM-DD or ""
  std::string body;
  std::string number;
  std::string title;
  std::string type;
  std::string text;        // the sections' texts, blank-line separated
};

std::string EncodeStoredFields(const StoredFields& fields);

// Fills *fields from `data`; false (and *fields unspecified) when `data`
// is neither format or is cut short.
bool DecodeStoredFields(std::string_view data, StoredFields* fields);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_STORED_FIELDS_H_
