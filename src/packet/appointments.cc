#include "packet/appointments.h"

#include <string_view>

#include "packet/scan.h"
#include "text/utf8.h"

namespace sagsspor::packet {
namespace {

std::size_t SkipSpaces(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

// A capitalised word (letters, hyphens, apostrophes) at i; returns its end or i.
std::size_t CapitalisedWord(std::string_view t, std::size_t i) {
  std::size_t next;
  if (i >= t.size() || !text::IsUpper(text::DecodeAt(t, i, &next))) return i;
  std::size_t end = next;
  while (end < t.size()) {
    char32_t c = text::DecodeAt(t, end, &next);
    if (!(text::IsLetter(c) || c == '-' || c == U'\'' || c == U'’')) break;
    end = next;
  }
  // A person's name has lower-case letters: "KKR" is not a name.
  std::string_view word = t.substr(i, end - i);
  if (text::IsAllCaps(word) && text::CodePointCount(word) > 1) return i;
  return end;
}

// "Henrik Hvidesten", "Anne-Marie la Cour": 2-4 capitalised words.
std::size_t PersonName(std::string_view t, std::size_t i) {
  int words = 0;
  std::size_t end = i;
  std::size_t p = i;
  while (words < 4) {
    std::size_t e = CapitalisedWord(t, p);
    if (e == p) break;
    end = e;
    ++words;
    if (e >= t.size() || t[e] != ' ') break;
    p = e + 1;
  }
  return words >= 2 ? end : i;
}

// The rest of a clause: up to ',', '.', ';' or one of the stop words.
std::size_t ClauseEnd(std::string_view t, std::size_t i, std::initializer_list<std::string_view> stops) {
  std::size_t p = i;
  while (p < t.size()) {
    char c = t[p];
    if (c == ',' || c == ';' || c == '\n' || (c == '.' && (p + 1 == t.size() || t[p + 1] == ' ' || t[p + 1] == '\n'))) break;
    if (c == ' ') {
      bool stop = false;
      for (std::string_view s : stops) {
        if (t.substr(p + 1, s.size()) == s && (p + 1 + s.size() == t.size() || t[p + 1 + s.size()] == ' ')) stop = true;
      }
      if (stop) break;
    }
    ++p;
  }
  return p;
}

std::string BodyFromTitle(const std::string& title) {
  std::size_t at = title.rfind(" til ");
  if (at == std::string::npos) return "";
  return std::string(text::Trim(std::string_view(title).substr(at + 5)));
}

void ReadAppointmentsAfter(std::string_view t, std::size_t i, const std::string& default_body,
                           int section, std::vector<model::Appointment>* out) {
  std::vector<model::Appointment> found;
  std::size_t p = SkipSpaces(t, i);
  for (;;) {
    std::size_t name_end = PersonName(t, p);
    if (name_end == p) break;
    model::Appointment a;
    a.person = std::string(t.substr(p, name_end - p));
    a.span = {section, p, name_end};
    std::size_t q = SkipSpaces(t, name_end);
    if (q < t.size() && t[q] == '(') {
      std::size_t close = t.find(')', q);
      if (close != std::string_view::npos && close - q <= 24) {
        a.organisation = std::string(t.substr(q + 1, close - q - 1));
        q = SkipSpaces(t, close + 1);
      }
    }
    if (q < t.size() && t[q] == ',') {
      std::size_t r = SkipSpaces(t, q + 1);
      std::size_t e = ClauseEnd(t, r, {"som", "og"});
      std::string_view org = text::Trim(t.substr(r, e - r));
      if (!org.empty() && org.size() <= 60 && text::IsUpper(text::FirstCodePoint(org)) &&
          PersonName(t, r) == r) {
        if (a.organisation.empty()) a.organisation = std::string(org);
        q = e < t.size() && t[e] == ',' ? SkipSpaces(t, e + 1) : SkipSpaces(t, e);
      }
    }
    a.span.end = q;
    found.push_back(std::move(a));
    if (t.substr(q, 3) == "og ") { p = q + 3; continue; }
    if (q < t.size() && t[q] == ',' ) { p = SkipSpaces(t, q + 1); continue; }
    p = q;
    break;
  }
  if (found.empty()) return;
  // "som medlem af X", "som kommunal repræsentant for … i X"
  std::string role, body;
  if (t.substr(p, 4) == "som ") {
    std::size_t r = p + 4;
    std::size_t e = ClauseEnd(t, r, {"af", "for", "i", "til", "fra", "med"});
    role = std::string(text::Trim(t.substr(r, e - r)));
    if (e < t.size() && t[e] == ' ') {
      std::size_t w = e + 1;
      std::size_t word_end = t.find(' ', w);
      std::string_view prep = t.substr(w, word_end == std::string_view::npos ? 0 : word_end - w);
      if (prep == "af" || prep == "til" || prep == "i") {
        std::size_t b = word_end + 1;
        std::size_t be = ClauseEnd(t, b, {});
        body = std::string(text::Trim(t.substr(b, be - b)));
      }
    }
  }
  if (body.empty()) body = default_body;
  for (model::Appointment& a : found) {
    a.role = role;
    a.body = body;
    out->push_back(std::move(a));
  }
}

}  // namespace

std::vector<model::Appointment> FindAppointments(const model::AgendaItem& item,
                                                 const Vocabulary& vocabulary) {
  std::vector<model::Appointment> out;
  if (!vocabulary.IsAppointmentTitle(item.title)) return out;
  const std::string default_body = BodyFromTitle(item.title);
  // Prefer the decision, then the recommendation, then the account.
  for (const char* kind : {"beslutning", "indstilling", "sagsfremstilling"}) {
    for (std::size_t s = 0; s < item.sections.size(); ++s) {
      const model::Section& section = item.sections[s];
      if (section.kind != kind) continue;
      std::string_view t = section.text;
      for (const std::string& verb : vocabulary.appointment_verbs()) {
        std::size_t at = 0;
        while ((at = t.find(verb, at)) != std::string_view::npos) {
          std::size_t end = at + verb.size();
          bool word = (at == 0 || !IsWordByte(t[at - 1])) && end < t.size() && t[end] == ' ';
          if (word) ReadAppointmentsAfter(t, end, default_body, static_cast<int>(s), &out);
          at = end;
        }
      }
    }
    if (!out.empty()) break;
  }
  return out;
}

}  // namespace sagsspor::packet
