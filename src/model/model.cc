#include "model/model.h"

#include <fmt/format.h>

#include <ctime>

namespace sagsspor::model {

std::string Date::iso() const {
  if (year == 0) return fmt::format("--{:02}-{:02}", month, day);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string Date::compact() const { return fmt::format("{:04}{:02}{:02}", year, month, day); }

Date Date::Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace sagsspor::model
