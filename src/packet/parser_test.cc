// Hand-written packets in each layout, small enough to read in the test.

#include "packet/parser.h"

#include <gtest/gtest.h>

namespace sagsspor::packet {
namespace {

model::Packet Parse(const std::string& text) {
  text::RawText raw;
  raw.pages = {text};
  raw.source.sha256 = std::string(64, 'a');
  return ParsePacket(raw);
}

const char kCapitals[] = R"(Dagsorden
Udvalget for Social og Psykiatri
Mødedato: 15. marts 2021
Mødetidspunkt: kl. 14.00
Mødested: Regionshuset, Alléen 15, 4180 Sorø

 1. BESLUTNINGSSAG: RAMMEAFTALE 2021-2022 FOR DET SPECIALISEREDE
SOCIALOMRÅDE
BAGGRUND FOR SAGENS FREMLÆGGELSE
Regionsrådet skal senest den 1. december 2021 godkende rammeaftalen.

INDSTILLING
Administrationen indstiller, at udvalget anbefaler rammeaftalen.
JOURNALNUMMER
21-001234
BILAGSFORTEGNELSE
1. Rammeaftale 2021-2022
2. Takstaftale 2021

 2. ORIENTERINGSSAG: KAPACITETSPLAN FOR FYSIOTERAPI
SAGSFREMSTILLING
Udgiften er 1,75 mio. kr. svarende til 0,83 kr. pr. indbygger.
JOURNALNUMMER
21-004321

Bilag 1: Rammeaftale 2021-2022
Rammeaftalen omfatter de specialiserede tilbud.

Bilag 2: Takstaftale 2021
Taksterne stiger med 1,5 %.
)";

TEST(ParsePacket, CapitalsLayout) {
  model::Packet p = Parse(kCapitals);
  EXPECT_EQ(p.layout, "capitals");
  ASSERT_EQ(p.meetings.size(), 1u);
  const model::Meeting& m = p.meetings[0];
  EXPECT_EQ(m.body, "Udvalget for Social og Psykiatri");
  EXPECT_EQ(m.date.iso(), "2021-03-15");
  EXPECT_EQ(m.start, "14:00");
  EXPECT_EQ(m.place, "Regionshuset, Alléen 15, 4180 Sorø");
  ASSERT_EQ(m.items.size(), 2u);
  EXPECT_EQ(m.items[0].title, "RAMMEAFTALE 2021-2022 FOR DET SPECIALISEREDE SOCIALOMRÅDE");
  EXPECT_EQ(m.items[0].type, "Beslutningssag");
  EXPECT_EQ(m.items[0].type_printed, "BESLUTNINGSSAG");
  EXPECT_EQ(m.items[0].case_number, "21-001234");
  EXPECT_EQ(m.items[0].attachments, (std::vector<std::string>{"Rammeaftale 2021-2022", "Takstaftale 2021"}));
  ASSERT_EQ(m.items[0].facts.deadlines.size(), 1u);
  EXPECT_EQ(m.items[0].facts.deadlines[0].date.iso(), "2021-12-01");
  EXPECT_EQ(m.items[1].type, "Orienteringssag");
  ASSERT_EQ(m.items[1].facts.amounts.size(), 2u);
  EXPECT_EQ(m.items[1].facts.amounts[0].value, "1750000");
  // The appended attachments are documents linked to the item listing them.
  ASSERT_EQ(m.documents.size(), 2u);
  EXPECT_EQ(m.documents[0].title, "Rammeaftale 2021-2022");
  EXPECT_EQ(m.documents[0].item_id, m.items[0].id);
  EXPECT_EQ(m.documents[1].text, "Taksterne stiger med 1,5 %.");
  EXPECT_EQ(m.items[1].sections.back().text, "21-004321");
}

const char kMinutes[] = R"(Referat
Byrådet
Mødedato: 24-02-2021
Starttidspunkt: 17:00
Mødested: Byrådssalen, Rådhuset

Punkt 12: Godkendelse af dagsorden
Sagsnr.: 00.01.00-A00-1-21
Indstilling
Borgmesteren indstiller, at dagsordenen godkendes.
Beslutning i Byrådet den 24-02-2021
Godkendt.

Punkt 13: Valg af medlem til Ældrerådet
Sagsnr.: 00.01.00-A00-2-21
Indstilling
Det indstilles, at Byrådet udpeger Mette Hansen (A) som medlem af Ældrerådet.
Beslutning i Byrådet den 24-02-2021
Godkendt.
)";

