// The meeting model: plain data produced by the packet parser, kept by the
// store and shown by the CLI and the server. No behaviour lives here.
//
// Positions are byte offsets into the text of the section (or document)
// the fact was read from, so every extracted fact can be traced back.

#ifndef SAGSSPOR_MODEL_MODEL_H_
#define SAGSSPOR_MODEL_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sagsspor::model {

// A calendar date; year 0 means "not given" (e.g. "d. 15/10").
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  bool operator==(const Date&) const = default;
  bool valid() const { return month >= 1 && month <= 12 && day >= 1 && day <= 31; }
  std::string iso() const;  // "YYYY-MM-DD", or "--MM-DD" when year is unknown
  std::string compact() const;  // "YYYYMMDD" (sortable; iCalendar's DATE)
  static Date Today();  // in local time
};

// Where a fact was read: byte range [begin, end) in the text of section
// number `section` of its item, or in the document text when section < 0.
struct Span {
  int section = -1;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct DateMention {
  Date date;
  std::string text;  // as printed
  Span span;
};

// A date by which something must happen ("senest den 1. december").
struct Deadline {
  Date date;
  std::string text;  // the sentence fragment that states the deadline
  Span span;
};

// An amount of money or a per-unit amount, exact: value is a decimal
// string ("1750000", "0.83") so no precision is lost on the way to JSON.
struct Amount {
  std::string value;  // canonical decimal in the unit below
  std::string unit;   // "kr." or "kr. pr. indbygger", "kr. pr. borger" …
  std::string text;   // as printed ("1,75 mio. kr.")
  Span span;
};

struct Percentage {
  std::string value;  // canonical decimal ("12.5")
  std::string text;
  Span span;
};

// A case or journal number ("SAG-2019-07158", "27.00.00-A00-1-20").
struct CaseNumber {
  std::string number;  // normalised, without the caseworker initials
  std::string text;    // as printed
  Span span;
};

// One of the 98 municipalities or 5 regions, as mentioned.
struct PlaceMention {
  std::string name;  // canonical name ("Lyngby-Taarbæk", "Region Sjælland")
  std::string kind;  // "kommune" or "region"
  Span span;
};

// A person appointed or recommended to a body.
struct Appointment {
  std::string person;
  std::string organisation;  // party, municipality or organisation
  std::string body;          // the body appointed to
  std::string role;          // "medlem", "kommunal repræsentant" …
  Span span;
};

struct Facts {
  std::vector<CaseNumber> case_numbers;
  std::vector<DateMention> dates;
  std::vector<Deadline> deadlines;
  std::vector<Amount> amounts;
  std::vector<Percentage> percentages;
  std::vector<PlaceMention> places;
  std::vector<Appointment> appointments;
};

struct Section {
  std::string heading;  // as printed, on one line ("Baggrund", "INDSTILLING")
  std::string kind;     // canonical ("baggrund", "indstilling", "beslutning" …)
  std::string text;     // paragraphs separated by "\n\n", list items by "\n"
};

// A line range in the source, 1-based and inclusive; pages 0 when unknown.
struct Extent {
  int first_page = 0;
  int last_page = 0;
  int first_line = 0;
  int last_line = 0;
};

struct AgendaItem {
  std::string id;           // stable, "<meeting id>-<number>"
  std::string number;       // as printed without the trailing dot ("1.1", "7")
  std::string title;        // as printed, joined onto one line
  std::string type;         // canonical ("Beslutningssag"), empty if none
  std::string type_printed; // as printed ("BESLUTNINGSSAG"), empty if none
  std::string case_number;  // the item's own case number line, normalised
  std::string heading;      // the group heading the item stands under, if any
  std::vector<Section> sections;
  std::vector<std::string> attachments;  // titles the item lists as bilag
  Facts facts;
  Extent extent;
};

// An attachment or any packet without an agenda.
struct Document {
  std::string id;
  std::string title;
  std::vector<std::string> headings;
  std::string text;
  std::string meeting_id;  // empty when no link is shown
  std::string item_id;     // empty when no link is shown
  Facts facts;
  Extent extent;
};

struct Meeting {
  std::string id;           // stable, "<body slug>-<YYYY-MM-DD>"
  std::string body;         // "KKR Sjælland"
  Date date;
  std::string start;        // "HH:MM", empty if unknown
  std::string place;        // joined onto one line
  std::string case_number;
  std::vector<AgendaItem> items;
  std::vector<Document> documents;  // attachments appended to the packet
};

// Where a packet came from.
struct Source {
  std::string file;    // path as given to ingest
  std::string sha256;  // of the file's bytes
  std::uint64_t bytes = 0;
  int pages = 0;       // 0 for text files
  std::string encoding;  // "UTF-8", "windows-1252" … ("pdf" for PDFs)
};

// Everything read from one file.
struct Packet {
  Source source;
  std::string layout;  // name of the layout that parsed it, "" if none
  std::vector<Meeting> meetings;
  std::vector<Document> documents;  // documents not tied to a meeting
  std::vector<std::string> warnings;
  // The file's bytes, which the store keeps so the original can be served;
  // empty when not at hand. Not part of the JSON form.
  std::string original;
};

}  // namespace sagsspor::model

#endif  // SAGSSPOR_MODEL_MODEL_H_
