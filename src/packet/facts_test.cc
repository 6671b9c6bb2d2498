#include "packet/facts.h"

#include <gtest/gtest.h>

namespace sagsspor::packet {
namespace {

std::vector<std::string> Isos(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& d : FindDates(text)) out.push_back(d.date.iso() + "=" + d.text);
  return out;
}

TEST(FindDates, DanishForms) {
  EXPECT_EQ(Isos("mødet den 7. september 2020 kl. 9.30"), (std::vector<std::string>{"2020-09-07=7. september 2020"}));
  EXPECT_EQ(Isos("Dato: 07-09-2020 09:30"), (std::vector<std::string>{"2020-09-07=07-09-2020"}));
  EXPECT_EQ(Isos("fra 1.1.2021 og"), (std::vector<std::string>{"2021-01-01=1.1.2021"}));
  EXPECT_EQ(Isos("svar d. 15/10 tak"), (std::vector<std::string>{"--10-15=15/10"}));
  EXPECT_EQ(Isos("15/10-2020"), (std::vector<std::string>{"2020-10-15=15/10-2020"}));
  EXPECT_EQ(Isos("2020-09-07"), (std::vector<std::string>{"2020-09-07=2020-09-07"}));
  EXPECT_EQ(Isos("den 3. sept. 2021"), (std::vector<std::string>{"2021-09-03=3. sept. 2021"}));
  EXPECT_EQ(Isos("1. december"), (std::vector<std::string>{"--12-01=1. december"}));
}

TEST(FindDates, RefusesWhatIsNotADate) {
  EXPECT_TRUE(Isos("31. februar 2021").empty());
  EXPECT_TRUE(Isos("3/4 af kommunerne").empty());   // a fraction, no day word
  EXPECT_TRUE(Isos("1. Temadrøftelser").empty());
  EXPECT_TRUE(Isos("700.000 kr.").empty());
  EXPECT_TRUE(Isos("SAG-2019-07158").empty());
}

TEST(FindDeadlines, TiesTriggerAndDate) {
  model::Date meeting{2020, 9, 7};
  auto d = FindDeadlines("KKR skal senest den 1. december indgå en rammeaftale.", meeting);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.iso(), "2020-12-01");
  EXPECT_EQ(d[0].text, "senest den 1. december");
  d = FindDeadlines("Høringsfristen er den 23. oktober 2020.", meeting);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.iso(), "2020-10-23");
  // A yearless date before the meeting date falls in the next year.
  d = FindDeadlines("senest den 1. juli", meeting);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date.iso(), "2021-07-01");
}

TEST(FindDeadlines, IgnoresDatesWithoutTrigger) {
  EXPECT_TRUE(FindDeadlines("referat af 7. januar 2020 mellem Indenrigsministeriet", {}).empty());
  EXPECT_TRUE(FindDeadlines("Social- og Indenrigsministeriet den 7. januar 2020", {}).empty());
  EXPECT_TRUE(FindDeadlines("senest. Mødet den 7. januar 2020", {}).empty());
}

std::vector<std::string> Amounts(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& a : FindAmounts(text)) out.push_back(a.value + "|" + a.unit + "|" + a.text);
  return out;
}

TEST(FindAmounts, ExactDecimalsWithUnits) {
  EXPECT_EQ(Amounts("i alt 700.000 kr. årligt"), (std::vector<std::string>{"700000|kr.|700.000 kr."}));
  EXPECT_EQ(Amounts("1,75 mio. kr."), (std::vector<std::string>{"1750000|kr.|1,75 mio. kr."}));
  EXPECT_EQ(Amounts("4,4 mia. kr."), (std::vector<std::string>{"4400000000|kr.|4,4 mia. kr."}));
  EXPECT_EQ(Amounts("ca. 0,83 kr. pr. indbygger"),
            (std::vector<std::string>{"0.83|kr. pr. indbygger|0,83 kr. pr. indbygger"}));
  EXPECT_EQ(Amounts("0,83 kr./indbygger"), (std::vector<std::string>{"0.83|kr. pr. indbygger|0,83 kr./indbygger"}));
  EXPECT_EQ(Amounts("beløbet kr. 12.500,50"), (std::vector<std::string>{"12500.5|kr.|kr. 12.500,50"}));
  EXPECT_EQ(Amounts("250 t.kr."), (std::vector<std::string>{"250000|kr.|250 t.kr."}));
  EXPECT_EQ(Amounts("0,1 mio. kr."), (std::vector<std::string>{"100000|kr.|0,1 mio. kr."}));
}

TEST(FindAmounts, NumbersWithoutKronerAreNotAmounts) {
  EXPECT_TRUE(Amounts("40 kommuner og 2020").empty());
  EXPECT_TRUE(Amounts("SAG-2019-07158").empty());
}

TEST(DanishNumberToDecimal, ShiftsExactly) {
  EXPECT_EQ(DanishNumberToDecimal("1,75", 6), "1750000");
  EXPECT_EQ(DanishNumberToDecimal("0,0125", 3), "12.5");
  EXPECT_EQ(DanishNumberToDecimal("1.234.567,891", 0), "1234567.891");
  EXPECT_EQ(DanishNumberToDecimal("007", 0), "7");
  EXPECT_EQ(DanishNumberToDecimal("1,2,3", 0), "");
  EXPECT_EQ(DanishNumberToDecimal("", 0), "");
}

TEST(FindPercentages, Forms) {
  auto p = FindPercentages("en stigning på 12,5 % mod 40 procent og 3 pct. i 2020");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].value, "12.5");
  EXPECT_EQ(p[1].value, "40");
  EXPECT_EQ(p[2].text, "3 pct.");
}

TEST(FindCaseNumbers, KnownForms) {
  auto c = FindCaseNumbers("jf. SAG-2019-07158 og 27.00.00-A00-1-20 samt J.nr. 21-001234.");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].number, "SAG-2019-07158");
  EXPECT_EQ(c[1].number, "27.00.00-A00-1-20");
  EXPECT_EQ(c[2].number, "21-001234");
  EXPECT_EQ(c[2].text, "J.nr. 21-001234");
}

TEST(FindCaseNumbers, IgnoresLookAlikes) {
  EXPECT_TRUE(FindCaseNumbers("DK2020-sekretariatet og KKR-udpegede i 2020-2023").empty());
}

TEST(CaseNumberLine, NumberAndInitialsOnly) {
  EXPECT_EQ(CaseNumberLine("SAG-2019-07158 adr"), "SAG-2019-07158");
  EXPECT_EQ(CaseNumberLine("SAG-2019-07158 snm/jebj"), "SAG-2019-07158");
  EXPECT_EQ(CaseNumberLine("Sagsnr.: 27.00.00-A00-1-20"), "27.00.00-A00-1-20");
  EXPECT_EQ(CaseNumberLine("SAG-2019-07158 er nævnt i Indstillingen"), "");
  EXPECT_EQ(CaseNumberLine("Baggrund"), "");
}

}  // namespace
}  // namespace sagsspor::packet
