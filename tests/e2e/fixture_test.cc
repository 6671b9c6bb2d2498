// Synthetic packets in every layout, with known answers, parsed from their
// text and from PDFs rendered with cairo and read back through poppler.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "fixtures/pdf_writer.h"
#include "fixtures/synthetic_packet.h"
#include "packet/parser.h"
#include "text/source_reader.h"

namespace sagsspor {
namespace {

using fixtures::PacketLayout;
namespace fs = std::filesystem;

std::string Squeeze(const std::string& s) {
  static const std::regex kSpace("\\s+");
  std::string out = std::regex_replace(s, kSpace, " ");
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Compares what the parser read with the known answer, field by field.
void ExpectMeeting(const model::Packet& packet, const model::Meeting& want, const std::string& name) {
  ASSERT_EQ(packet.meetings.size(), 1u) << name;
  const model::Meeting& got = packet.meetings[0];
  EXPECT_EQ(got.body, want.body) << name;
  EXPECT_EQ(got.date, want.date) << name;
  EXPECT_EQ(got.start, want.start) << name;
  EXPECT_EQ(got.place, want.place) << name;
  ASSERT_EQ(got.items.size(), want.items.size()) << name;
  for (std::size_t i = 0; i < want.items.size(); ++i) {
    const model::AgendaItem& g = got.items[i];
    const model::AgendaItem& w = want.items[i];
    const std::string where = name + " item " + w.number;
    EXPECT_EQ(g.number, w.number) << where;
    EXPECT_EQ(g.title, w.title) << where;
    EXPECT_EQ(g.type, w.type) << where;
    EXPECT_EQ(g.type_printed, w.type_printed) << where;
    EXPECT_EQ(g.case_number, w.case_number) << where;
    EXPECT_EQ(g.heading, w.heading) << where;
    ASSERT_EQ(g.sections.size(), w.sections.size()) << where;
    for (std::size_t s = 0; s < w.sections.size(); ++s) {
      EXPECT_EQ(g.sections[s].heading, w.sections[s].heading) << where;
      EXPECT_EQ(g.sections[s].kind, w.sections[s].kind) << where;
      EXPECT_EQ(Squeeze(g.sections[s].text), Squeeze(w.sections[s].text)) << where << " " << w.sections[s].heading;
    }
    EXPECT_EQ(g.attachments, w.attachments) << where;
    ASSERT_EQ(g.facts.deadlines.size(), w.facts.deadlines.size()) << where;
    for (std::size_t d = 0; d < w.facts.deadlines.size(); ++d) {
      EXPECT_EQ(g.facts.deadlines[d].date, w.facts.deadlines[d].date) << where;
      // The parser's phrase starts at the trigger word ("frist den …"),
      // the fixture's may start a word earlier ("med frist den …").
      EXPECT_TRUE(w.facts.deadlines[d].text.ends_with(g.facts.deadlines[d].text))
          << where << ": " << g.facts.deadlines[d].text << " vs " << w.facts.deadlines[d].text;
    }
    ASSERT_EQ(g.facts.amounts.size(), w.facts.amounts.size()) << where;
    for (std::size_t a = 0; a < w.facts.amounts.size(); ++a) {
      EXPECT_EQ(g.facts.amounts[a].value, w.facts.amounts[a].value) << where;
      EXPECT_EQ(g.facts.amounts[a].unit, w.facts.amounts[a].unit) << where;
      EXPECT_EQ(g.facts.amounts[a].text, w.facts.amounts[a].text) << where;
    }
    ASSERT_EQ(g.facts.appointments.size(), w.facts.appointments.size()) << where;
    for (std::size_t a = 0; a < w.facts.appointments.size(); ++a) {
      EXPECT_EQ(g.facts.appointments[a].person, w.facts.appointments[a].person) << where;
      EXPECT_EQ(g.facts.appointments[a].organisation, w.facts.appointments[a].organisation) << where;
      EXPECT_EQ(g.facts.appointments[a].body, w.facts.appointments[a].body) << where;
      EXPECT_EQ(g.facts.appointments[a].role, w.facts.appointments[a].role) << where;
    }
  }
  ASSERT_EQ(got.documents.size(), want.documents.size()) << name;
  for (std::size_t d = 0; d < want.documents.size(); ++d) {
    EXPECT_EQ(got.documents[d].title, want.documents[d].title) << name;
    EXPECT_EQ(Squeeze(got.documents[d].text), Squeeze(want.documents[d].text)) << name;
    // The document is linked to the item that lists it.
    EXPECT_FALSE(got.documents[d].item_id.empty()) << name;
  }
}

class FixtureTest : public ::testing::TestWithParam<PacketLayout> {};

TEST_P(FixtureTest, TextExtraction) {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    fixtures::SyntheticPacket p = fixtures::MakePacket(GetParam(), seed);
    text::RawText raw;
    raw.source.sha256 = std::string(64, '0');
    raw.pages = text::SplitPages(p.text);  // form feeds split pages as the reader does
    model::Packet packet = packet::ParsePacket(raw);
    EXPECT_EQ(packet.layout, fixtures::LayoutName(GetParam()));
    ExpectMeeting(packet, p.expected, fixtures::LayoutName(GetParam()) + "-" + std::to_string(seed) + ".txt");
  }
}

TEST_P(FixtureTest, PdfThroughPoppler) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("fixture_pdf_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    fixtures::SyntheticPacket p = fixtures::MakePacket(GetParam(), seed);
    const std::string name = fixtures::LayoutName(GetParam()) + "-" + std::to_string(seed) + ".pdf";
    const std::string path = (dir / name).string();
    std::string error;
    ASSERT_TRUE(fixtures::WritePacketPdf(p, path, &error)) << error;
    text::RawText raw;
    text::SourceError read_error;
    ASSERT_TRUE(text::ReadSource(path, {}, &raw, &read_error)) << read_error.message;
    EXPECT_EQ(raw.source.pages, static_cast<int>(p.pages.size()));
    model::Packet packet = packet::ParsePacket(raw);
    ExpectMeeting(packet, p.expected, name);
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Layouts, FixtureTest,
                         ::testing::Values(PacketLayout::kNumbered, PacketLayout::kCapitals,
                                           PacketLayout::kMinutes),
                         [](const auto& info) { return fixtures::LayoutName(info.param); });

}  // namespace
}  // namespace sagsspor
