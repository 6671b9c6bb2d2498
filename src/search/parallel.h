// Running a few pieces of one request at once.

#ifndef SAGSSPOR_SEARCH_PARALLEL_H_
#define SAGSSPOR_SEARCH_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace sagsspor::search {

// Calls fn(0) … fn(n - 1), each once, on TBB's worker threads and the
// calling thread, and returns when all have returned. The calling thread
// runs what no worker has taken, so this never waits on a busy pool. An
// exception thrown by fn is rethrown here (after all have ended).
void RunInParallel(std::size_t n, const std::function<void(std::size_t)>& fn);

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_PARALLEL_H_
