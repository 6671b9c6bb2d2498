// What the index keeps of each item and document to show it in a hit
// without asking the store: its ids, heading fields and text (for the
// snippet), as the Xapian document's data.
//
// Encoded as a version byte (1) and then each field, in the order below,
// as a varint byte length and the bytes. A text longer than
// kStoredTextPiece (an attachment of many pages) is kept instead as pieces
// of that size, each compressed with zlib (version 2: the fields before the
// text as in version 1, a varint piece count, then per piece its varint
// length, its varint compressed length and the compressed bytes), so that
// a hit's snippet inflates only the pieces it reads; Xapian, which would
// inflate the whole of it, finds such data incompressible and keeps it as
// it is. Indexes written before these formats kept a JSON object with the
// same field names; Decode reads all three, so an index need not be
// rebuilt.

#ifndef SAGSSPOR_SEARCH_STORED_FIELDS_H_
#define SAGSSPOR_SEARCH_STORED_FIELDS_H_

#include <cstddef>
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

inline constexpr std::size_t kStoredTextPiece = 16 * 1024;

std::string EncodeStoredFields(const StoredFields& fields);

// Fills *fields from `data`; false (and *fields unspecified) when `data`
// is in no known format or is cut short.
bool DecodeStoredFields(std::string_view data, StoredFields* fields);

// The same, but fields->text gets only the first `text_bytes` of the text
// or more (whole pieces; all of it when it is not in pieces), and
// *complete tells whether that is the whole text.
bool DecodeStoredFieldsPrefix(std::string_view data, std::size_t text_bytes, StoredFields* fields,
                              bool* complete);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_STORED_FIELDS_H_
