#include "search/snippet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sagsspor::search {
namespace {

const Analyzer& A() { return Analyzer::Default(); }

std::vector<std::string> Marked(const Snippet& s) {
  std::vector<std::string> out;
  for (const auto& [b, e] : s.highlights) out.push_back(s.text.substr(b, e - b));
  return out;
}

TEST(Snippet, MarksWordsStemsPrefixesAndParts) {
  QueryTerms t;
  t.words = {"kapacitet"};
  t.stems = {A().Stem("kapacitet")};
  t.parts = {"kapacitet"};
  t.prefixes = {"fysio"};
  Snippet s = MakeSnippet("Kapaciteten og fysioterapikapacitet: KAPACITET i Fysioterapien, ikke kapsler.", t, A());
  EXPECT_EQ(Marked(s), (std::vector<std::string>{"Kapaciteten", "fysioterapikapacitet", "KAPACITET", "Fysioterapien"}));
}

TEST(Snippet, MarksOldSpellingsAndCapitals) {
  QueryTerms t;
  t.words = {"åbenrå"};
  t.stems = {A().Stem("åbenrå")};
  t.parts = {"rå"};
  Snippet s = MakeSnippet("Mødet i Aabenraa og ÅBENRÅ; Raa materialer i Haderslevraa.", t, A());
  EXPECT_EQ(Marked(s), (std::vector<std::string>{"Aabenraa", "ÅBENRÅ", "Haderslevraa"}));
}

TEST(Snippet, ChoosesTheWindowWithMostMatches) {
  QueryTerms t;
  t.words = {"takst", "plads"};
  std::string text = "Takst nævnes her. " + std::string(400, 'x') + " Senere: takst og plads og takst for plads.";
  Snippet s = MakeSnippet(text, t, A(), 120);
  EXPECT_EQ(Marked(s).size(), 4u);
  EXPECT_NE(s.text.find("Senere"), std::string::npos);
  EXPECT_EQ(s.text.rfind("… ", 0), 0u);  // cut at the start
}

// A long text is read only as far as the first part with a match needs:
// a denser window further on is not looked for.
TEST(Snippet, LongTextsAreReadOnlyToTheFirstMatches) {
  QueryTerms t;
  t.words = {"takst", "plads"};
  std::string filler;
  while (filler.size() < 200 * 1024) filler += "Her står der noget andet om budgettet. ";
  std::string text = filler + "Takst nævnes her. " + filler + " Senere: takst og plads og takst for plads.";
  Snippet s = MakeSnippet(text, t, A(), 120);
  EXPECT_EQ(Marked(s), (std::vector<std::string>{"Takst"}));
  // A match only at the very end is still found.
  s = MakeSnippet(filler + filler + " Til sidst en plads.", t, A(), 120);
  EXPECT_EQ(Marked(s), (std::vector<std::string>{"plads"}));
  EXPECT_NE(s.text.find("Til sidst en plads."), std::string::npos);
}

// Given only the start of a text, it tells when the rest could matter.
TEST(Snippet, TellsWhenTheRestOfTheTextIsNeeded) {
  QueryTerms t;
  t.words = {"plads"};
  const std::string start = "En plads her. " + std::string(400, 'x') + " og så videre";
  Snippet s = MakeSnippet(start, t, A(), 120, /*text_continues=*/true);
  EXPECT_FALSE(s.needs_more_text);  // a match, and its window ends before the start does
  EXPECT_TRUE(MakeSnippet("Ingen match her.", t, A(), 120, true).needs_more_text);
  EXPECT_TRUE(MakeSnippet("Sidst en plads", t, A(), 120, true).needs_more_text);  // the window reaches the end
  EXPECT_FALSE(MakeSnippet("Ingen match her.", t, A(), 120).needs_more_text);  // the whole text
}

TEST(Snippet, WithoutMatchesTheStart) {
  QueryTerms t;
  t.words = {"fraværende"};
  Snippet s = MakeSnippet("Første linje.\nAnden linje.", t, A());
  EXPECT_TRUE(s.highlights.empty());
  EXPECT_EQ(s.text, "Første linje. Anden linje.");
}

}  // namespace
}  // namespace sagsspor::search
