#include "search/analyzer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace sagsspor::search {
namespace {

const Analyzer& A() { return Analyzer::Default(); }

TEST(Analyzer, FoldsCaseAndOldSpellings) {
  EXPECT_EQ(A().Fold("Aabenraa"), "åbenrå");
  EXPECT_EQ(A().Fold("ÅBENRÅ"), "åbenrå");
  EXPECT_EQ(A().Fold("Kommunekontaktrådet"), "kommunekontaktrådet");
  EXPECT_EQ(A().Fold("Færoe"), "færø");
  EXPECT_EQ(A().Fold("ÉTAPE"), "étape");
  EXPECT_EQ(A().Fold("Straße"), "strasse");  // through ICU
  EXPECT_EQ(A().Fold("ΣΟΦΊΑ"), "σοφία");
}

TEST(Analyzer, TokenizesOnPunctuationAndHyphens) {
  std::vector<std::string> words;
  for (const Token& t : A().Tokenize("DK2020-sekretariatet, (KKR) børne- og unge")) words.push_back(t.word);
  EXPECT_EQ(words, (std::vector<std::string>{"dk2020", "sekretariatet", "kkr", "børne", "og", "unge"}));
  auto tokens = A().Tokenize("  Ærø!");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].begin, 2u);
  EXPECT_EQ(tokens[0].end, 7u);  // Æ and ø are two bytes each
}

TEST(Analyzer, StemsDanishButNotTheExceptions) {
  EXPECT_EQ(A().Stem("kapaciteten"), A().Stem("kapacitet"));
  EXPECT_EQ(A().Stem("rammeaftalerne"), A().Stem("rammeaftale"));
  // Snowball would make the pronoun "dem" of it.
  EXPECT_EQ(A().Stem("demens"), "demens");
  EXPECT_NE(A().Stem("demens"), A().Stem("dem"));
}

// Snippets (snippet.cc) rely on this: a stem is a prefix of its word.
TEST(Analyzer, StemIsAPrefixOfItsWordInTheCorpus) {
  std::ifstream in(std::string(SAGSSPOR_CORPUS_DIR) + "/kkr-sjaelland-2020-09-07-bilag.txt");
  if (!in) GTEST_SKIP() << "corpus not available";
  std::stringstream text;
  text << in.rdbuf();
  std::size_t checked = 0;
  for (const Token& t : A().Tokenize(text.str())) {
    const std::string stem = A().Stem(t.word);
    ASSERT_EQ(t.word.rfind(stem, 0), 0u) << t.word << " → " << stem;
    ++checked;
  }
  EXPECT_GT(checked, 10000u);
  for (const char* w : {"vigtigst", "hoppede", "løst", "rammeaftalerne", "kapaciteterne", "lovligt"}) {
    EXPECT_EQ(std::string(w).rfind(A().Stem(w), 0), 0u) << w;
  }
}

TEST(Analyzer, SynonymsWorkBothWays) {
  const auto& kkr = A().Synonyms("kkr");
  EXPECT_NE(std::find(kkr.begin(), kkr.end(), "kommunekontaktråd"), kkr.end());
  const auto& back = A().Synonyms("serviceloven");
  EXPECT_NE(std::find(back.begin(), back.end(), "sel"), back.end());
  EXPECT_TRUE(A().Synonyms("tilbud").empty());
}

}  // namespace
}  // namespace sagsspor::search
