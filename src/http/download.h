// Serving a stored original: its media type and a Content-Disposition
// whose file name is safe to hand to any client.

#ifndef SAGSSPOR_HTTP_DOWNLOAD_H_
#define SAGSSPOR_HTTP_DOWNLOAD_H_

#include <string>

#include "model/model.h"

namespace sagsspor::http {

// "application/pdf" for a PDF, "text/plain; charset=<encoding>" for text
// (the bytes are served as stored, in their own encoding).
std::string MediaType(const model::Source& source);

// The base name of `path` reduced to ASCII letters, digits, '.', '-' and
// '_' (anything else becomes '_'; no leading dot), at most 100 bytes;
// `fallback` when nothing is left.
std::string SafeFileName(const std::string& path, const std::string& fallback);

// `attachment; filename="<SafeFileName>"` (or `inline; …`).
std::string ContentDisposition(bool attachment, const std::string& path, const std::string& fallback);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_DOWNLOAD_H_
