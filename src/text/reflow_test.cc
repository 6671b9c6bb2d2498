#include "text/reflow.h"

#include <gtest/gtest.h>

namespace sagsspor::text {
namespace {

std::vector<Line> Lines(std::initializer_list<const char*> texts) {
  std::vector<Line> out;
  for (const char* t : texts) out.push_back(Line{t, 1, 0});
  return out;
}

std::string Join(std::initializer_list<const char*> texts) {
  auto lines = Lines(texts);
  return Reflow(lines, 0, lines.size());
}

TEST(Reflow, JoinsWrappedLinesIntoParagraphs) {
  EXPECT_EQ(Join({"Det indstilles, at KKR", "godkender dagsorden.", "", "Næste afsnit."}),
            "Det indstilles, at KKR godkender dagsorden.\n\nNæste afsnit.");
}

TEST(Reflow, JoinsWordsHyphenatedAcrossLines) {
  EXPECT_EQ(Join({"temadrøftelser af lidt længere varig-", "hed."}),
            "temadrøftelser af lidt længere varighed.");
  EXPECT_EQ(Join({"det speciali-", "serede område"}), "det specialiserede område");
  EXPECT_EQ(Join({"senest den 1. decem-", "ber 2020"}), "senest den 1. december 2020");
}

TEST(Reflow, KeepsRealHyphens) {
  EXPECT_EQ(Join({"på børne-", "og ungeområdet"}), "på børne- og ungeområdet");
  EXPECT_EQ(Join({"i DK2020-", "sekretariatet"}), "i DK2020-sekretariatet");
  EXPECT_EQ(Join({"fra hver KKR-", "geografi"}), "fra hver KKR-geografi");
  EXPECT_EQ(Join({"Sjællandsregionens FGU-", "institutioner"}), "Sjællandsregionens FGU-institutioner");
  EXPECT_EQ(Join({"https://www.kl.dk/kkr/moededatoer-", "dagsordener/"}),
            "https://www.kl.dk/kkr/moededatoer-dagsordener/");
  EXPECT_EQ(Join({"kl. 8.00 -", "9.30"}), "kl. 8.00 - 9.30");
}

TEST(Reflow, ListItemsStandOnTheirOwnLines) {
  EXPECT_EQ(Join({"Blandt de fora er:", "• Praksisplanudvalget", "• Bestyrelsen for Greater",
                  "Copenhagen", "", "Efter listen."}),
            "Blandt de fora er:\n\n• Praksisplanudvalget\n• Bestyrelsen for Greater Copenhagen"
            "\n\nEfter listen.");
}

TEST(Reflow, EmptyRangeGivesEmptyText) {
  auto lines = Lines({"a", "b"});
  EXPECT_EQ(Reflow(lines, 1, 1), "");
}

}  // namespace
}  // namespace sagsspor::text
