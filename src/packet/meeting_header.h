// Reading the meeting itself from the lines before the first item: body,
// date, start time, place and case number.

#ifndef SAGSSPOR_PACKET_MEETING_HEADER_H_
#define SAGSSPOR_PACKET_MEETING_HEADER_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "packet/vocabulary.h"
#include "text/clean.h"

namespace sagsspor::packet {

// Reads lines[begin, end). Labelled lines ("Dato:", "Mødested:",
// "Udvalg:") come first; otherwise the body is the first line that reads
// like a body's name and the date the first date. Sets the meeting's id.
model::Meeting ReadMeetingHeader(const std::vector<text::Line>& lines, std::size_t begin,
                                 std::size_t end, const Vocabulary& vocabulary,
                                 const model::Source& source);

// The first clock time in `text` ("09:30", "kl. 14.00", "kl. 9.30") as
// "HH:MM", or "".
std::string FindTime(std::string_view text);

// "KKR SJÆLLAND" → "KKR Sjælland"; names already in mixed case unchanged.
std::string NormaliseBodyName(std::string_view name);

// A URL-safe id part: "KKR Sjælland" → "kkr-sjaelland".
std::string Slug(std::string_view text);

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_MEETING_HEADER_H_
