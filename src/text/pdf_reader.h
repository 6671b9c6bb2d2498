// Reading a PDF's text through poppler-cpp.

#ifndef SAGSSPOR_TEXT_PDF_READER_H_
#define SAGSSPOR_TEXT_PDF_READER_H_

#include <string>
#include <vector>

#include "text/source_error.h"

namespace sagsspor::text {

// Extracts the text of each page in reading order. `bytes` is the whole
// file. Fails with kNotPdf (no %PDF- header), kTruncated (no %%EOF at the
// end), kMalformed (poppler cannot open it), kEncrypted (locked by a
// password) or kNoText (every page empty: a scan). `file` is only used in
// messages.
bool ReadPdf(const std::string& file, const std::string& bytes,
             std::vector<std::string>* pages, SourceError* error);

}  // namespace sagsspor::text

#endif  // SAGSSPOR_TEXT_PDF_READER_H_
