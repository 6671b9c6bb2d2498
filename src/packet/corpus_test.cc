// The real KKR Sjælland agenda of 7 September 2020 (../shared/corpus),
// checked against what a careful reader finds in it.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "packet/parser.h"

namespace sagsspor::packet {
namespace {

class CorpusAgenda : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    text::RawText raw;
    text::SourceError error;
    const std::string path = std::string(SAGSSPOR_CORPUS_DIR) + "/kkr-sjaelland-2020-09-07-dagsorden.txt";
    if (!text::ReadSource(path, {}, &raw, &error)) return;
    packet_ = new model::Packet(ParsePacket(raw));
  }
  static void TearDownTestSuite() { delete packet_; }
  void SetUp() override {
    if (!packet_) GTEST_SKIP() << "corpus not available";
    ASSERT_EQ(packet_->meetings.size(), 1u);
  }
  const model::Meeting& meeting() { return packet_->meetings[0]; }
  const model::AgendaItem& item(const std::string& number) {
    for (const auto& i : meeting().items) if (i.number == number) return i;
    ADD_FAILURE() << "no item " << number;
    static model::AgendaItem none;
    return none;
  }
  static model::Packet* packet_;
};
model::Packet* CorpusAgenda::packet_ = nullptr;

TEST_F(CorpusAgenda, Meeting) {
  EXPECT_EQ(packet_->layout, "numbered");
  EXPECT_EQ(meeting().body, "KKR Sjælland");
  EXPECT_EQ(meeting().date.iso(), "2020-09-07");
  EXPECT_EQ(meeting().start, "09:30");
  EXPECT_EQ(meeting().place, "Sørup Herregård, Sørupvej 26, 4100 Ringsted");
  EXPECT_EQ(meeting().id, "kkr-sjaelland-2020-09-07");
}

TEST_F(CorpusAgenda, ItemsNumbersAndTitles) {
  std::vector<std::string> numbers;
  for (const auto& i : meeting().items) numbers.push_back(i.number);
  EXPECT_EQ(numbers, (std::vector<std::string>{"1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
                                                "2.7", "3.1", "3.2", "4.1", "5.1", "6.1", "7.1"}));
  EXPECT_EQ(item("1.1").title, "Godkendelse af dagsorden");
  EXPECT_EQ(item("2.2").title,
            "KKR’s indspil til prioritering af erhvervsfremmemidler, fyrtårnsinitiativer, ny politisk "
            "rammeaftale og landsdækkende klynger");
  EXPECT_EQ(item("2.2").type, "Temadrøftelse");
  EXPECT_EQ(item("2.3").title,
            "DK2020: Oplæg til fælles geografisk organisering for KKR Sjælland og Region Sjælland");
  EXPECT_EQ(item("2.3").type, "Beslutningssag");
  EXPECT_EQ(item("2.4").title, "Rammeaftale for det specialiserede social- og undervisningsområde 2021-2022");
  EXPECT_EQ(item("2.6").type, "Orienteringssag");
  EXPECT_EQ(item("3.1").title, "Udpegning af KKR-repræsentant til DK2020 (politiske partnerskabsgruppe)");
  EXPECT_EQ(item("7.1").title, "Eventuelt");
  EXPECT_EQ(item("2.1").heading, "Regionalpolitiske sager");
  EXPECT_EQ(item("3.2").heading, "Udpegninger");
}

TEST_F(CorpusAgenda, CaseNumbersAndSections) {
  for (const auto& i : meeting().items) EXPECT_EQ(i.case_number, "SAG-2019-07158") << i.number;
  std::vector<std::string> headings;
  for (const auto& s : item("2.3").sections) headings.push_back(s.heading);
  EXPECT_EQ(headings, (std::vector<std::string>{"Baggrund", "Indstilling", "Sagsfremstilling", "Vedlagte bilag:"}));
  EXPECT_EQ(item("1.1").sections[1].text, "Det indstilles, at KKR Sjælland godkender dagsorden.");
  // Footers and page numbers do not leak into the text.
  for (const auto& i : meeting().items) {
    for (const auto& s : i.sections) {
      EXPECT_EQ(s.text.find("SIDE |"), std::string::npos) << i.number;
      EXPECT_EQ(s.text.find("KKR Sjælland | 07-09-2020"), std::string::npos) << i.number;
    }
  }
}

TEST_F(CorpusAgenda, Deadlines) {
  std::map<std::string, std::vector<std::string>> found;
  for (const auto& i : meeting().items) {
    for (const auto& d : i.facts.deadlines) found[i.number].push_back(d.date.iso());
  }
  EXPECT_EQ(found["2.3"], (std::vector<std::string>{"2020-10-21", "2023-06-30"}));
  EXPECT_EQ(found["2.4"], (std::vector<std::string>{"2020-12-01", "2020-12-01"}));
  EXPECT_EQ(found["2.7"], (std::vector<std::string>{"2020-10-23", "2020-10-23"}));
  EXPECT_EQ(found.count("2.5"), 0u);
}

TEST_F(CorpusAgenda, AmountsOfTheClimatePlanItem) {
  std::vector<std::string> values;
  for (const auto& a : item("2.3").facts.amounts) values.push_back(a.value + " " + a.unit);
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(values.front(), "0.83 kr. pr. indbygger");
  EXPECT_NE(std::find(values.begin(), values.end(), "700000 kr. pr. år"), values.end());
}

TEST_F(CorpusAgenda, Appointments) {
  const auto& a = item("3.2").facts.appointments;
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].person, "Henrik Hvidesten");
  EXPECT_EQ(a[0].organisation, "Ringsted");
  EXPECT_EQ(a[0].body, "FGU Danmark");
  EXPECT_EQ(a[0].role, "kommunal repræsentant");
  // 3.1 asks for a representative but names nobody.
  EXPECT_TRUE(item("3.1").facts.appointments.empty());
}

TEST_F(CorpusAgenda, Attachments) {
  EXPECT_EQ(item("2.7").attachments,
            (std::vector<std::string>{"Praksisplan for almen praksis 2021-2024 (høringsudkast)", "Høringsbrev"}));
  EXPECT_EQ(item("2.5").attachments.size(), 2u);
  EXPECT_EQ(item("2.5").attachments[0], "Grønlandske, domfældte udviklingshæmmede borgere");
}

TEST(CorpusAttachments, PacketsWithoutAgendaBecomeDocuments) {
  for (const char* name : {"kkr-sjaelland-2020-09-07-bilag.txt", "kkr-sjaelland-2025-04-08-bilag.txt"}) {
    text::RawText raw;
    text::SourceError error;
    if (!text::ReadSource(std::string(SAGSSPOR_CORPUS_DIR) + "/" + name, {}, &raw, &error)) {
      GTEST_SKIP() << "corpus not available";
    }
    model::Packet p = ParsePacket(raw);
    EXPECT_TRUE(p.meetings.empty()) << name;
    ASSERT_EQ(p.documents.size(), 1u) << name;
    EXPECT_FALSE(p.documents[0].title.empty());
    EXPECT_GT(p.documents[0].text.size(), 100000u);
    EXPECT_FALSE(p.documents[0].facts.amounts.empty());
    EXPECT_EQ(p.warnings.back(), "no agenda recognised; stored as a document");
  }
}

}  // namespace
}  // namespace sagsspor::packet
