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
  EXPECT_FALSE(DecodeStoredFields("{not json", &out));
  EXPECT_FALSE(DecodeStoredFields("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", &out));
}

}  // namespace
}  // namespace sagsspor::search
