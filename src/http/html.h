// Building the Danish web pages: escaping and the page frame. Every piece
// of document text goes through Escape(); nothing else writes text into
// HTML.

#ifndef SAGSSPOR_HTTP_HTML_H_
#define SAGSSPOR_HTTP_HTML_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"

namespace sagsspor::http {

// `text` safe as HTML text and in double-quoted attributes: & < > " ' escaped.
std::string Escape(std::string_view text);

// `text` safe as a URL query value (percent-encoding, UTF-8 bytes).
std::string UrlEncode(std::string_view text);

// "7. september 2020"; "" for an invalid date.
std::string DanishDate(const model::Date& date);

// `text` with the byte ranges in `highlights` marked <mark>…</mark>, all
// escaped.
std::string Highlight(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& highlights);

// Paragraphs ("\n\n") as <p>, list lines ("• …") as <ul><li>, escaped.
std::string Paragraphs(std::string_view text);

// A whole page: <!doctype html>, lang="da", header with navigation and
// search form, <main> with `body` (already HTML), footer.
std::string Page(std::string_view title, std::string_view body, std::string_view query = "");

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_HTML_H_
