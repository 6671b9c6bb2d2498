#include "search/stored_fields.h"

#include <gtest/gtest.h>

namespace sagsspor::search {
namespace {

StoredFields Sample() {
  StoredFields f;
  f.id = "kkr-sjaelland-2020-09-07-3";
  f.kind = "item";
  f.meeting_id = "kkr-sjaelland-2020-09-07";
  f.date = "2020-09-07";
  f.body = "KKR Sjælland";
  f.number = "3";
  f.title = "Rammeaftale 2021-2022";
  f.type = "Beslutningssag";
  f.text = std::string(300, 'x') + "\n\nsidste afsnit med \"citat\"" + std::string("og \0 nul", 8);
  return f;
}

void ExpectSame(const StoredFields& a, const StoredFields& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.meeting_id, b.meeting_id);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.number, b.number);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.text, b.text);
}

TEST(StoredFields, RoundTrips) {
  StoredFields out;
  ASSERT_TRUE(DecodeStoredFields(EncodeStoredFields(Sample()), &out));
  ExpectSame(out, Sample());
  StoredFields empty_in, empty_out;
  ASSERT_TRUE(DecodeStoredFields(EncodeStoredFields(empty_in), &empty_out));
  ExpectSame(empty_out, empty_in);
}

// A long text is kept in compressed pieces, and its first pieces can be
// read without the rest.
TEST(StoredFields, LongTextsInPieces) {
  StoredFields in = Sample();
  in.text.clear();
  for (int i = 0; in.text.size() < 5 * kStoredTextPiece + 100; ++i) in.text += "Afsnit " + std::to_string(i) + ". ";
  const std::string data = EncodeStoredFields(in);
  EXPECT_EQ(data.front(), '\x02');
  EXPECT_LT(data.size(), in.text.size() / 2);  // compressed
  StoredFields out;
  ASSERT_TRUE(DecodeStoredFields(data, &out));
  ExpectSame(out, in);
  bool complete = true;
  ASSERT_TRUE(DecodeStoredFieldsPrefix(data, kStoredTextPiece + 1, &out, &complete));
  EXPECT_FALSE(complete);
  EXPECT_EQ(out.text, in.text.substr(0, 2 * kStoredTextPiece));
  EXPECT_EQ(out.title, in.title);
  ASSERT_TRUE(DecodeStoredFieldsPrefix(data, 10 * kStoredTextPiece, &out, &complete));
  EXPECT_TRUE(complete);
  EXPECT_EQ(out.text, in.text);
  // Short texts are whole whatever is asked.
  ASSERT_TRUE(DecodeStoredFieldsPrefix(EncodeStoredFields(Sample()), 10, &out, &complete));
  EXPECT_TRUE(complete);
  ExpectSame(out, Sample());
  // Cut short or corrupt: rejected.
  for (std::size_t n = 0; n < data.size(); n += 997) {
    EXPECT_FALSE(DecodeStoredFields(std::string_view(data).substr(0, n), &out)) << n;
  }
  std::string corrupt = data;
  corrupt[corrupt.size() - 20] ^= 0x55;
  EXPECT_FALSE(DecodeStoredFields(corrupt, &out));
}

TEST(StoredFields, ReadsTheOlderJsonFormat) {
  StoredFields out;
  ASSERT_TRUE(DecodeStoredFields(R"({"id":"a-1","kind":"document","title":"Bilag","text":"tekst","date":""})", &out));
  EXPECT_EQ(out.id, "a-1");
  EXPECT_EQ(out.kind, "document");
  EXPECT_EQ(out.title, "Bilag");
  EXPECT_EQ(out.text, "tekst");
  EXPECT_EQ(out.body, "");
}

TEST(StoredFields, RejectsWhatIsCutShortOrUnknown) {
  const std::string data = EncodeStoredFields(Sample());
  StoredFields out;
  for (std::size_t n = 0; n < data.size(); n += 7) {
    EXPECT_FALSE(DecodeStoredFields(std::string_view(data).substr(0, n), &out)) << n;
  }
  EXPECT_FALSE(DecodeStoredFields(data + "x", &out));
  EXPECT_FALSE(DecodeStoredFields("\x02" + data.substr(1), &out));
  EXPECT_FALSE(DecodeStoredFields("\x03" + data.substr(1), &out));
  EXPECT_FALSE(DecodeStoredFields("{not json", &out));
  EXPECT_FALSE(DecodeStoredFields("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", &out));
}

}  // namespace
}  // namespace sagsspor::search
