#include "http/feeds.h"

#include <gtest/gtest.h>

namespace sagsspor::http {
namespace {

std::vector<std::string> Lines(const std::string& ics) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < ics.size()) {
    std::size_t end = ics.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "every line ends in CRLF";
    if (end == std::string::npos) break;
    out.push_back(ics.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

TEST(Calendar, MeetingsAndDeadlinesAsEvents) {
  store::StoredMeeting m;
  m.meeting.id = "kkr-sjaelland-2020-09-07";
  m.meeting.body = "KKR Sjælland";
  m.meeting.date = {2020, 9, 7};
  m.meeting.start = "09:30";
  m.meeting.place = "Sørup Herregård, Sørupvej 26; 4100 Ringsted";
  model::AgendaItem item;
  item.number = "2.4";
  item.title = std::string(120, 'x') + "æøå rammeaftale";
  m.meeting.items.push_back(item);
  store::DeadlineRecord d{{2020, 12, 1}, "senest den 1. december", "kkr-sjaelland-2020-09-07-2.4", "", "Rammeaftale",
                          "kkr-sjaelland-2020-09-07", "KKR Sjælland"};
  std::string ics = Calendar({m}, {d}, "http://127.0.0.1:8080", 0);
  std::vector<std::string> lines = Lines(ics);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  int events = 0;
  for (const std::string& l : lines) {
    EXPECT_LE(l.size(), 75u) << l;  // folded
    events += l == "BEGIN:VEVENT";
    // A folded line never splits a UTF-8 character.
    if (!l.empty()) EXPECT_NE(static_cast<unsigned char>(l[l[0] == ' ' ? 1 : 0]) & 0xC0, 0x80u) << l;
  }
  EXPECT_EQ(events, 2);
  EXPECT_NE(ics.find("DTSTART:20200907T093000"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20201201"), std::string::npos);
  EXPECT_NE(ics.find("UID:moede-kkr-sjaelland-2020-09-07@sagsspor"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Sørup Herregård\\, Sørupvej 26\\; 4100 Ringsted"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:19700101T000000Z"), std::string::npos);
}

TEST(Calendar, TextEscaping) { EXPECT_EQ(IcalText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne"); }

TEST(AtomFeed, EscapedAndNewestFirst) {
  search::Hit old{"id-1", "item", "m1", "2019-01-01", "KKR", "1", "Gammel <sag>", "", "snip & <b>", {}, 1};
  search::Hit fresh{"id-2", "item", "m2", "2021-01-01", "KKR", "1", "Ny sag", "", "tekst", {}, 1};
  std::string xml = AtomFeed("rammeaftale <x>", {old, fresh}, "http://127.0.0.1:8080", 0);
  EXPECT_EQ(xml.rfind("<?xml", 0), 0u);
  EXPECT_NE(xml.find("<title>Sagsspor: rammeaftale &lt;x&gt;</title>"), std::string::npos);
  EXPECT_NE(xml.find("<summary>snip &amp; &lt;b&gt;</summary>"), std::string::npos);
  EXPECT_EQ(xml.find("<sag>"), std::string::npos);
  EXPECT_LT(xml.find("id-2"), xml.find("id-1"));
  EXPECT_NE(xml.find("<updated>2021-01-01T00:00:00Z</updated>"), std::string::npos);
}

}  // namespace
}  // namespace sagsspor::http
