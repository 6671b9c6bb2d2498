#include "text/source_reader.h"

#include <nettle/sha2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "text/decode.h"
#include "text/pdf_reader.h"
#include "text/utf8.h"

namespace sagsspor::text {
namespace fs = std::filesystem;
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Nettle rather than OpenSSL: OpenSSL 3 loads its providers on first use,
// which costs more than hashing a whole packet.
std::string Sha256Hex(std::string_view bytes) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, sizeof digest, digest);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_SIZE);
  for (uint8_t b : digest) {
    out.push_back(hex[b >> 4]);
    out.push_back(hex[b & 15]);
  }
  return out;
}

}  // namespace

std::vector<std::string> SplitPages(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (;;) {
    std::size_t ff = text.find('\f', start);
    pages.push_back(text.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  // A trailing form feed ends the last page rather than starting a new one.
  if (pages.size() > 1 && pages.back().find_first_not_of(" \r\n\t") == std::string::npos) {
    pages.pop_back();
  }
  return pages;
}

// "1.0 GiB", "12 MiB", "512 bytes".
std::string HumanBytes(std::uint64_t n) {
  char buf[32];
  if (n >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(n) / (1ull << 30));
  else if (n >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%llu MiB", static_cast<unsigned long long>(n >> 20));
  else std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

bool IsPacketPath(const std::string& path) {
  std::string ext = Lower(fs::path(path).extension().string());
  return ext == ".pdf" || ext == ".txt";
}

bool ReadSource(const std::string& path, const ReadOptions& options,
                RawText* out, SourceError* error) {
  auto fail = [&](SourceErrorKind kind, const std::string& why) {
    error->kind = kind;
    error->message = path + ": " + why;
    return false;
  };
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return fail(SourceErrorKind::kNotFound, "no such file");
  if (!fs::is_regular_file(status)) return fail(SourceErrorKind::kUnreadable, "not a regular file");
  const std::uint64_t size = fs::file_size(path, ec);
  if (ec) return fail(SourceErrorKind::kUnreadable, "cannot read file size: " + ec.message());
  if (size == 0) return fail(SourceErrorKind::kEmpty, "empty file");
  if (size > options.max_bytes) {
    return fail(SourceErrorKind::kTooLarge,
                "file too large (" + HumanBytes(size) + "; the limit is " + HumanBytes(options.max_bytes) + ")");
  }
  const std::string ext = Lower(fs::path(path).extension().string());
  if (ext != ".pdf" && ext != ".txt") {
    return fail(SourceErrorKind::kUnsupported, "unsupported file type (expected .pdf or .txt)");
  }

  std::string bytes(size, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size))) {
      return fail(SourceErrorKind::kUnreadable, "cannot read file");
    }
  }

  out->source = model::Source{};
  out->source.file = path;
  out->source.bytes = size;
  out->source.sha256 = Sha256Hex(bytes);
  out->notes.clear();

  if (ext == ".pdf") {
    if (!ReadPdf(path, bytes, &out->pages, error)) return false;
    for (std::string& page : out->pages) page = ToNfc(std::move(page));
    out->source.pages = static_cast<int>(out->pages.size());
    out->source.encoding = "pdf";
    out->bytes = std::move(bytes);
    return true;
  }

  Decoded decoded;
  std::string why;
  if (!DecodeText(bytes, &decoded, &why)) return fail(SourceErrorKind::kEncoding, why);
  if (IsBlank(decoded.utf8)) return fail(SourceErrorKind::kEmpty, "no text (only white space)");
  out->source.encoding = decoded.encoding;
  if (decoded.encoding != "UTF-8") {
    out->notes.push_back("converted from " + decoded.encoding + " to UTF-8");
  }
  out->pages = SplitPages(decoded.utf8);
  out->source.pages = out->pages.size() > 1 ? static_cast<int>(out->pages.size()) : 0;
  out->bytes = std::move(bytes);
  return true;
}

}  // namespace sagsspor::text
