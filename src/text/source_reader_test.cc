#include "text/source_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sagsspor::text {
namespace {
namespace fs = std::filesystem;

class SourceReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("source_reader_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  SourceError ReadFails(const std::string& path, ReadOptions options = {}) {
    RawText raw;
    SourceError error;
    EXPECT_FALSE(ReadSource(path, options, &raw, &error));
    EXPECT_NE(error.message.find(path), std::string::npos) << error.message;
    return error;
  }
  fs::path dir_;
};

TEST_F(SourceReaderTest, ReadsUtf8TextAndHashesIt) {
  std::string path = Write("a.txt", "side et\fside to\f");
  RawText raw;
  SourceError error;
  ASSERT_TRUE(ReadSource(path, {}, &raw, &error)) << error.message;
  EXPECT_EQ(raw.pages, (std::vector<std::string>{"side et", "side to"}));
  EXPECT_EQ(raw.source.bytes, 16u);
  EXPECT_EQ(raw.source.encoding, "UTF-8");
  EXPECT_EQ(raw.source.sha256.size(), 64u);
  EXPECT_TRUE(raw.notes.empty());
  EXPECT_EQ(raw.bytes, "side et\fside to\f");  // as read, for the store to keep
}

TEST_F(SourceReaderTest, SaysWhenItConvertedALegacyEncoding) {
  std::string path = Write("latin.txt", "Dagsorden for m\xF8\x64\x65t i \xC6r\xF8 Kommune, s\xE6rlige tilbud til b\xF8rn");
  RawText raw;
  SourceError error;
  ASSERT_TRUE(ReadSource(path, {}, &raw, &error)) << error.message;
  ASSERT_EQ(raw.notes.size(), 1u);
  EXPECT_NE(raw.notes[0].find("converted from"), std::string::npos);
  EXPECT_NE(raw.pages[0].find("Ærø"), std::string::npos);
}

TEST_F(SourceReaderTest, MissingFile) {
  EXPECT_EQ(ReadFails((dir_ / "nope.pdf").string()).kind, SourceErrorKind::kNotFound);
}

TEST_F(SourceReaderTest, EmptyAndBlankFiles) {
  EXPECT_EQ(ReadFails(Write("empty.txt", "")).kind, SourceErrorKind::kEmpty);
  EXPECT_EQ(ReadFails(Write("blank.txt", " \n\n\t ")).kind, SourceErrorKind::kEmpty);
  EXPECT_EQ(ReadFails(Write("empty.pdf", "")).kind, SourceErrorKind::kEmpty);
}

TEST_F(SourceReaderTest, TooLargeIsRefusedBeforeReading) {
  ReadOptions options;
  options.max_bytes = 10;
  SourceError error = ReadFails(Write("big.txt", std::string(11, 'x')), options);
  EXPECT_EQ(error.kind, SourceErrorKind::kTooLarge);
  EXPECT_NE(error.message.find("too large"), std::string::npos);
}

TEST_F(SourceReaderTest, UnsupportedExtension) {
  EXPECT_EQ(ReadFails(Write("a.docx", "PK")).kind, SourceErrorKind::kUnsupported);
}

TEST_F(SourceReaderTest, GarbageNamedPdf) {
  SourceError error = ReadFails(Write("garbage.pdf", "this is not a pdf at all"));
  EXPECT_EQ(error.kind, SourceErrorKind::kNotPdf);
  EXPECT_NE(error.message.find("not a PDF"), std::string::npos);
}

TEST_F(SourceReaderTest, TruncatedPdf) {
  EXPECT_EQ(ReadFails(Write("cut.pdf", "%PDF-1.5\n1 0 obj\n<< /Type /Catalog")).kind,
            SourceErrorKind::kTruncated);
}

TEST_F(SourceReaderTest, MalformedPdf) {
  EXPECT_EQ(ReadFails(Write("bad.pdf", "%PDF-1.5\ngarbage garbage\n%%EOF\n")).kind,
            SourceErrorKind::kMalformed);
}

TEST_F(SourceReaderTest, BinaryNamedTxt) {
  EXPECT_EQ(ReadFails(Write("bin.txt", std::string("\x01\x02\x00\x03", 4))).kind,
            SourceErrorKind::kEncoding);
}

}  // namespace
}  // namespace sagsspor::text
