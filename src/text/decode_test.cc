#include "text/decode.h"

#include <gtest/gtest.h>

namespace sagsspor::text {
namespace {

TEST(DecodeText, KeepsValidUtf8) {
  Decoded d;
  std::string error;
  ASSERT_TRUE(DecodeText("Sørup Herregård, Ærø", &d, &error)) << error;
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8, "Sørup Herregård, Ærø");
}

TEST(DecodeText, StripsUtf8ByteOrderMark) {
  Decoded d;
  std::string error;
  ASSERT_TRUE(DecodeText("\xEF\xBB\xBFKKR", &d, &error));
  EXPECT_EQ(d.utf8, "KKR");
}

TEST(DecodeText, ConvertsLegacyDanishText) {
  // "Sørup Herregård i Ærø Kommune – høringssvar" in windows-1252.
  std::string legacy = "S\xF8rup Herreg\xE5rd i \xC6r\xF8 Kommune \x96 h\xF8ringssvar om "
                       "b\xF8rn og unge p\xE5 s\xE6rlige tilbud";
  Decoded d;
  std::string error;
  ASSERT_TRUE(DecodeText(legacy, &d, &error)) << error;
  EXPECT_NE(d.encoding, "UTF-8");
  EXPECT_EQ(d.utf8.rfind("Sørup Herregård i Ærø Kommune – høringssvar", 0), 0u) << d.utf8;
}

TEST(DecodeText, ConvertsUtf16WithByteOrderMark) {
  std::string utf16("\xFF\xFE" "\xC6\x00" "r\x00" "\xF8\x00", 8);
  Decoded d;
  std::string error;
  ASSERT_TRUE(DecodeText(utf16, &d, &error)) << error;
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.utf8, "Ærø");
}

TEST(DecodeText, RefusesBinaryData) {
  Decoded d;
  std::string error;
  EXPECT_FALSE(DecodeText(std::string("\x7F" "ELF\x00\x01\x02", 7), &d, &error));
  EXPECT_NE(error.find("binary"), std::string::npos);
}

TEST(ToNfc, ComposesDecomposedLetters) {
  EXPECT_EQ(ToNfc("Herrega\xCC\x8Ard"), "Herregård");
}

}  // namespace
}  // namespace sagsspor::text