TEST(ParsePacket, MinutesLayout) {
  model::Packet p = Parse(kMinutes);
  EXPECT_EQ(p.layout, "minutes");
  ASSERT_EQ(p.meetings.size(), 1u);
  const model::Meeting& m = p.meetings[0];
  EXPECT_EQ(m.body, "Byrådet");
  EXPECT_EQ(m.date.iso(), "2021-02-24");
  EXPECT_EQ(m.start, "17:00");
  ASSERT_EQ(m.items.size(), 2u);
  EXPECT_EQ(m.items[0].number, "12");
  EXPECT_EQ(m.items[0].case_number, "00.01.00-A00-1-21");
  ASSERT_EQ(m.items[0].sections.size(), 2u);
  EXPECT_EQ(m.items[0].sections[1].kind, "beslutning");
  EXPECT_EQ(m.items[0].sections[1].heading, "Beslutning i Byrådet den 24-02-2021");
  EXPECT_EQ(m.items[0].sections[1].text, "Godkendt.");
  ASSERT_EQ(m.items[1].facts.appointments.size(), 1u);
  EXPECT_EQ(m.items[1].facts.appointments[0].person, "Mette Hansen");
  EXPECT_EQ(m.items[1].facts.appointments[0].organisation, "A");
  EXPECT_EQ(m.items[1].facts.appointments[0].role, "medlem");
  EXPECT_EQ(m.items[1].facts.appointments[0].body, "Ældrerådet");
}

TEST(ParsePacket, TextWithoutAgendaIsADocument) {
  model::Packet p = Parse("Notat om takster\n\nTaksten er 1.200 kr. pr. døgn fra 1.1.2022.\n");
  EXPECT_TRUE(p.meetings.empty());
  ASSERT_EQ(p.documents.size(), 1u);
  EXPECT_EQ(p.documents[0].title, "Notat om takster");
  EXPECT_EQ(p.documents[0].facts.amounts[0].unit, "kr. pr. døgn");
  EXPECT_EQ(p.warnings.back(), "no agenda recognised; stored as a document");
}

TEST(ParsePacket, NumberedListsInsideTextAreNotItems) {
  // "1. …" lines inside an item do not start items or groups.
  model::Packet p = Parse(
      "KKR Nordjylland\nDato: 01-02-2021 10:00\n\n 1. Godkendelse\n\n1.1. Godkendelse af dagsorden\n"
      "SAG-2021-00001 abc\nSagsfremstilling\nDagsordenen har:\n1. Temadrøftelser\n2. Beslutningssager\n\n"
      "1.2. Godkendelse af referat\nSAG-2021-00001 abc\nIndstilling\nDet indstilles, at referatet godkendes.\n");
  ASSERT_EQ(p.meetings.size(), 1u);
  ASSERT_EQ(p.meetings[0].items.size(), 2u);
  EXPECT_EQ(p.meetings[0].items[0].heading, "Godkendelse");
  EXPECT_NE(p.meetings[0].items[0].sections[0].text.find("2. Beslutningssager"), std::string::npos);
  EXPECT_EQ(p.meetings[0].body, "KKR Nordjylland");
}

TEST(ParsePacket, HostileTextIsKeptAsText) {
  model::Packet p = Parse("Notat\n\n<script>alert(1)</script>\" onmouseover=\"x\n");
  ASSERT_EQ(p.documents.size(), 1u);
  EXPECT_NE(p.documents[0].text.find("<script>alert(1)</script>"), std::string::npos);
}

}  // namespace
}  // namespace sagsspor::packet
