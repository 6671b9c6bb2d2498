#include "search/lexicon.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace sagsspor::search {
namespace {
namespace fs = std::filesystem;

class LexiconTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("lexicon_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  Xapian::Database Make(const std::string& name, std::initializer_list<const char*> words) {
    const std::string path = (dir_ / name).string();
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
      for (const char* w : words) AddToLexicon(db, w);
      db.commit();
    }
    return Xapian::Database(path);
  }
  static std::vector<std::string> Endings(const std::vector<Xapian::Database>& dbs, const std::string& ending,
                                          std::size_t max = 100) {
    std::vector<std::string> out;
    VisitWordsEndingIn(dbs, ending, [&](const std::string& w) {
      out.push_back(w);
      return out.size() < max;
    });
    return out;
  }
  fs::path dir_;
};

TEST_F(LexiconTest, WordsEndingInAWordAcrossDatabases) {
  std::vector<Xapian::Database> dbs = {
      Make("a", {"fysioterapikapacitet", "kapacitet", "plan", "kapacitetsplan"}),
      Make("b", {"sengekapacitet", "fysioterapikapacitet", "sygehusophold"}),
      Make("c", {}),
  };
  // Longer words only, each once, by their reversed spelling ("…kegnes"
  // before "…kipaet…"), across the databases.
  EXPECT_EQ(Endings(dbs, "kapacitet"), (std::vector<std::string>{"sengekapacitet", "fysioterapikapacitet"}));
  EXPECT_EQ(Endings(dbs, "kapacitet", 1), (std::vector<std::string>{"sengekapacitet"}));
  EXPECT_EQ(Endings(dbs, "plan"), (std::vector<std::string>{"kapacitetsplan"}));
  EXPECT_EQ(Endings(dbs, "ophold"), (std::vector<std::string>{"sygehusophold"}));
  EXPECT_TRUE(Endings(dbs, "takst").empty());
  // A combined database shows only its first one's lexicon: why callers
  // pass each on its own.
  Xapian::Database combined;
  for (const Xapian::Database& db : dbs) combined.add_database(db);
  EXPECT_EQ(Endings({combined}, "kapacitet"), (std::vector<std::string>{"fysioterapikapacitet"}));
}

TEST_F(LexiconTest, NonAsciiWordsReverseByCodePoint) {
  std::vector<Xapian::Database> dbs = {Make("a", {"genoptræningsforløb", "forløb", "sundhedsaftale"})};
  EXPECT_EQ(Endings(dbs, "forløb"), (std::vector<std::string>{"genoptræningsforløb"}));
  EXPECT_EQ(Endings(dbs, "løb"), (std::vector<std::string>{"forløb", "genoptræningsforløb"}));
}

}  // namespace
}  // namespace sagsspor::search
