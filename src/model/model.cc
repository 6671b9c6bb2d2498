#include "model/model.h"

#include <fmt/format.h>

namespace sagsspor::model {

std::string Date::iso() const {
  if (year == 0) return fmt::format("--{:02}-{:02}", month, day);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

}  // namespace sagsspor::model
