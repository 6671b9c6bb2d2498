#include "http/paper_id.h"

namespace sagsspor::http {
namespace {

constexpr char kCasePrefix[] = "sag-";
constexpr char kHex[] = "0123456789abcdef";

bool Kept(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string PaperId(const std::string& case_key, const std::string& item_id) {
  if (case_key.empty()) return item_id;
  std::string out = kCasePrefix;
  for (char c : case_key) {
    if (Kept(c)) {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '_';
      out += kHex[b >> 4];
      out += kHex[b & 0xf];
    }
  }
  return out;
}

std::optional<std::string> CaseKeyOfPaperId(const std::string& id) {
  const std::string prefix = kCasePrefix;
  if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string key;
  for (std::size_t i = prefix.size(); i < id.size(); ++i) {
    if (Kept(id[i])) {
      key += id[i];
      continue;
    }
    if (id[i] != '_' || i + 2 >= id.size() || HexValue(id[i + 1]) < 0 || HexValue(id[i + 2]) < 0) {
      return std::nullopt;
    }
    const char c = static_cast<char>(HexValue(id[i + 1]) * 16 + HexValue(id[i + 2]));
    if (Kept(c)) return std::nullopt;  // not the form PaperId() writes
    key += c;
    i += 2;
  }
  return key;
}

}  // namespace sagsspor::http
