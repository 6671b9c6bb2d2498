// Running a few pieces of one request at once, on a small pool of threads
// kept for the purpose (one fewer than the machine has cores). Searches
// use it for their partitions; writers too, for a packet's entries and a
// merge's partitions, so a long merge in `sagsspor serve` leaves searches
// to run their pieces on their own thread meanwhile (slower, never
// stuck: the caller runs what no pool thread takes).
//
// Searches come one at a time with pauses between them, so the pool's
// threads are usually asleep when a search needs them. Waking a sleeping
// thread takes tens of microseconds, a good part of a search; TBB's
// workers, tried first, took about 0.3 ms after the process had idled for
// 20 ms (bench/search). So a request may wake the pool ahead of time
// (WakeSoon) and do its own set-up while a thread wakes; a woken thread
// then looks for work for a short while before it sleeps again, giving
// way to any other runnable thread as it does.

#ifndef SAGSSPOR_SEARCH_PARALLEL_H_
#define SAGSSPOR_SEARCH_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace sagsspor::search {

// Calls fn(0) … fn(n - 1), each once, on the pool's threads and the
// calling thread, and returns when all have returned. The calling thread
// runs whatever no pool thread has taken, so this never waits for a busy
// or sleeping pool: at worst it runs everything itself. An exception
// thrown by fn is rethrown here (the first one, after all have ended).
// Safe to call from many threads at once.
void RunInParallel(std::size_t n, const std::function<void(std::size_t)>& fn);

// Tells the pool that a RunInParallel is coming within about a
// millisecond: wakes a sleeping thread now, which then waits for work
// (yielding the core to anyone else who wants it) for a short while.
// Cheap when a thread is awake already.
void WakeSoon();

// How many threads the pool has (0 on a machine with one core).
std::size_t PoolThreads();

}  // namespace sagsspor::search

#endif  // SAGSSPOR_SEARCH_PARALLEL_H_
