#include "http/download.h"

#include <cctype>

namespace sagsspor::http {

std::string MediaType(const model::Source& source) {
  if (source.encoding == "pdf") return "application/pdf";
  std::string charset;
  for (char c : source.encoding) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') charset += c;
  }
  return "text/plain; charset=" + (charset.empty() ? std::string("utf-8") : charset);
}

std::string SafeFileName(const std::string& path, const std::string& fallback) {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string out;
  for (char c : base) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    if (ok && !(c == '.' && out.empty())) out += c;
    else if (!out.empty() || c != '.') out += '_';
    if (out.size() >= 100) break;
  }
  bool meaningful = false;
  for (char c : out) meaningful |= std::isalnum(static_cast<unsigned char>(c)) != 0;
  return meaningful ? out : fallback;
}

std::string ContentDisposition(bool attachment, const std::string& path, const std::string& fallback) {
  return std::string(attachment ? "attachment" : "inline") + "; filename=\"" + SafeFileName(path, fallback) + "\"";
}

}  // namespace sagsspor::http
