// Finding facts in Danish text: dates, deadlines, amounts, percentages and
// case numbers. Each finder scans the text once, by hand rather than with
// regular expressions, and reports what it found with its byte span.

#ifndef SAGSSPOR_PACKET_FACTS_H_
#define SAGSSPOR_PACKET_FACTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace sagsspor::packet {

// Dates in the forms "7. september 2020", "7. sept. 2020", "1. december"
// (no year), "07-09-2020", "1.1.2021", "2020-09-07", "15/10-2020",
// "15/10/2020" and, after "d." or "den", "15/10". Invalid dates
// (31. februar) are skipped.
std::vector<model::DateMention> FindDates(std::string_view text);

// Dates introduced as deadlines ("senest den 1. december", "frist 23.
// oktober 2020", "høringsfristen er den 23. oktober"): a trigger word of
// the vocabulary (deadline_triggers) stands shortly before the date in the
// same sentence. A date printed
// without a year gets the first such date on or after `context` (the
// meeting date) when context is valid; `text` is the phrase from the
// trigger word to the end of the date.
std::vector<model::Deadline> FindDeadlines(std::string_view text, const model::Date& context);

// The same, given FindDates(text) already found and the trigger words.
std::vector<model::Deadline> FindDeadlines(std::string_view text,
                                           const std::vector<model::DateMention>& dates,
                                           const model::Date& context,
                                           const std::vector<std::string>& triggers);

// Amounts in kroner: "700.000 kr.", "1,75 mio. kr.", "4,4 mia. kr.",
// "0,83 kr. pr. indbygger", "kr. 700.000", "250 t.kr.". Values are exact
// decimals in kroner.
std::vector<model::Amount> FindAmounts(std::string_view text);

// "12,5 %", "12,5 pct.", "40 procent".
std::vector<model::Percentage> FindPercentages(std::string_view text);

// Case and journal numbers: "SAG-2019-07158", "EMN-2020-01234",
// "27.00.00-A00-1-20" (KLE), and "21-001234" after a label such as
// "J.nr." or "Sagsnr.".
std::vector<model::CaseNumber> FindCaseNumbers(std::string_view text);

// A line that is nothing but a case number and the caseworker's initials
// ("SAG-2019-07158 adr", "SAG-2019-07158 snm/jebj", "Sagsnr.: 27.00.00-A00-1-20").
// Returns the normalised number, or "" when the line is something else.
std::string CaseNumberLine(std::string_view line);

// Exact decimal arithmetic on the decimal strings above: "1,75" with
// `shift` 6 gives "1750000". Accepts '.' thousands separators and ','
// as decimal mark (Danish), returns "" for a malformed number.
std::string DanishNumberToDecimal(std::string_view printed, int shift);

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_FACTS_H_
