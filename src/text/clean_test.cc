#include "text/clean.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "text/reflow.h"

namespace sagsspor::text {
namespace {

std::vector<std::string> Texts(const CleanText& clean) {
  std::vector<std::string> out;
  for (const Line& l : clean.lines) out.push_back(l.text);
  return out;
}

bool Contains(const CleanText& clean, const std::string& text) {
  for (const Line& l : clean.lines) {
    if (l.text.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Clean, JoinsSpacedOutLetters) {
  auto clean = Clean({"DAGSORDEN\nK K R  S J Æ L L A N D\nDato: 07-09-2020"});
  EXPECT_EQ(Texts(clean), (std::vector<std::string>{"DAGSORDEN", "KKR SJÆLLAND", "Dato: 07-09-2020"}));
}

TEST(Clean, DoesNotJoinOrdinaryShortWords) {
  auto clean = Clean({"a b\nI 2 år"});
  EXPECT_EQ(Texts(clean), (std::vector<std::string>{"a b", "I 2 år"}));
}

TEST(Clean, MapsBulletGlyphsToListItems) {
  auto clean = Clean({"\xEF\x82\xB7 privat glyf\n\xEF\xBF\xBD erstatning\n• prik\n– tankestreg\n- bindestreg\n-40 % er ikke et punkt"});
  EXPECT_EQ(Texts(clean), (std::vector<std::string>{"• privat glyf", "• erstatning", "• prik",
                                                    "• tankestreg", "• bindestreg",
                                                    "-40 % er ikke et punkt"}));
}

TEST(Clean, DropsRunningHeadersFootersAndPageNumbersAcrossPages) {
  std::vector<std::string> pages;
  const char* words[] = {"Baggrund", "Indstilling", "Sagsfremstilling", "Beslutning"};
  for (int p = 1; p <= 4; ++p) {
    pages.push_back(std::string("Region Sjælland – Dagsorden\n") + words[p - 1] + "\nIndhold på side " +
                    std::to_string(p) + " om " + words[p - 1] + ".\nSide " + std::to_string(p) +
                    " af 4\n");
  }
  auto clean = Clean(pages);
  EXPECT_EQ(clean.pages, 4);
  EXPECT_FALSE(Contains(clean, "Region Sjælland – Dagsorden"));
  EXPECT_FALSE(Contains(clean, "af 4"));
  EXPECT_TRUE(Contains(clean, "Indhold på side 3 om Sagsfremstilling."));
  EXPECT_EQ(clean.lines[0].page, 1);
  EXPECT_EQ(clean.lines.back().page, 4);
}

TEST(Clean, FindsPagesFromMarkersInTextWithoutPageBreaks) {
  std::string text;
  for (int p = 1; p <= 4; ++p) {
    text += "Brødtekst på side " + std::to_string(p) + ".\nSAG-2019-07158 adr\nMere brødtekst.\nEndnu mere.\n";
    text += "KKR Sjælland  | 07-09-2020\n SIDE  |  " + std::to_string(p) + "\n";
  }
  auto clean = Clean({text});
  EXPECT_EQ(clean.pages, 5);
  EXPECT_FALSE(Contains(clean, "07-09-2020"));
  EXPECT_FALSE(Contains(clean, "SIDE"));
  // A repeated line that is not by the page markers stays.
  int case_lines = 0;
  for (const Line& l : clean.lines) case_lines += l.text == "SAG-2019-07158 adr";
  EXPECT_EQ(case_lines, 4);
  EXPECT_EQ(clean.lines.back().page, 4);
}

TEST(Clean, FoldsDoubleSpacedExtraction) {
  std::string text;
  for (int i = 0; i < 6; ++i) text += "linje " + std::to_string(i) + " \n\n";
  text += " \n\n";
  for (int i = 6; i < 12; ++i) text += "linje " + std::to_string(i) + " \n\n";
  auto clean = Clean({text});
  ASSERT_EQ(clean.lines.size(), 13u);
  EXPECT_TRUE(clean.lines[6].is_break());
  EXPECT_EQ(Reflow(clean.lines, 0, clean.lines.size()),
            "linje 0 linje 1 linje 2 linje 3 linje 4 linje 5\n\n"
            "linje 6 linje 7 linje 8 linje 9 linje 10 linje 11");
}

TEST(Clean, DropsUrlEchoesOfLinkAnnotations) {
  auto clean = Clean({"Se referatet på https://www.kl.dk/politik/kkr/moededatoer-\n"
                      "dagsordener-og-referater/\n"
                      "https://www.kl.dk/politik/kkr/moededatoer-dagsordener-og-referater/\n"
                      "https://www.kl.dk/politik/kkr/moededatoer-dagsordener-og-referater/\n"
                      "https://www.example.dk/ny-side\n"});
  EXPECT_EQ(Texts(clean), (std::vector<std::string>{
                              "Se referatet på https://www.kl.dk/politik/kkr/moededatoer-",
                              "dagsordener-og-referater/", "https://www.example.dk/ny-side"}));
  EXPECT_EQ(clean.removed_lines, 2);
}

TEST(Clean, CorpusAgendaLosesItsFootersButKeepsItsItems) {
  std::ifstream in(std::string(SAGSSPOR_CORPUS_DIR) + "/kkr-sjaelland-2020-09-07-dagsorden.txt");
  if (!in) GTEST_SKIP() << "corpus not available";
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto clean = Clean({buffer.str()});
  EXPECT_FALSE(Contains(clean, "KKR Sjælland | 07-09-2020"));
  EXPECT_FALSE(Contains(clean, "SIDE |"));
  EXPECT_TRUE(Contains(clean, "KKR SJÆLLAND"));
  EXPECT_TRUE(Contains(clean, "7.1. Eventuelt"));
  EXPECT_EQ(clean.pages, 3);  // the extraction kept only two page markers
}

}  // namespace
}  // namespace sagsspor::text
