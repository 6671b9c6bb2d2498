// Finding the 98 municipalities and 5 regions in text.

#ifndef SAGSSPOR_PACKET_PLACES_H_
#define SAGSSPOR_PACKET_PLACES_H_

#include <string_view>
#include <vector>

#include "model/model.h"
#include "packet/vocabulary.h"

namespace sagsspor::packet {

// Mentions of places by name or alias ("Aabenraa", "Åbenrå", "Københavns
// Kommune", "Region Sjællands"), capitalised and as whole words. A
// genitive "Ringsteds" counts before "Kommune" or "Byråd".
std::vector<model::PlaceMention> FindPlaces(std::string_view text, const Vocabulary& vocabulary);

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_PLACES_H_
