#include "search/stored_fields.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>

namespace sagsspor::search {
namespace {

constexpr char kVersion = 1;

// The fields in their encoded order (F: StoredFields, const or not).
template <typename F>
auto Fields(F* f) {
  return std::array{&f->id, &f->kind, &f->meeting_id, &f->date, &f->body, &f->number, &f->title, &f->type, &f->text};
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

}  // namespace

std::string EncodeStoredFields(const StoredFields& fields) {
  std::string out(1, kVersion);
  std::size_t size = 1;
  for (const std::string* s : Fields(&fields)) size += s->size() + 10;
  out.reserve(size);
  for (const std::string* s : Fields(&fields)) {
    PutVarint(s->size(), &out);
    out += *s;
  }
  return out;
}

bool DecodeStoredFields(std::string_view data, StoredFields* fields) {
  if (!data.empty() && data.front() == '{') return DecodeJson(data, fields);
  if (data.empty() || data.front() != kVersion) return false;
  data.remove_prefix(1);
  for (std::string* s : Fields(fields)) {
    std::uint64_t n = 0;
    if (!GetVarint(&data, &n) || n > data.size()) return false;
    s->assign(data.data(), n);
    data.remove_prefix(n);
  }
  return data.empty();
}

}  // namespace sagsspor::search
