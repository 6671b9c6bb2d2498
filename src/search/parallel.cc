#include "search/parallel.h"

#include <tbb/task_group.h>

namespace sagsspor::search {

void RunInParallel(std::size_t n, const std::function<void(std::size_t)>& fn) {
  if (n == 0) return;
  if (n == 1) {
    fn(0);
    return;
  }
  tbb::task_group group;
  for (std::size_t i = 1; i < n; ++i) group.run([&fn, i] { fn(i); });
  try {
    fn(0);
  } catch (...) {
    group.wait();
    throw;
  }
  group.wait();
}

}  // namespace sagsspor::search
