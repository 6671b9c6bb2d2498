#include "packet/vocabulary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "text/utf8.h"

namespace sagsspor::data {
extern const std::string_view vocabulary_json_data;
extern const std::string_view municipalities_txt_data;
}  // namespace sagsspor::data

namespace sagsspor::packet {
namespace {

std::string Fold(std::string_view s) {
  std::string f = text::FoldForMatch(s);
  while (!f.empty() && (f.back() == ':' || f.back() == ' ' || f.back() == '.')) f.pop_back();
  return f;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(sep, start);
    out.emplace_back(text::Trim(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

// The first word of `s`, ASCII letters and Æ Ø Å lower-cased, up to a
// space or colon. Enough to rule out lines that are not headings.
std::string QuickFirstWord(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == ':') break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0x86 || d == 0x98 || d == 0x85 || d == 0x89) d = static_cast<unsigned char>(d + 0x20);
      out.push_back(c);
      out.push_back(static_cast<char>(d));
      ++i;
      continue;
    }
    out.push_back(c);
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

const Vocabulary& Vocabulary::Default() {
  static const Vocabulary* vocabulary =
      new Vocabulary(data::vocabulary_json_data, data::municipalities_txt_data);
  return *vocabulary;
}

Vocabulary::Vocabulary(std::string_view vocabulary_json, std::string_view municipalities_txt) {
  nlohmann::json j = nlohmann::json::parse(vocabulary_json);
  for (const auto& t : j.at("item_types")) {
    std::string canonical = t.at("canonical");
    item_types_[Fold(canonical)] = canonical;
    for (const auto& p : t.at("printed")) item_types_[Fold(p.get<std::string>())] = canonical;
  }
  for (const auto& h : j.at("headings")) {
    std::string kind = h.at("kind");
    for (const auto& p : h.at("printed")) headings_[Fold(p.get<std::string>())] = kind;
  }
  for (const auto& h : j.at("heading_prefixes")) {
    // FoldForMatch trims; the prefix keeps its trailing space as a word end.
    heading_prefixes_.emplace_back(text::FoldForMatch(h.at("prefix").get<std::string>()) + " ",
                                   h.at("kind"));
  }
  for (const auto& [folded, kind] : headings_) heading_first_words_.insert(QuickFirstWord(folded));
  for (const auto& [prefix, kind] : heading_prefixes_) heading_first_words_.insert(QuickFirstWord(prefix));
  for (const auto& [field, labels] : j.at("meeting_labels").items()) {
    for (const auto& l : labels) labels_.emplace_back(Fold(l.get<std::string>()), field);
  }
  // Longest label first: "mødedato" before "dato".
  std::sort(labels_.begin(), labels_.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& b : j.at("body_starts")) body_starts_.push_back(b);
  for (const auto& b : j.value("body_ends", nlohmann::json::array())) body_ends_.push_back(Fold(b.get<std::string>()));
  for (const auto& a : j.at("appointment_titles")) appointment_titles_.push_back(Fold(a.get<std::string>()));
  for (const auto& v : j.at("appointment_verbs")) appointment_verbs_.push_back(v);
  for (const auto& t : j.at("deadline_triggers")) {
    std::string word = t;
    deadline_triggers_.push_back(word);
    std::size_t next;
    text::DecodeAt(word, 0, &next);
    deadline_triggers_.push_back(text::ToUpper(word.substr(0, next)) + word.substr(next));
  }

  for (const std::string& line : Split(municipalities_txt, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = Split(line, '|');
    if (fields.size() != 4) throw std::runtime_error("municipalities.txt: bad line: " + line);
    Place place{fields[0], fields[1], fields[2], {fields[0]}};
    for (const std::string& alias : Split(fields[3], ',')) {
      if (!alias.empty()) place.aliases.push_back(alias);
    }
    places_.push_back(std::move(place));
  }
}

std::string Vocabulary::ItemType(std::string_view printed) const {
  if (printed.size() > 64) return "";
  auto it = item_types_.find(Fold(printed));
  return it == item_types_.end() ? "" : it->second;
}

std::string Vocabulary::HeadingKind(std::string_view line) const {
  // Headings are short; most body lines are not, and skip the folding.
  if (line.size() > 80 || line.empty()) return "";
  char32_t first = text::FirstCodePoint(line);
  if (!text::IsUpper(first)) return "";
  if (!heading_first_words_.count(QuickFirstWord(line))) return "";
  std::string folded = Fold(line);
  auto it = headings_.find(folded);
  if (it != headings_.end()) return it->second;
  for (const auto& [prefix, kind] : heading_prefixes_) {
    if (folded.rfind(prefix, 0) == 0) return kind;
  }
  return "";
}

std::string Vocabulary::MeetingLabel(std::string_view line, std::string* value) const {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > 24) return "";
  std::string label = Fold(line.substr(0, colon));
  for (const auto& [l, field] : labels_) {
    if (label == l) {
      *value = std::string(text::Trim(line.substr(colon + 1)));
      return field;
    }
  }
  return "";
}

bool Vocabulary::IsBodyName(std::string_view line) const {
  if (line.size() > 100 || line.empty() || line.back() == '.' || line.back() == ',') return false;
  // Not a sentence: few words, and at most two lower-case words that are
  // not the small words of names ("Udvalget for Social og Psykiatri").
  static const std::string_view kSmall[] = {"og", "for", "i", "af", "til", "med", "om", "på", "-"};
  int words = 0, lower = 0;
  for (std::size_t start = 0; start < line.size();) {
    std::size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    std::string_view word = line.substr(start, end - start);
    ++words;
    bool small = false;
    for (std::string_view s : kSmall) small |= word == s;
    if (!small && text::IsLower(text::FirstCodePoint(word))) ++lower;
    start = end + 1;
  }
  if (words > 8 || lower > 2) return false;
  for (const std::string& start : body_starts_) {
    if (line.substr(0, start.size()) == start) return true;
    // All-caps headers: "KKR SJÆLLAND", "REGION SJÆLLAND".
    if (text::IsAllCaps(line) && text::ToUpper(start) == line.substr(0, start.size())) return true;
  }
  std::string folded = Fold(line);
  for (const std::string& end : body_ends_) {
    if (folded.size() >= end.size() && folded.compare(folded.size() - end.size(), end.size(), end) == 0) return true;
  }
  return false;
}

bool Vocabulary::IsAppointmentTitle(std::string_view title) const {
  std::string folded = text::FoldForMatch(title);
  for (const std::string& a : appointment_titles_) {
    if (folded.find(a) != std::string::npos) return true;
  }
  return false;
}

}  // namespace sagsspor::packet
