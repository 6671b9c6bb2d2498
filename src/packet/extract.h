// Gathering every kind of fact from one text, and finding headings in
// documents. Used for item sections and documents alike.

#ifndef SAGSSPOR_PACKET_EXTRACT_H_
#define SAGSSPOR_PACKET_EXTRACT_H_

#include <string>
#include <vector>

#include "model/model.h"
#include "packet/vocabulary.h"
#include "text/clean.h"

namespace sagsspor::packet {

// Appends the case numbers, dates, deadlines, amounts, percentages and
// places found in `text` to *facts, with spans in section `section` (-1
// for a document's text). `context` dates deadlines printed without a year.
void ExtractFacts(const std::string& text, int section, const model::Date& context,
                  const Vocabulary& vocabulary, model::Facts* facts);

// Headings among lines[begin, end): known section headings, and short
// capitalised lines of their own that start a paragraph before text.
std::vector<std::string> FindHeadings(const std::vector<text::Line>& lines, std::size_t begin,
                                      std::size_t end, const Vocabulary& vocabulary);

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_EXTRACT_H_
