#include "packet/places.h"

#include <gtest/gtest.h>

namespace sagsspor::packet {
namespace {

std::vector<std::string> Names(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& p : FindPlaces(text, Vocabulary::Default())) out.push_back(p.name + "/" + p.kind);
  return out;
}

TEST(FindPlaces, NamesAliasesAndRegions) {
  EXPECT_EQ(Names("Henrik Hvidesten, Ringsted, og Lyngby-Taarbæk"),
            (std::vector<std::string>{"Ringsted/kommune", "Lyngby-Taarbæk/kommune"}));
  EXPECT_EQ(Names("Åbenrå og Aabenraa"), (std::vector<std::string>{"Aabenraa/kommune", "Aabenraa/kommune"}));
  EXPECT_EQ(Names("Region Sjælland og KKR Sjælland"), (std::vector<std::string>{"Region Sjælland/region"}));
  EXPECT_EQ(Names("Københavns Kommune og Ringsteds Kommune"),
            (std::vector<std::string>{"København/kommune", "Ringsted/kommune"}));
}

TEST(FindPlaces, NotInsideOtherWords) {
  EXPECT_TRUE(Names("Skivebanen og odder og Sorøs").empty());
}

TEST(Vocabulary, HasAllMunicipalitiesAndRegions) {
  int kommuner = 0, regioner = 0;
  for (const Place& p : Vocabulary::Default().places()) {
    kommuner += p.kind == "kommune";
    regioner += p.kind == "region";
  }
  EXPECT_EQ(kommuner, 98);
  EXPECT_EQ(regioner, 5);
}

}  // namespace
}  // namespace sagsspor::packet
