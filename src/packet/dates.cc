// Dates and deadlines; see facts.h.

#include <array>
#include <cstring>

#include "packet/facts.h"
#include "packet/scan.h"
#include "packet/vocabulary.h"

namespace sagsspor::packet {
namespace {

struct MonthName {
  const char* name;
  int month;
};
// Longest first so "sept." is not read as "sep".
constexpr std::array<MonthName, 24> kMonths = {{
    {"september", 9}, {"november", 11}, {"december", 12}, {"februar", 2}, {"oktober", 10},
    {"januar", 1},    {"august", 8},    {"marts", 3},     {"april", 4},   {"juni", 6},
    {"juli", 7},      {"maj", 5},       {"sept.", 9},     {"jan.", 1},    {"feb.", 2},
    {"mar.", 3},      {"apr.", 4},      {"jun.", 6},      {"jul.", 7},    {"aug.", 8},
    {"sep.", 9},      {"okt.", 10},     {"nov.", 11},     {"dec.", 12},
}};

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && year != 0) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool Valid(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  if (year != 0 && (year < 1900 || year > 2200)) return false;
  return day <= DaysInMonth(year, month);
}

// Matches a month name at `i` (case-insensitive ASCII plus æøå as is).
int MatchMonth(std::string_view text, std::size_t i, std::size_t* end) {
  for (const MonthName& m : kMonths) {
    std::size_t n = std::strlen(m.name);
    if (i + n > text.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < n && same; ++k) {
      same = AsciiLower(text[i + k]) == AsciiLower(m.name[k]);
    }
    if (!same) continue;
    // A whole word: "marts" but not "martsmødet"... which is still March.
    // Only refuse when a letter follows a name that does not end in '.'.
    if (m.name[n - 1] != '.' && i + n < text.size() && IsAsciiAlpha(text[i + n])) continue;
    *end = i + n;
    return m.month;
  }
  return 0;
}

bool PrecededByDayWord(std::string_view text, std::size_t i) {
  // "d. 15/10", "den 15/10"
  std::size_t j = i;
  while (j > 0 && text[j - 1] == ' ') --j;
  auto ends_with = [&](std::string_view w) {
    return j >= w.size() && text.substr(j - w.size(), w.size()) == w &&
           (j == w.size() || !IsAsciiAlpha(text[j - w.size() - 1]));
  };
  return ends_with("d.") || ends_with("den") || ends_with("Den") || ends_with("D.");
}

}  // namespace

std::vector<model::DateMention> FindDates(std::string_view text) {
  std::vector<model::DateMention> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && !IsAsciiDigit(text[i])) ++i;  // dates start with a digit
    if (i >= n) break;
    if (!IsAsciiDigit(text[i]) || (i > 0 && (IsAsciiDigit(text[i - 1]) || IsAsciiAlpha(text[i - 1]) ||
                                             text[i - 1] == '.' || text[i - 1] == ','))) {
      ++i;
      continue;
    }
    std::size_t p = i;
    int a = ReadInt(text, &p, 4);
    int a_digits = static_cast<int>(p - i);
    model::Date date;
    std::size_t end = 0;
    if (a_digits == 4 && p + 5 < n && text[p] == '-') {
      // 2020-09-07
      std::size_t q = p + 1;
      int m = ReadInt(text, &q, 2);
      if (q - p - 1 == 2 && q < n && text[q] == '-') {
        std::size_t r = q + 1;
        int d = ReadInt(text, &r, 2);
        if (r - q - 1 == 2 && Valid(a, m, d) && (r == n || !IsAsciiDigit(text[r]))) {
          date = {a, m, d};
          end = r;
        }
      }
    } else if (a_digits <= 2 && p < n) {
      char sep = text[p];
      if (sep == '.' && p + 1 < n && text[p + 1] == ' ') {
        // 7. september 2020
        std::size_t q = p + 1;
        while (q < n && text[q] == ' ') ++q;
        std::size_t after_month;
        int m = MatchMonth(text, q, &after_month);
        if (m) {
          std::size_t r = after_month;
          int year = 0;
          std::size_t s = r;
          while (s < n && text[s] == ' ') ++s;
          std::size_t t = s;
          int y = ReadInt(text, &t, 4);
          if (t - s == 4 && (t == n || !IsAsciiDigit(text[t]))) {
            year = y;
            r = t;
          }
          if (Valid(year, m, a)) {
            date = {year, m, a};
            end = r;
          }
        }
      } else if (sep == '-' || sep == '.' || sep == '/') {
        // 07-09-2020, 1.1.2021, 15/10-2020, 15/10/2020, d. 15/10
        std::size_t q = p + 1;
        int m = ReadInt(text, &q, 2);
        int m_digits = static_cast<int>(q - p - 1);
        if (m_digits >= 1) {
          int year = 0;
          std::size_t r = q;
          if (q < n && (text[q] == sep || (sep == '/' && text[q] == '-'))) {
            std::size_t s = q + 1;
            int y = ReadInt(text, &s, 4);
            if (s - q - 1 == 4 && (s == n || !IsAsciiDigit(text[s]))) {
              year = y;
              r = s;
            } else if (s - q - 1 == 2 && sep == '/' && (s == n || !IsAsciiDigit(text[s]))) {
              year = 2000 + y;
              r = s;
            }
          }
          bool short_ok = year == 0 && sep == '/' && PrecededByDayWord(text, i) &&
                          (r == n || !IsAsciiDigit(text[r]));
          if ((year != 0 || short_ok) && Valid(year, m, a)) {
            date = {year, m, a};
            end = r;
          }
        }
      }
    }
    if (end) {
      out.push_back({date, std::string(text.substr(i, end - i)), {-1, i, end}});
      i = end;
    } else {
      i = p > i ? p : i + 1;
    }
  }
  return out;
}

