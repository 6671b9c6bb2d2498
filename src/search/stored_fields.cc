#include "search/stored_fields.h"

#include <nlohmann/json.hpp>

#include <zlib.h>

#include <array>
#include <cstdint>

namespace sagsspor::search {
namespace {

constexpr char kVersion = 1;
constexpr char kPiecesVersion = 2;  // the text in compressed pieces

// The fields before the text, in their encoded order (F: StoredFields,
// const or not).
template <typename F>
auto Heading(F* f) {
  return std::array{&f->id, &f->kind, &f->meeting_id, &f->date, &f->body, &f->number, &f->title, &f->type};
}

void PutVarint(std::uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, std::uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

bool DecodeJson(std::string_view data, StoredFields* f) {
  nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  f->id = j.value("id", "");
  f->kind = j.value("kind", "");
  f->meeting_id = j.value("meeting_id", "");
  f->date = j.value("date", "");
  f->body = j.value("body", "");
  f->number = j.value("number", "");
  f->title = j.value("title", "");
  f->type = j.value("type", "");
  f->text = j.value("text", "");
  return true;
}

// The version byte and the fields before the text.
std::string EncodeHeading(const StoredFields& fields, char version) {
  std::string out(1, version);
  std::size_t size = 1 + fields.text.size() + 10;
  for (const std::string* s : Heading(&fields)) size += s->size() + 10;
  out.reserve(size);
  for (const std::string* s : Heading(&fields)) {
    PutVarint(s->size(), &out);
    out += *s;
  }
  return out;
}

// Version 1: the text as it is.
std::string EncodeWhole(const StoredFields& fields) {
  std::string out = EncodeHeading(fields, kVersion);
  PutVarint(fields.text.size(), &out);
  out += fields.text;
  return out;
}

}  // namespace

std::string EncodeStoredFields(const StoredFields& fields) {
  if (fields.text.size() <= kStoredTextPiece) return EncodeWhole(fields);
  std::string out = EncodeHeading(fields, kPiecesVersion);
  const std::string_view text = fields.text;
  const std::size_t count = (text.size() + kStoredTextPiece - 1) / kStoredTextPiece;
  PutVarint(count, &out);
  std::string compressed;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view piece = text.substr(i * kStoredTextPiece, kStoredTextPiece);
    uLongf length = compressBound(static_cast<uLong>(piece.size()));
    compressed.resize(length);
    if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &length, reinterpret_cast<const Bytef*>(piece.data()),
                  static_cast<uLong>(piece.size()), Z_BEST_SPEED) != Z_OK) {
      return EncodeWhole(fields);  // out of memory: the text as it is
    }
    PutVarint(piece.size(), &out);
    PutVarint(length, &out);
    out.append(compressed.data(), length);
  }
  return out;
}

bool DecodeStoredFieldsPrefix(std::string_view data, std::size_t text_bytes, StoredFields* fields,
                              bool* complete) {
  *complete = true;
  if (!data.empty() && data.front() == '{') return DecodeJson(data, fields);
  if (data.empty() || (data.front() != kVersion && data.front() != kPiecesVersion)) return false;
  const bool pieces = data.front() == kPiecesVersion;
  data.remove_prefix(1);
  for (std::string* s : Heading(fields)) {
    std::uint64_t n = 0;
    if (!GetVarint(&data, &n) || n > data.size()) return false;
    s->assign(data.data(), n);
    data.remove_prefix(n);
  }
  std::uint64_t n = 0;
  if (!GetVarint(&data, &n)) return false;
  if (!pieces) {
    if (n != data.size()) return false;
    fields->text.assign(data.data(), n);
    return true;
  }
  fields->text.clear();
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t length = 0, stored = 0;
    if (!GetVarint(&data, &length) || !GetVarint(&data, &stored) || stored > data.size() ||
        length > kStoredTextPiece) {
      return false;
    }
    if (fields->text.size() < text_bytes) {
      const std::size_t at = fields->text.size();
      fields->text.resize(at + length);
      uLongf got = static_cast<uLongf>(length);
      if (uncompress(reinterpret_cast<Bytef*>(fields->text.data() + at), &got,
                     reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(stored)) != Z_OK ||
          got != length) {
        return false;
      }
    } else {
      *complete = false;
    }
    data.remove_prefix(stored);
  }
  return data.empty();
}

bool DecodeStoredFields(std::string_view data, StoredFields* fields) {
  bool complete = false;
  return DecodeStoredFieldsPrefix(data, std::string_view::npos, fields, &complete);
}

}  // namespace sagsspor::search
