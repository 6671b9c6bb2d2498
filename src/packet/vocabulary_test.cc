#include "packet/vocabulary.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sagsspor::packet {
namespace {

const Vocabulary& V() { return Vocabulary::Default(); }

TEST(Vocabulary, ItemTypesNormaliseToCanonical) {
  EXPECT_EQ(V().ItemType("BESLUTNINGSSAG"), "Beslutningssag");
  EXPECT_EQ(V().ItemType("Orienteringssag"), "Orienteringssag");
  EXPECT_EQ(V().ItemType("Temadrøftelse"), "Temadrøftelse");
  EXPECT_EQ(V().ItemType("DRØFTELSESSAG"), "Drøftelsessag");
  EXPECT_EQ(V().ItemType("Godkendelse af dagsorden"), "");
}

TEST(Vocabulary, HeadingsInAnyCase) {
  EXPECT_EQ(V().HeadingKind("Baggrund"), "baggrund");
  EXPECT_EQ(V().HeadingKind("BAGGRUND FOR SAGENS FREMLÆGGELSE"), "baggrund");
  EXPECT_EQ(V().HeadingKind("ØKONOMISKE KONSEKVENSER"), "oekonomi");
  EXPECT_EQ(V().HeadingKind("Vedlagte bilag:"), "vedlagte_bilag");
  EXPECT_EQ(V().HeadingKind("Beslutning i Byrådet den 24-02-2021"), "beslutning");
  EXPECT_EQ(V().HeadingKind("baggrund"), "");  // a heading starts with a capital
  EXPECT_EQ(V().HeadingKind("Baggrunden for sagen er at KKR skal tage stilling"), "");
}

TEST(Vocabulary, MeetingLabels) {
  std::string value;
  EXPECT_EQ(V().MeetingLabel("Mødedato: 15. marts 2021", &value), "date");
  EXPECT_EQ(value, "15. marts 2021");
  EXPECT_EQ(V().MeetingLabel("Sted: Sørup Herregård", &value), "place");
  EXPECT_EQ(V().MeetingLabel("Det indstilles: at", &value), "");
}

TEST(Vocabulary, MalformedDataIsRefused) {
  EXPECT_THROW(Vocabulary("{", ""), std::exception);
  EXPECT_THROW(Vocabulary(R"({"item_types":[],"headings":[],"heading_prefixes":[],"meeting_labels":{},
                              "body_starts":[],"appointment_titles":[],"appointment_verbs":[],"deadline_triggers":[]})",
                          "Ringsted|kommune"),
               std::runtime_error);
}

}  // namespace
}  // namespace sagsspor::packet