std::vector<model::Deadline> FindDeadlines(std::string_view text, const model::Date& context) {
  return FindDeadlines(text, FindDates(text), context, Vocabulary::Default().deadline_triggers());
}

std::vector<model::Deadline> FindDeadlines(std::string_view text,
                                           const std::vector<model::DateMention>& dates,
                                           const model::Date& context,
                                           const std::vector<std::string>& triggers) {
  std::vector<model::Deadline> out;
  for (const model::DateMention& d : dates) {
    // The trigger must stand in the same sentence, shortly before the date.
    constexpr std::size_t kWindow = 48;
    std::size_t from = d.span.begin > kWindow ? d.span.begin - kWindow : 0;
    std::string_view before = text.substr(from, d.span.begin - from);
    std::size_t stop = before.find_last_of(";:!?\n");
    std::size_t sentence = before.rfind(". ");
    // "d. 15/10" and "kl." end with ". " but do not end a sentence.
    while (sentence != std::string_view::npos && sentence > 0 &&
           (IsAsciiDigit(before[sentence - 1]) || before.substr(0, sentence).ends_with(" d") ||
            before.substr(0, sentence).ends_with(" kl") || before.substr(0, sentence).ends_with("pkt"))) {
      sentence = sentence == 0 ? std::string_view::npos : before.rfind(". ", sentence - 1);
    }
    std::size_t cut = 0;
    if (stop != std::string_view::npos) cut = stop + 1;
    if (sentence != std::string_view::npos && sentence + 2 > cut) cut = sentence + 2;
    // The earliest whole word in the window that is a trigger.
    std::size_t best = std::string_view::npos;
    for (std::size_t w = cut; w < before.size() && best == std::string_view::npos;) {
      while (w < before.size() && !IsWordByte(before[w])) ++w;
      std::size_t e = w;
      while (e < before.size() && IsWordByte(before[e])) ++e;
      std::string_view word = before.substr(w, e - w);
      for (const std::string& t : triggers) {
        if (t.size() == word.size() && t[0] == word[0] && word == t) {
          best = w;
          break;
        }
      }
      w = e;
    }
    if (best == std::string_view::npos) continue;
    model::Deadline deadline;
    deadline.date = d.date;
    if (deadline.date.year == 0 && context.year != 0) {
      deadline.date.year = context.year;
      if (deadline.date.month < context.month ||
          (deadline.date.month == context.month && deadline.date.day < context.day)) {
        ++deadline.date.year;
      }
      if (!Valid(deadline.date.year, deadline.date.month, deadline.date.day)) continue;
    }
    std::size_t begin = from + best;
    deadline.text = std::string(text.substr(begin, d.span.end - begin));
    deadline.span = {-1, begin, d.span.end};
    out.push_back(std::move(deadline));
  }
  return out;
}

}  // namespace sagsspor::packet
