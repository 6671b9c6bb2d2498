#include "http/download.h"

#include <gtest/gtest.h>

namespace sagsspor::http {
namespace {

TEST(DownloadTest, MediaTypeFollowsTheSource) {
  model::Source pdf;
  pdf.encoding = "pdf";
  EXPECT_EQ(MediaType(pdf), "application/pdf");
  model::Source text;
  text.encoding = "windows-1252";
  EXPECT_EQ(MediaType(text), "text/plain; charset=windows-1252");
  text.encoding = "UTF-8\r\nX-Evil: 1";
  EXPECT_EQ(MediaType(text), "text/plain; charset=UTF-8X-Evil1");
}

TEST(DownloadTest, FileNamesAreSafe) {
  EXPECT_EQ(SafeFileName("/data/in/KKR_Sjælland 2020-09-07.pdf", "x.pdf"), "KKR_Sj__lland_2020-09-07.pdf");
  EXPECT_EQ(SafeFileName("../../etc/passwd", "x"), "passwd");
  EXPECT_EQ(SafeFileName("..\\..\\boot.ini", "x"), "boot.ini");
  EXPECT_EQ(SafeFileName(".hidden", "x"), "hidden");
  EXPECT_EQ(SafeFileName("a\"b;c\r\n.txt", "x"), "a_b_c__.txt");
  EXPECT_EQ(SafeFileName("", "original.pdf"), "original.pdf");
  EXPECT_EQ(SafeFileName("/tmp/", "original.txt"), "original.txt");
  EXPECT_EQ(SafeFileName("...", "original.txt"), "original.txt");
  EXPECT_EQ(SafeFileName(std::string(300, 'a') + ".pdf", "x").size(), 100u);
  EXPECT_EQ(ContentDisposition(true, "/x/dagsorden.pdf", "x"), "attachment; filename=\"dagsorden.pdf\"");
  EXPECT_EQ(ContentDisposition(false, "/x/dagsorden.pdf", "x"), "inline; filename=\"dagsorden.pdf\"");
}

}  // namespace
}  // namespace sagsspor::http
