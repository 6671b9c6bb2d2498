// Amounts and percentages; see facts.h.

#include "packet/facts.h"
#include "packet/scan.h"

namespace sagsspor::packet {
namespace {

// A Danish number at i: "700.000", "1,75", "4.400,5", "12". Returns its
// end, or i when there is none. Thousands groups must have three digits.
std::size_t ScanNumber(std::string_view t, std::size_t i) {
  std::size_t p = i;
  while (p < t.size() && IsAsciiDigit(t[p])) ++p;
  if (p == i) return i;
  while (p + 3 < t.size() + 0 && t[p] == '.' && IsAsciiDigit(t[p + 1]) && IsAsciiDigit(t[p + 2]) &&
         IsAsciiDigit(t[p + 3]) && (p + 4 == t.size() || !IsAsciiDigit(t[p + 4]))) {
    p += 4;
  }
  if (p + 1 < t.size() && t[p] == ',' && IsAsciiDigit(t[p + 1])) {
    ++p;
    while (p < t.size() && IsAsciiDigit(t[p])) ++p;
  }
  return p;
}

std::size_t SkipSpaces(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

// Matches one of `words` (case-insensitive, ending at a word boundary or
// with its own '.') at i; returns the end or i.
std::size_t MatchWord(std::string_view t, std::size_t i, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (!StartsWithAt(t, i, w)) continue;
    std::size_t end = i + w.size();
    if (w.back() == '.' || end == t.size() || !IsWordByte(t[end])) return end;
  }
  return i;
}

struct Multiplier {
  std::size_t end;
  int shift;
};

Multiplier MatchMultiplier(std::string_view t, std::size_t i) {
  std::size_t e;
  if ((e = MatchWord(t, i, {"milliarder", "milliard", "mia.", "mia", "mrd."})) != i) return {e, 9};
  if ((e = MatchWord(t, i, {"millioner", "million", "mio.", "mio", "mill."})) != i) return {e, 6};
  if ((e = MatchWord(t, i, {"tusinde", "tusind", "t."})) != i) return {e, 3};
  return {i, 0};
}

std::size_t MatchKroner(std::string_view t, std::size_t i) {
  return MatchWord(t, i, {"kroner", "kr.", "kr", "dkk"});
}

// " pr. indbygger", " pr. borger" … after an amount; returns the end or i.
std::size_t MatchPerUnit(std::string_view t, std::size_t i, std::string* unit) {
  std::size_t p = SkipSpaces(t, i);
  std::size_t e = MatchWord(t, p, {"pr.", "per", "om"});
  if (e == p && i < t.size() && t[i] == '/') e = i + 1;  // "kr./indbygger"
  if (e == p) return i;
  std::size_t w = SkipSpaces(t, e);
  std::size_t end = w;
  while (end < t.size() && (IsWordByte(t[end]) || t[end] == '-')) ++end;
  if (end == w) return i;
  *unit += " pr. " + std::string(t.substr(w, end - w));
  return end;
}

}  // namespace

std::string DanishNumberToDecimal(std::string_view printed, int shift) {
  std::string digits;
  int fraction_digits = 0;
  bool in_fraction = false;
  for (char c : printed) {
    if (IsAsciiDigit(c)) {
      digits.push_back(c);
      if (in_fraction) ++fraction_digits;
    } else if (c == ',' && !in_fraction) {
      in_fraction = true;
    } else if (c != '.') {
      return "";
    }
  }
  if (digits.empty()) return "";
  int point = static_cast<int>(digits.size()) - fraction_digits + shift;
  while (point > static_cast<int>(digits.size())) digits.push_back('0');
  std::string integer = digits.substr(0, point);
  std::string fraction = digits.substr(point);
  while (integer.size() > 1 && integer[0] == '0') integer.erase(0, 1);
  if (integer.empty()) integer = "0";
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? integer : integer + "." + fraction;
}

std::vector<model::Amount> FindAmounts(std::string_view t) {
  std::vector<model::Amount> out;
  std::size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && !IsAsciiDigit(t[i])) ++i;  // amounts hold a digit
    if (i >= t.size()) break;
    // Prefix form: "kr. 700.000", "DKK 1.000".
    if (i >= 3 && t[i - 1] == ' ' && (i == 0 || !IsAsciiDigit(t[i - 1]))) {
      std::size_t k = i - 1;
      while (k > 0 && t[k - 1] == ' ') --k;
      std::size_t word = k;
      while (word > 0 && (IsAsciiAlpha(t[word - 1]) || t[word - 1] == '.')) --word;
      if (word < k && (word == 0 || !IsWordByte(t[word - 1])) && MatchKroner(t, word) == k) {
        std::size_t n1 = ScanNumber(t, i);
        Multiplier m = MatchMultiplier(t, SkipSpaces(t, n1));
        std::size_t end = m.shift ? m.end : n1;
        std::string value = DanishNumberToDecimal(t.substr(i, n1 - i), m.shift);
        if (!value.empty()) {
          std::string unit = "kr.";
          end = MatchPerUnit(t, end, &unit);
          out.push_back({value, unit, std::string(t.substr(word, end - word)), {-1, word, end}});
          i = end;
          continue;
        }
      }
    }
    if (i > 0 && (IsWordByte(t[i - 1]) || t[i - 1] == ',' || t[i - 1] == '.')) {
      ++i;
      continue;
    }
    std::size_t n1 = ScanNumber(t, i);
    std::size_t p = SkipSpaces(t, n1);
    Multiplier m = MatchMultiplier(t, p);
    if (m.shift) p = SkipSpaces(t, m.end);
    std::size_t k = MatchKroner(t, p);
    // "250 t.kr." / "250 tkr."
    if (k == p && !m.shift) {
      std::size_t tk = MatchWord(t, p, {"t.kr.", "tkr.", "t.kr", "tkr"});
      if (tk != p) {
        m.shift = 3;
        k = tk;
      }
    }
    if (k == p) {
      i = n1 > i ? n1 : i + 1;
      continue;
    }
    std::string value = DanishNumberToDecimal(t.substr(i, n1 - i), m.shift);
    if (value.empty()) {
      i = n1;
      continue;
    }
    std::string unit = "kr.";
    std::size_t end = MatchPerUnit(t, k, &unit);
    out.push_back({value, unit, std::string(t.substr(i, end - i)), {-1, i, end}});
    i = end;
  }
  return out;
}

std::vector<model::Percentage> FindPercentages(std::string_view t) {
  std::vector<model::Percentage> out;
  std::size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && !IsAsciiDigit(t[i])) ++i;
    if (i >= t.size()) break;
    if (i > 0 && (IsWordByte(t[i - 1]) || t[i - 1] == ',' || t[i - 1] == '.')) {
      ++i;
      continue;
    }
    std::size_t n1 = ScanNumber(t, i);
    std::size_t p = SkipSpaces(t, n1);
    std::size_t e = p < t.size() && t[p] == '%' ? p + 1 : MatchWord(t, p, {"pct.", "pct", "procent"});
    if (e != p) {
      std::string value = DanishNumberToDecimal(t.substr(i, n1 - i), 0);
      if (!value.empty()) out.push_back({value, std::string(t.substr(i, e - i)), {-1, i, e}});
      i = e;
    } else {
      i = n1 > i ? n1 : i + 1;
    }
  }
  return out;
}

}  // namespace sagsspor::packet
