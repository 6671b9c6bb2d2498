// The words the parser recognises, loaded from data/vocabulary.json and
// data/municipalities.txt (compiled into the binary). Matching folds case
// and white space and ignores a trailing colon.

#ifndef SAGSSPOR_PACKET_VOCABULARY_H_
#define SAGSSPOR_PACKET_VOCABULARY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sagsspor::packet {

struct Place {
  std::string name;    // canonical
  std::string kind;    // "kommune" or "region"
  std::string region;  // for municipalities
  std::vector<std::string> aliases;  // including the name itself
};

class Vocabulary {
 public:
  // The vocabulary compiled into the program. Thread-safe, never fails
  // (the data files are checked by tests).
  static const Vocabulary& Default();

  // Builds a vocabulary from the texts of the two data files. Throws
  // std::runtime_error when they are malformed.
  Vocabulary(std::string_view vocabulary_json, std::string_view municipalities_txt);

  // Canonical item type ("Beslutningssag") for a printed one
  // ("BESLUTNINGSSAG", "Beslutningssag:"), or "" when unknown.
  std::string ItemType(std::string_view printed) const;

  // Canonical section kind ("indstilling") when `line` is a section
  // heading, else "". A heading is short and is a known heading word,
  // or starts with a known prefix ("Beslutning i Byrådet den …").
  std::string HeadingKind(std::string_view line) const;

  // The meeting field ("date", "start", "place", "body", "case_number")
  // whose label starts `line` ("Mødedato: 15. marts 2021"); sets *value to
  // the rest of the line. "" when the line has no known label.
  std::string MeetingLabel(std::string_view line, std::string* value) const;

  // True when `line` reads like the name of a body: it starts with a
  // body word ("KKR Sjælland", "Udvalget for Social og Psykiatri",
  // "Byrådet") or ends with one ("Psykiatri- og Socialudvalget"), is short,
  // and is not a sentence.
  bool IsBodyName(std::string_view line) const;

  // True when an item titled `title` appoints people ("Udpegning af …").
  bool IsAppointmentTitle(std::string_view title) const;
  const std::vector<std::string>& appointment_verbs() const { return appointment_verbs_; }

  // Words that make a following date a deadline ("senest", "frist" …), each
  // also with a capital first letter.
  const std::vector<std::string>& deadline_triggers() const { return deadline_triggers_; }

  const std::vector<Place>& places() const { return places_; }

 private:
  std::unordered_map<std::string, std::string> item_types_;  // folded → canonical
  std::unordered_map<std::string, std::string> headings_;    // folded → kind
  std::vector<std::pair<std::string, std::string>> heading_prefixes_;  // folded prefix, kind
  std::vector<std::pair<std::string, std::string>> labels_;  // folded label, field
  std::vector<std::string> body_starts_;
  std::vector<std::string> body_ends_;  // folded
  std::vector<std::string> appointment_titles_;
  std::vector<std::string> appointment_verbs_;
  std::vector<std::string> deadline_triggers_;
  std::vector<Place> places_;
  // First words of headings and prefixes, lower-cased cheaply (see
  // QuickFirstWord in vocabulary.cc): lines whose first word is not here
  // are not headings, without the cost of Unicode case folding.
  std::unordered_set<std::string> heading_first_words_;
};

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_VOCABULARY_H_
