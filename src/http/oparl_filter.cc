#include "http/oparl_filter.h"

#include <cstdio>
#include <ctime>

namespace sagsspor::http {
namespace {

// Reads `n` digits at *pos into *value.
bool Digits(std::string_view s, std::size_t* pos, int n, int* value) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

bool Expect(std::string_view s, std::size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

bool ParseIsoDateTime(std::string_view s, std::string* utc) {
  std::size_t p = 0;
  int year, month, day, hour, minute, second = 0;
  if (!Digits(s, &p, 4, &year) || !Expect(s, &p, '-') || !Digits(s, &p, 2, &month) || !Expect(s, &p, '-') ||
      !Digits(s, &p, 2, &day) || !Expect(s, &p, 'T') || !Digits(s, &p, 2, &hour) || !Expect(s, &p, ':') ||
      !Digits(s, &p, 2, &minute)) {
    return false;
  }
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!Digits(s, &p, 2, &second)) return false;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      const std::size_t start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
      if (p == start) return false;
    }
  }
  int offset_minutes = 0;
  if (p < s.size()) {
    const char sign = s[p];
    if (sign == 'Z' || sign == 'z') {
      ++p;
    } else if (sign == '+' || sign == '-' || sign == ' ') {
      ++p;
      int oh, om = 0;
      if (!Digits(s, &p, 2, &oh)) return false;
      if (p < s.size()) {
        if (s[p] == ':') ++p;
        if (!Digits(s, &p, 2, &om)) return false;
      }
      if (oh > 23 || om > 59) return false;
      offset_minutes = (sign == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return false;
    }
  }
  if (p != s.size()) return false;
  if (month < 1 || month > 12 || day < 1 || day > DaysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t t = timegm(&tm) - static_cast<std::time_t>(offset_minutes) * 60;
  std::tm out{};
  if (!gmtime_r(&t, &out)) return false;
  char buf[32];
  if (out.tm_year + 1900 < 0 || out.tm_year + 1900 > 9999) return false;
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  *utc = buf;
  return true;
}

}  // namespace sagsspor::http
