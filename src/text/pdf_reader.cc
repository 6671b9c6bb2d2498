#include "text/pdf_reader.h"

#include "text/utf8.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>
#include <mutex>
#include <string_view>

namespace sagsspor::text {
namespace {

// poppler prints its complaints about damaged files on stderr; the reader
// reports its own one-line message instead.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

bool HasEofMarker(std::string_view bytes) {
  // The trailer is at the end; allow some trailing garbage as readers do.
  constexpr std::size_t kTail = 2048;
  std::string_view tail =
      bytes.size() > kTail ? bytes.substr(bytes.size() - kTail) : bytes;
  return tail.find("%%EOF") != std::string_view::npos;
}

}  // namespace

bool ReadPdf(const std::string& file, const std::string& bytes,
             std::vector<std::string>* pages, SourceError* error) {
  SilencePoppler();
  auto fail = [&](SourceErrorKind kind, const std::string& why) {
    error->kind = kind;
    error->message = file + ": " + why;
    return false;
  };
  if (bytes.compare(0, 5, "%PDF-") != 0) {
    return fail(SourceErrorKind::kNotPdf, "not a PDF file (no %PDF- header)");
  }
  if (!HasEofMarker(bytes)) {
    return fail(SourceErrorKind::kTruncated, "truncated PDF (no %%EOF trailer)");
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return fail(SourceErrorKind::kMalformed, "malformed PDF (cannot be opened)");
  if (doc->is_locked()) {
    return fail(SourceErrorKind::kEncrypted, "encrypted PDF (locked by a password)");
  }
  const int n = doc->pages();
  pages->clear();
  pages->reserve(n);
  bool any_text = false;
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::string text;
    if (page) {
      poppler::byte_array utf8 = page->text().to_utf8();
      text.assign(utf8.begin(), utf8.end());
    }
    if (!IsBlank(text)) any_text = true;
    pages->push_back(std::move(text));
  }
  if (n == 0) return fail(SourceErrorKind::kMalformed, "malformed PDF (no pages)");
  if (!any_text) {
    return fail(SourceErrorKind::kNoText,
                "PDF has no text layer (scanned images?); run OCR first");
  }
  return true;
}

}  // namespace sagsspor::text
