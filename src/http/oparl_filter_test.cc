#include "http/oparl_filter.h"

#include <gtest/gtest.h>

namespace sagsspor::http {
namespace {

std::string Utc(const std::string& text) {
  std::string out = "unchanged";
  return ParseIsoDateTime(text, &out) ? out : "refused";
}

TEST(OparlFilterTest, NormalisesToUtc) {
  EXPECT_EQ(Utc("2024-01-31T12:00:00Z"), "2024-01-31T12:00:00Z");
  EXPECT_EQ(Utc("2024-01-31T12:00:00+01:00"), "2024-01-31T11:00:00Z");
  EXPECT_EQ(Utc("2024-01-31T12:00:00 01:00"), "2024-01-31T11:00:00Z");  // "+" decoded as a space
  EXPECT_EQ(Utc("2024-01-01T00:30:00+0100"), "2023-12-31T23:30:00Z");
  EXPECT_EQ(Utc("2024-02-29T23:00:00-02:00"), "2024-03-01T01:00:00Z");
  EXPECT_EQ(Utc("2024-01-31T12:00"), "2024-01-31T12:00:00Z");
  EXPECT_EQ(Utc("2024-01-31T12:00:05.123Z"), "2024-01-31T12:00:05Z");
}

TEST(OparlFilterTest, RefusesWhatIsNotADateTime) {
  for (const char* bad : {"", "yesterday", "2024-01-31", "2024-1-31T12:00:00Z", "2024-02-30T12:00:00Z",
                          "2023-02-29T00:00:00Z", "2024-01-31T24:00:00Z", "2024-01-31T12:60:00Z",
                          "2024-01-31T12:00:00+25:00", "2024-01-31T12:00:00Zjunk", "2024-01-31T12:00:00.Z",
                          "2024-01-31 12:00:00Z", "'; DROP TABLE sources; --"}) {
    EXPECT_EQ(Utc(bad), "refused") << bad;
  }
}

}  // namespace
}  // namespace sagsspor::http
