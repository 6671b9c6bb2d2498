// Printing one meeting, item or document for a person to read.

#ifndef SAGSSPOR_CLI_SHOW_H_
#define SAGSSPOR_CLI_SHOW_H_

#include <ostream>

#include "model/model.h"

namespace sagsspor::cli {

void PrintMeeting(const model::Meeting& meeting, const model::Source& source, std::ostream& out);
void PrintItem(const model::AgendaItem& item, const model::Meeting& meeting, std::ostream& out);
void PrintDocument(const model::Document& document, const model::Source& source, std::ostream& out);

}  // namespace sagsspor::cli

#endif  // SAGSSPOR_CLI_SHOW_H_
