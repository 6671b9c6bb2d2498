#include "http/html.h"

#include <fmt/format.h>

namespace sagsspor::http {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string DanishDate(const model::Date& d) {
  static const char* kMonths[] = {"januar", "februar", "marts", "april", "maj", "juni", "juli",
                                  "august", "september", "oktober", "november", "december"};
  if (!d.valid()) return "";
  if (d.year == 0) return fmt::format("{}. {}", d.day, kMonths[d.month - 1]);
  return fmt::format("{}. {} {}", d.day, kMonths[d.month - 1], d.year);
}

std::string Highlight(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& highlights) {
  std::string out;
  std::size_t last = 0;
  for (const auto& [b, e] : highlights) {
    if (b < last || e > text.size() || b > e) continue;
    out += Escape(text.substr(last, b - last)) + "<mark>" + Escape(text.substr(b, e - b)) + "</mark>";
    last = e;
  }
  out += Escape(text.substr(last));
  return out;
}

std::string Paragraphs(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view block = text.substr(start, end - start);
    if (block.rfind("• ", 0) == 0) {
      out += "<ul>";
      std::size_t line_start = 0;
      while (line_start < block.size()) {
        std::size_t nl = block.find('\n', line_start);
        if (nl == std::string_view::npos) nl = block.size();
        std::string_view line = block.substr(line_start, nl - line_start);
        if (line.rfind("• ", 0) == 0) line.remove_prefix(4);
        out += "<li>" + Escape(line) + "</li>";
        line_start = nl + 1;
      }
      out += "</ul>";
    } else if (!block.empty()) {
      out += "<p>" + Escape(block) + "</p>";
    }
    start = end + 2;
  }
  return out;
}

std::string Page(std::string_view title, std::string_view body, std::string_view query) {
  return fmt::format(
      R"(<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} – Sagsspor</title>
<link rel="stylesheet" href="/static/sagsspor.css">
<link rel="stylesheet" href="/static/print.css" media="print">
</head>
<body>
<a class="skip" href="#indhold">Spring til indhold</a>
<header>
<nav aria-label="Hovedmenu"><a href="/" class="logo">Sagsspor</a> <a href="/">Forside</a> <a href="/frister">Frister</a> <a href="/personer">Personer</a></nav>
<form role="search" action="/soeg" method="get">
<label for="q">Søg i dagsordener og bilag</label>
<input id="q" name="q" type="search" value="{}">
<button type="submit">Søg</button>
</form>
</header>
<main id="indhold">
{}
</main>
<footer><p>Sagsspor – mødesager fra kommuner, regioner og KKR.</p></footer>
</body>
</html>
)",
      Escape(title), Escape(query), body);
}

}  // namespace sagsspor::http
