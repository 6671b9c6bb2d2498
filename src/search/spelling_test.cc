#include "search/spelling.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sagsspor::search {
namespace {
namespace fs = std::filesystem;

class SpellingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("spelling_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void AddDocument(Xapian::WritableDatabase& db, const std::vector<std::pair<std::string, int>>& terms) {
    Xapian::Document doc;
    for (const auto& [term, wdf] : terms) doc.add_term(term, wdf);
    db.add_document(doc);
  }
  // The spelling table's frequency of `word`, 0 when it is not there.
  static Xapian::doccount Frequency(const Xapian::Database& db, const std::string& word) {
    Xapian::TermIterator t = db.spellings_begin();
    t.skip_to(word);
    return t != db.spellings_end() && *t == word ? t.get_termfreq() : 0;
  }
  fs::path dir_;
};

TEST_F(SpellingTest, SpellingWords) {
  EXPECT_TRUE(IsSpellingWord("rammeaftale"));
  EXPECT_TRUE(IsSpellingWord("åben"));  // four code points, five bytes
  EXPECT_FALSE(IsSpellingWord("små"));
  EXPECT_FALSE(IsSpellingWord("2021"));
  EXPECT_FALSE(IsSpellingWord("2021budget"));
  EXPECT_FALSE(IsSpellingWord("Zrammeaftal"));  // a stem
  EXPECT_FALSE(IsSpellingWord("Qitem-1"));      // an id
  EXPECT_FALSE(IsSpellingWord(""));
}

TEST_F(SpellingTest, AddsTheWordsOfNewDocumentsOnce) {
  Xapian::WritableDatabase db((dir_ / "db").string(), Xapian::DB_CREATE);
  AddDocument(db, {{"rammeaftale", 3}, {"Zrammeaftal", 3}, {"2021", 1}, {"plan", 1}, {"små", 1}});
  AddDocument(db, {{"rammeaftale", 1}, {"kapacitetsplan", 2}});
  db.commit();
  EXPECT_EQ(Frequency(db, "rammeaftale"), 0u);  // not yet: adding left it out

  EXPECT_EQ(SpellPending(db), 2u);
  EXPECT_EQ(Frequency(db, "rammeaftale"), 2u);  // documents, not occurrences
  EXPECT_EQ(Frequency(db, "kapacitetsplan"), 1u);
  EXPECT_EQ(Frequency(db, "plan"), 1u);
  EXPECT_EQ(Frequency(db, "2021"), 0u);
  EXPECT_EQ(Frequency(db, "små"), 0u);
  EXPECT_EQ(Frequency(db, "Zrammeaftal"), 0u);
  EXPECT_EQ(db.get_spelling_suggestion("rammeaftlae", 2), "rammeaftale");

  // Nothing new: nothing read, nothing counted twice.
  EXPECT_EQ(SpellPending(db), 0u);
  EXPECT_EQ(Frequency(db, "rammeaftale"), 2u);

  // Only the documents added since, and the mark survives reopening.
  AddDocument(db, {{"rammeaftale", 1}, {"sengekapacitet", 1}});
  db.commit();
  db.close();
  Xapian::WritableDatabase again((dir_ / "db").string(), Xapian::DB_OPEN);
  EXPECT_EQ(SpellPending(again), 1u);
  EXPECT_EQ(Frequency(again, "rammeaftale"), 3u);
  EXPECT_EQ(Frequency(again, "sengekapacitet"), 1u);
}

TEST_F(SpellingTest, CommitsAsItGoes) {
  Xapian::WritableDatabase db((dir_ / "db").string(), Xapian::DB_CREATE);
  for (int i = 0; i < 5; ++i) AddDocument(db, {{"rammeaftale", 1}, {"punkt" + std::string(1, 'a' + i), 1}});
  db.commit();
  EXPECT_EQ(SpellPending(db, 2), 5u);  // three commits
  EXPECT_EQ(Frequency(db, "rammeaftale"), 5u);
  EXPECT_EQ(Frequency(db, "punkte"), 1u);
  AddDocument(db, {{"rammeaftale", 1}});
  db.commit();
  EXPECT_EQ(SpellPending(db, 2), 1u);
  EXPECT_EQ(Frequency(db, "rammeaftale"), 6u);
}

TEST_F(SpellingTest, SkipsDeletedDocuments) {
  Xapian::WritableDatabase db((dir_ / "db").string(), Xapian::DB_CREATE);
  AddDocument(db, {{"styringsaftale", 1}});
  AddDocument(db, {{"udviklingsstrategi", 1}});
  db.delete_document(1);
  db.commit();
  EXPECT_EQ(SpellPending(db), 1u);
  EXPECT_EQ(Frequency(db, "styringsaftale"), 0u);
  EXPECT_EQ(Frequency(db, "udviklingsstrategi"), 1u);
}

TEST_F(SpellingTest, MarkAllSpelledReadsNothing) {
  Xapian::WritableDatabase db((dir_ / "db").string(), Xapian::DB_CREATE);
  AddDocument(db, {{"styringsaftale", 1}});
  MarkAllSpelled(db);
  db.commit();
  EXPECT_EQ(SpellPending(db), 0u);
  EXPECT_EQ(Frequency(db, "styringsaftale"), 0u);
}

}  // namespace
}  // namespace sagsspor::search
