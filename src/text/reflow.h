// Joining cleaned lines into paragraphs.

#ifndef SAGSSPOR_TEXT_REFLOW_H_
#define SAGSSPOR_TEXT_REFLOW_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/clean.h"

namespace sagsspor::text {

// Joins lines[begin, end) into text: wrapped lines become one paragraph,
// paragraphs are separated by "\n\n", list items ("• …") stand on lines of
// their own. A word hyphenated across a line break is joined ("speciali-" +
// "serede" → "specialiserede") unless the hyphen is real: before "og",
// "eller", "samt", "til" ("børne- og ungeområdet"), after an upper-case
// letter or a digit ("DK2020-sekretariatet"), or inside a URL.
std::string Reflow(const std::vector<Line>& lines, std::size_t begin, std::size_t end);

// Appends `next` to `text` as a continuation of a wrapped line, by the
// hyphenation rules above. Used for titles that wrap.
void AppendWrapped(std::string* text, std::string_view next);

}  // namespace sagsspor::text

#endif  // SAGSSPOR_TEXT_REFLOW_H_
