// Case and journal numbers; see facts.h.

#include "packet/facts.h"
#include "packet/scan.h"

namespace sagsspor::packet {
namespace {

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// "SAG-2019-07158", "EMN-2020-01234": 2-5 capitals, then dash-separated
// digit groups, the first of 2-4 digits. Returns the end or i.
std::size_t ScanPrefixed(std::string_view t, std::size_t i) {
  std::size_t p = i;
  while (p < t.size() && IsUpperAscii(t[p]) && p - i < 5) ++p;
  if (p - i < 2 || p >= t.size() || t[p] != '-') return i;
  int groups = 0;
  while (p < t.size() && t[p] == '-' && p + 1 < t.size() && IsAsciiDigit(t[p + 1])) {
    std::size_t q = p + 1;
    while (q < t.size() && IsAsciiDigit(t[q])) ++q;
    if (groups == 0 && (q - p - 1 < 2 || q - p - 1 > 4)) return i;
    p = q;
    ++groups;
  }
  if (groups < 2 || (p < t.size() && IsWordByte(t[p]))) return i;
  return p;
}

// KLE journal numbers: "27.00.00-A00-1-20", "00.01.00-G01-12-21".
std::size_t ScanKle(std::string_view t, std::size_t i) {
  auto two = [&](std::size_t p) { return p + 1 < t.size() && IsAsciiDigit(t[p]) && IsAsciiDigit(t[p + 1]); };
  if (!(two(i) && i + 8 < t.size() && t[i + 2] == '.' && two(i + 3) && t[i + 5] == '.' && two(i + 6))) return i;
  std::size_t p = i + 8;
  if (p + 4 > t.size() || t[p] != '-' || !IsUpperAscii(t[p + 1]) || !two(p + 2)) return i;
  p += 4;
  int groups = 0;
  while (p + 1 < t.size() && t[p] == '-' && IsAsciiDigit(t[p + 1])) {
    ++p;
    while (p < t.size() && IsAsciiDigit(t[p])) ++p;
    ++groups;
  }
  if (groups < 2 || (p < t.size() && IsWordByte(t[p]))) return i;
  return p;
}

// After a label ("J.nr.", "Journalnr.", "Sagsnr.", "Sagsnummer"): a token of
// digits and dashes or dots with at least four digits.
std::size_t ScanLabelled(std::string_view t, std::size_t i) {
  std::size_t p = i, digits = 0;
  while (p < t.size() && (IsAsciiDigit(t[p]) || t[p] == '-' || t[p] == '.' || t[p] == '/' ||
                          IsUpperAscii(t[p]))) {
    digits += IsAsciiDigit(t[p]);
    ++p;
  }
  while (p > i && (t[p - 1] == '.' || t[p - 1] == '-')) --p;
  if (digits < 4 || (p < t.size() && IsWordByte(t[p]))) return i;
  return p;
}

std::size_t AfterLabel(std::string_view t, std::size_t i) {
  static const std::string_view kLabels[] = {"journalnummer", "journalnr.", "j.nr.", "j. nr.",
                                             "sagsnummer", "sagsnr.", "sags nr.", "sag nr."};
  for (std::string_view l : kLabels) {
    if (StartsWithAt(t, i, l)) {
      std::size_t p = i + l.size();
      while (p < t.size() && (t[p] == ' ' || t[p] == ':')) ++p;
      return p;
    }
  }
  return i;
}

}  // namespace

std::vector<model::CaseNumber> FindCaseNumbers(std::string_view t) {
  std::vector<model::CaseNumber> out;
  std::size_t i = 0;
  while (i < t.size()) {
    if (i > 0 && IsWordByte(t[i - 1])) {
      // Inside a word: skip to its end at once.
      while (i < t.size() && IsWordByte(t[i])) ++i;
      if (i < t.size()) ++i;
      continue;
    }
    std::size_t end = i;
    std::size_t begin = i;
    if (IsUpperAscii(t[i])) {
      end = ScanPrefixed(t, i);
    } else if (IsAsciiDigit(t[i])) {
      end = ScanKle(t, i);
    }
    // Labels: "j.nr.", "journalnr.", "sagsnr." …: j followed by '.' or
    // 'o', s followed by 'a'.
    if (end == i && i + 1 < t.size() &&
        (((t[i] == 'j' || t[i] == 'J') && (t[i + 1] == '.' || t[i + 1] == 'o')) ||
         ((t[i] == 's' || t[i] == 'S') && t[i + 1] == 'a'))) {
      std::size_t value = AfterLabel(t, i);
      if (value != i) {
        end = ScanLabelled(t, value);
        if (end != value) begin = value;
        else end = i;
      }
    }
    if (end != i) {
      out.push_back({std::string(t.substr(begin, end - begin)), std::string(t.substr(i, end - i)),
                     {-1, i, end}});
      i = end;
    } else {
      ++i;
    }
  }
  return out;
}

std::string CaseNumberLine(std::string_view line) {
  std::size_t p = 0;
  std::size_t value = AfterLabel(line, 0);
  std::size_t end;
  if (value != 0) {
    p = value;
    end = ScanLabelled(line, p);
  } else {
    end = ScanPrefixed(line, 0);
    if (end == 0) end = ScanKle(line, 0);
  }
  if (end == p) return "";
  // What follows may only be the caseworker's initials: "adr", "snm/jebj".
  for (std::size_t i = end; i < line.size(); ++i) {
    char c = line[i];
    if (!(c == ' ' || c == '/' || c == ',' || (c >= 'a' && c <= 'z') || (static_cast<unsigned char>(c) & 0x80))) {
      return "";
    }
  }
  if (line.size() - end > 24) return "";
  return std::string(line.substr(p, end - p));
}

}  // namespace sagsspor::packet
