#include "http/html.h"

#include <gtest/gtest.h>

#include "http/pages.h"

namespace sagsspor::http {
namespace {

TEST(Html, EscapesEverythingThatCouldBreakOut) {
  EXPECT_EQ(Escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(UrlEncode("KKR Sjælland&x=1"), "KKR%20Sj%C3%A6lland%26x%3D1");
}

TEST(Html, HighlightsAreEscapedToo) {
  EXPECT_EQ(Highlight("a <b> rammeaftale", {{6, 17}}), "a &lt;b&gt; <mark>rammeaftale</mark>");
  // Ranges outside the text are ignored rather than trusted.
  EXPECT_EQ(Highlight("kort", {{2, 99}}), "kort");
}

TEST(Html, ParagraphsAndLists) {
  EXPECT_EQ(Paragraphs("Første.\n\n• en\n• <to>\n\nSidste."),
            "<p>Første.</p><ul><li>en</li><li>&lt;to&gt;</li></ul><p>Sidste.</p>");
}

TEST(Pages, DocumentTextIsEscapedInEveryPlace) {
  model::Meeting m;
  m.id = "kkr-2020-09-07";
  m.body = "KKR <Sjælland>";
  m.date = {2020, 9, 7};
  model::AgendaItem item;
  item.id = "kkr-2020-09-07-1";
  item.number = "1";
  item.title = "\"><script>alert(1)</script>";
  item.type = "Beslutningssag";
  item.case_number = "SAG\" onmouseover=\"x";
  item.sections.push_back({"<i>Baggrund</i>", "baggrund", "Tekst med <script>alert(2)</script>."});
  item.attachments.push_back("<img src=x onerror=alert(3)>");
  item.facts.amounts.push_back({"1", "kr.", "<b>1 kr.</b>", {}});
  m.items.push_back(item);
  for (const std::string& html : {ItemPage(item, m, nullptr), MeetingPage(m, model::Source{"<f>.txt", "", 0, 0, ""}, false)}) {
    EXPECT_EQ(html.find("<script>alert"), std::string::npos) << html;
    EXPECT_EQ(html.find("<img src=x"), std::string::npos);
    EXPECT_EQ(html.find("\" onmouseover"), std::string::npos);
    EXPECT_EQ(html.find("<i>Baggrund"), std::string::npos);
    EXPECT_EQ(html.find("KKR <Sjælland>"), std::string::npos);
  }
  EXPECT_NE(ItemPage(item, m, nullptr).find("&lt;script&gt;alert(2)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(ItemPage(item, m, nullptr).find("Hent original"), std::string::npos);
  const model::Source pdf{"/in/kkr.pdf", std::string(64, 'a'), 10, 1, "pdf"};
  EXPECT_NE(ItemPage(item, m, &pdf).find("href=\"/oparl/v1.1/file/" + std::string(64, 'a') + "/download\" download>Hent original (PDF)"),
            std::string::npos);
  EXPECT_NE(MeetingPage(m, pdf, true).find("Hent original (PDF)"), std::string::npos);
  EXPECT_EQ(MeetingPage(m, pdf, false).find("Hent original"), std::string::npos);
  EXPECT_EQ(DanishDate({2020, 9, 7}), "7. september 2020");
}

}  // namespace
}  // namespace sagsspor::http
