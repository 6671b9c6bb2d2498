#include "packet/places.h"

#include <algorithm>
#include <bitset>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "packet/scan.h"
#include "text/utf8.h"

namespace sagsspor::packet {
namespace {

struct Alias {
  std::string text;
  const Place* place;
};

// Aliases by their first word, longest first.
class PlaceIndex {
 public:
  explicit PlaceIndex(const Vocabulary& v) {
    for (const Place& p : v.places()) {
      for (const std::string& a : p.aliases) {
        by_first_word_[FirstWord(a)].push_back({a, &p});
        first_two_[Pair(a)] = true;
      }
    }
    for (auto& [_, list] : by_first_word_) {
      std::sort(list.begin(), list.end(),
                [](const Alias& a, const Alias& b) { return a.text.size() > b.text.size(); });
    }
  }
  const std::vector<Alias>* Find(std::string_view word) const {
    // Most capitalised words are no place; their first two bytes say so
    // without hashing the word.
    if (word.size() < 2 || !first_two_[Pair(word)]) return nullptr;
    auto it = by_first_word_.find(word);
    return it == by_first_word_.end() ? nullptr : &it->second;
  }
  static std::string_view FirstWord(std::string_view s) {
    std::size_t end = 0;
    while (end < s.size() && s[end] != ' ') ++end;
    return s.substr(0, end);
  }

 private:
  static std::size_t Pair(std::string_view s) {
    return static_cast<unsigned char>(s[0]) << 8 | static_cast<unsigned char>(s[1]);
  }

  std::bitset<65536> first_two_;
  // Keys view the vocabulary's strings, which outlive the index.
  std::unordered_map<std::string_view, std::vector<Alias>> by_first_word_;
};

const PlaceIndex& IndexFor(const Vocabulary& v) {
  static std::mutex mu;
  static std::unordered_map<const Vocabulary*, std::unique_ptr<PlaceIndex>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[&v];
  if (!slot) slot = std::make_unique<PlaceIndex>(v);
  return *slot;
}

bool WordEnds(std::string_view t, std::size_t i) {
  return i >= t.size() || !(IsWordByte(t[i]) || t[i] == '-');
}

}  // namespace

std::vector<model::PlaceMention> FindPlaces(std::string_view t, const Vocabulary& vocabulary) {
  const PlaceIndex& index = IndexFor(vocabulary);
  std::vector<model::PlaceMention> out;
  std::size_t i = 0;
  const std::size_t n = t.size();
  while (i < n) {
    // To the next word start whose first byte may begin a place name
    // (A-Z, or 0xC3 for Æ Ø Å); other words are skipped whole.
    unsigned char b = static_cast<unsigned char>(t[i]);
    if (!IsWordByte(t[i]) && b != '-') {
      ++i;
      continue;
    }
    if (!((b >= 'A' && b <= 'Z') || b == 0xC3)) {
      while (i < n && (IsWordByte(t[i]) || t[i] == '-')) ++i;
      continue;
    }
    std::size_t next;
    char32_t c = text::DecodeAt(t, i, &next);
    if (!text::IsUpper(c)) {
      while (i < n && (IsWordByte(t[i]) || t[i] == '-')) ++i;
      continue;
    }
    std::size_t end = i;
    while (end < t.size() && (IsWordByte(t[end]) || t[end] == '-')) ++end;
    std::string_view word = t.substr(i, end - i);
    bool matched = false;
    auto try_word = [&](std::string_view w, bool genitive) {
      const std::vector<Alias>* aliases = index.Find(w);
      if (!aliases) return false;
      for (const Alias& a : *aliases) {
        std::string_view want = a.text;
        if (genitive) {
          if (want.find(' ') != std::string_view::npos) continue;
          std::string_view rest = t.substr(end);
          if (!(rest.starts_with(" Kommune") || rest.starts_with(" kommune") || rest.starts_with(" Byråd"))) continue;
          out.push_back({a.place->name, a.place->kind, {-1, i, end}});
          i = end;
          return true;
        }
        if (t.substr(i, want.size()) == want && WordEnds(t, i + want.size())) {
          out.push_back({a.place->name, a.place->kind, {-1, i, i + want.size()}});
          i += want.size();
          return true;
        }
      }
      return false;
    };
    matched = try_word(word, false);
    if (!matched && word.size() > 2 && word.back() == 's') matched = try_word(word.substr(0, word.size() - 1), true);
    if (!matched) i = end > i ? end : next;
  }
  return out;
}

}  // namespace sagsspor::packet
