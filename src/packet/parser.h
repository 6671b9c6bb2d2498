// From read text to the meeting model: clean, pick the layout that reads
// the packet best, parse, extract facts.

#ifndef SAGSSPOR_PACKET_PARSER_H_
#define SAGSSPOR_PACKET_PARSER_H_

#include "model/model.h"
#include "packet/vocabulary.h"
#include "text/source_reader.h"

namespace sagsspor::packet {

// Parses one read packet. Never fails: a packet in which no layout finds
// an agenda becomes one Document with a warning. The result carries the
// source, the layout's name and warnings (including the reader's notes).
model::Packet ParsePacket(const text::RawText& raw,
                          const Vocabulary& vocabulary = Vocabulary::Default());

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_PARSER_H_
