#include "search/facet_spy.h"

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

FacetSpy::FacetSpy(Xapian::valueno packed_slot, std::vector<Xapian::valueno> slots)
    : packed_slot_(packed_slot), slots_(std::move(slots)) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
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
