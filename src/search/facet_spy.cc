#include "search/facet_spy.h"

#include <iterator>
#include <mutex>
#include <utility>

namespace sagsspor::search {
namespace {

constexpr char kSeparator = '\x1f';

}  // namespace

std::string PackFacets(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += kSeparator;
    out += values[i];
  }
  return out;
}

std::shared_ptr<const FacetTable> ReadFacetTable(const Xapian::Database& db, Xapian::valueno packed_slot) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const FacetTable>> tables;  // by database UUID
  const std::string uuid = db.get_uuid();
  std::lock_guard<std::mutex> lock(mutex);
  if (!uuid.empty()) {
    if (auto table = tables[uuid].lock()) return table;
  }
  auto table = std::make_shared<FacetTable>();
  table->values.push_back("");
  std::map<std::string, std::uint32_t> ids;
  table->value_of_docid.resize(db.get_lastdocid() + 1, 0);
  for (auto it = db.valuestream_begin(packed_slot); it != db.valuestream_end(packed_slot); ++it) {
    auto [entry, added] = ids.try_emplace(*it, static_cast<std::uint32_t>(table->values.size()));
    if (added) table->values.push_back(*it);
    if (it.get_docid() < table->value_of_docid.size()) table->value_of_docid[it.get_docid()] = entry->second;
  }
  for (auto it = tables.begin(); it != tables.end();) it = it->second.expired() ? tables.erase(it) : std::next(it);
  if (!uuid.empty()) tables[uuid] = table;
  return table;
}

FacetSpy::FacetSpy(Xapian::valueno packed_slot, std::vector<Xapian::valueno> slots, const FacetTable* table)
    : packed_slot_(packed_slot), slots_(std::move(slots)), table_(table) {
  if (table_) table_counts_.assign(table_->values.size(), 0);
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  if (table_) {
    const Xapian::docid id = doc.get_docid();
    if (id < table_->value_of_docid.size() && table_->value_of_docid[id] != 0) {
      ++table_counts_[table_->value_of_docid[id]];
      return;
    }
  }
  std::string value = doc.get_value(packed_slot_);
  if (value.empty()) {
    std::vector<std::string> values;
    for (Xapian::valueno slot : slots_) values.push_back(doc.get_value(slot));
    value = PackFacets(values);
  }
  if (run_length_ > 0 && value == run_value_) {
    ++run_length_;
    return;
  }
  Flush();
  run_value_ = std::move(value);
  run_length_ = 1;
}

void FacetSpy::Flush() {
  if (run_length_ > 0) packed_counts_[run_value_] += run_length_;
  run_length_ = 0;
}

void FacetSpy::AddTo(std::vector<std::map<std::string, Xapian::doccount>>* counts) {
  Flush();
  for (std::size_t i = 1; i < table_counts_.size(); ++i) {
    if (table_counts_[i] > 0) packed_counts_[table_->values[i]] += table_counts_[i];
    table_counts_[i] = 0;
  }
  counts->resize(slots_.size());
  for (const auto& [packed, n] : packed_counts_) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      std::size_t end = packed.find(kSeparator, start);
      if (end == std::string::npos) end = packed.size();
      (*counts)[i][packed.substr(start, end - start)] += n;
      start = end + 1;
      if (start > packed.size()) break;
    }
  }
}

}  // namespace sagsspor::search
