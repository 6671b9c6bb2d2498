#include "text/decode.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <memory>
#include <vector>

namespace sagsspor::text {
namespace {

bool IsValidUtf8(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  // Pre-flighting validates the whole input without writing anything.
  u_strFromUTF8(nullptr, 0, &length, bytes.data(),
                static_cast<int32_t>(bytes.size()), &status);
  return status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status);
}

std::string DetectLegacy(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(
      ucsdet_open(&status), &ucsdet_close);
  if (U_FAILURE(status)) return "windows-1252";
  // The detector only needs a sample.
  const int32_t sample = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 16));
  ucsdet_setText(detector.get(), bytes.data(), sample, &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return "windows-1252";
  std::string name = ucsdet_getName(match, &status);
  if (U_FAILURE(status)) return "windows-1252";
  // ISO-8859-1 text is read as windows-1252, its superset for printable
  // characters; multi-byte guesses are not plausible for invalid UTF-8.
  if (name == "ISO-8859-1" || name == "UTF-8" || name.rfind("Shift_JIS", 0) == 0 ||
      name.rfind("GB", 0) == 0 || name.rfind("Big5", 0) == 0 ||
      name.rfind("EUC", 0) == 0 || name.rfind("ISO-2022", 0) == 0) {
    return "windows-1252";
  }
  return name;
}

bool Convert(std::string_view bytes, const std::string& from, std::string* out,
             std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(
      ucnv_open(from.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) {
    *error = "unknown encoding " + from;
    return false;
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr,
                      nullptr, &status);
  std::vector<UChar> utf16(bytes.size() * 2 + 16);
  int32_t n = ucnv_toUChars(conv.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                            bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    *error = "bytes that are not valid " + from;
    return false;
  }
  int32_t length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &length, utf16.data(), n, &status);
  out->assign(length, '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out->data(), length, nullptr, utf16.data(), n, &status);
  if (U_FAILURE(status)) {
    *error = "conversion from " + from + " failed";
    return false;
  }
  return true;
}

}  // namespace

std::string ToNfc(std::string utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return utf8;
  if (nfc->isNormalizedUTF8(utf8, status) || U_FAILURE(status)) return utf8;
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, utf8, sink, nullptr, status);
  return U_SUCCESS(status) ? out : utf8;
}

bool DecodeText(std::string_view bytes, Decoded* out, std::string* error) {
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  std::string encoding;
  std::string_view body = bytes;
  if (starts("\xEF\xBB\xBF")) {
    body.remove_prefix(3);
    encoding = "UTF-8";
  } else if (starts(std::string_view("\xFF\xFE\x00\x00", 4))) {
    encoding = "UTF-32LE";
    body.remove_prefix(4);
  } else if (starts("\xFF\xFE")) {
    encoding = "UTF-16LE";
    body.remove_prefix(2);
  } else if (starts("\xFE\xFF")) {
    encoding = "UTF-16BE";
    body.remove_prefix(2);
  }
  if (encoding.empty() || encoding == "UTF-8") {
    if (IsValidUtf8(body)) {
      if (body.find('\0') != std::string_view::npos) {
        *error = "binary data (NUL bytes), not text";
        return false;
      }
      out->encoding = "UTF-8";
      out->utf8 = ToNfc(std::string(body));
      return true;
    }
    if (encoding == "UTF-8") {
      *error = "invalid UTF-8 after a UTF-8 byte-order mark";
      return false;
    }
    if (body.find('\0') != std::string_view::npos) {
      *error = "binary data (NUL bytes), not text";
      return false;
    }
    encoding = DetectLegacy(body);
  }
  std::string utf8;
  if (!Convert(body, encoding, &utf8, error)) return false;
  out->encoding = encoding;
  out->utf8 = ToNfc(std::move(utf8));
  return true;
}

}  // namespace sagsspor::text
