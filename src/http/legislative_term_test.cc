#include "http/legislative_term.h"

#include <gtest/gtest.h>

namespace sagsspor::http {
namespace {

TEST(LegislativeTermTest, FourYearTermsFromTheFirstOfJanuary) {
  EXPECT_EQ(TermOf(2022).first_year, 2022);
  EXPECT_EQ(TermOf(2025).last_year, 2025);
  EXPECT_EQ(TermOf(2021).first_year, 2018);
  EXPECT_EQ(TermOf(2021).last_year, 2021);
  EXPECT_EQ(TermOf(2026).first_year, 2026);
  EXPECT_EQ(TermOf(1982).first_year, 1982);
  EXPECT_EQ(TermOf(1981).first_year, 0);
}

TEST(LegislativeTermTest, TermsCoveringARange) {
  auto terms = TermsCovering({2017, 12, 31}, {2022, 1, 1});
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms[0].first_year, 2014);
  EXPECT_EQ(terms[1].first_year, 2018);
  EXPECT_EQ(terms[2].first_year, 2022);
  EXPECT_EQ(TermsCovering({2020, 9, 7}, {2020, 9, 7}).size(), 1u);
  EXPECT_EQ(TermsCovering({2021, 1, 1}, {2025, 1, 1}).size(), 2u);  // 2018- and 2022-
  EXPECT_TRUE(TermsCovering({}, {2020, 1, 1}).empty());
  EXPECT_TRUE(TermsCovering({0, 9, 7}, {2020, 1, 1}).empty());
}

}  // namespace
}  // namespace sagsspor::http
