#include "http/paper_id.h"

#include <gtest/gtest.h>

namespace sagsspor::http {
namespace {

TEST(PaperId, CasesAndLoneItems) {
  EXPECT_EQ(PaperId("sag-2019-07158", "kkr-1"), "sag-sag-2019-07158");
  EXPECT_EQ(PaperId("21/00123 ab_c", "kkr-1"), "sag-21_2f00123_20ab_5fc");
  EXPECT_EQ(PaperId("æ.1", "kkr-1"), "sag-_c3_a6.1");
  EXPECT_EQ(PaperId("", "kkr-sjaelland-2020-09-07-1.1"), "kkr-sjaelland-2020-09-07-1.1");
}

TEST(PaperId, RoundTripsAndRefusesOtherForms) {
  for (const std::string key : {"sag-2019-07158", "21/00123 ab_c", "æ.1", "00.01.00-a00-1-21"}) {
    EXPECT_EQ(CaseKeyOfPaperId(PaperId(key, "x")), key) << key;
  }
  for (const std::string id : {"kkr-sjaelland-2020-09-07-1.1", "sag-", "sag-A", "sag-_2", "sag-_zz", "sag-_61",
                               "sag-x/y", "sag-_2F"}) {
    EXPECT_FALSE(CaseKeyOfPaperId(id)) << id;
  }
}

}  // namespace
}  // namespace sagsspor::http
