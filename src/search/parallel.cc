#include "search/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <sched.h>
#include <unistd.h>

namespace sagsspor::search {
namespace {

using Clock = std::chrono::steady_clock;

// How long a woken thread, or a thread that just finished a task, looks
// for more work before it sleeps: longer than a search's set-up and its
// steps between two RunInParallel calls.
constexpr auto kLookFor = std::chrono::microseconds(1500);
// How long a caller whose own share is done waits for the pool's share
// by yielding before it sleeps.
constexpr auto kCallerYields = std::chrono::microseconds(300);
// At most this many threads, whatever the machine (the index has at most
// eight partitions).
constexpr unsigned kMaxThreads = 7;

// One RunInParallel call.
struct Batch {
  Batch(std::size_t count, const std::function<void(std::size_t)>* function)
      : fn(function), n(count), unfinished(count) {}
  const std::function<void(std::size_t)>* fn;  // outlives the batch's tasks: the caller waits for them
  const std::size_t n;
  std::size_t next = 0;  // the next task to hand out; guarded by Pool::mu_
  std::atomic<std::size_t> unfinished;
  std::mutex done_mu;
  std::condition_variable done_cv;
  std::exception_ptr error;  // the first task's exception; guarded by done_mu
};

void Execute(Batch& batch, std::size_t i) {
  try {
    (*batch.fn)(i);
  } catch (...) {
    std::lock_guard<std::mutex> lock(batch.done_mu);
    if (!batch.error) batch.error = std::current_exception();
  }
  if (batch.unfinished.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    std::lock_guard<std::mutex> lock(batch.done_mu);
    batch.done_cv.notify_all();
  }
}

class Pool {
 public:
  // Never destroyed: its threads may still run while static objects are
  // destroyed at exit.
  static Pool& Get() {
    static Pool* pool = new Pool();
    return *pool;
  }

  std::size_t threads() const { return threads_; }

  void Run(std::size_t n, const std::function<void(std::size_t)>& fn) {
    auto batch = std::make_shared<Batch>(n, &fn);
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(batch);
      pending_.fetch_add(n, std::memory_order_relaxed);
    }
    LookForWorkUntil(Clock::now() + kLookFor);
    if (sleeping_.load(std::memory_order_relaxed) > 0) {
      KeepOffThisCpu();
      cv_.notify_all();
    }
    for (std::size_t i; Claim(batch.get(), &i);) Execute(*batch, i);
    // What the pool took: wait for it, yielding at first, as it takes
    // about as long as the caller's own share did.
    const auto stop_yielding = Clock::now() + kCallerYields;
    while (batch->unfinished.load(std::memory_order_acquire) != 0 && Clock::now() < stop_yielding) {
      std::this_thread::yield();
    }
    {
      std::unique_lock<std::mutex> lock(batch->done_mu);
      batch->done_cv.wait(lock, [&] { return batch->unfinished.load(std::memory_order_acquire) == 0; });
    }
    if (batch->error) std::rethrow_exception(batch->error);
  }

  void WakeSoon() {
    LookForWorkUntil(Clock::now() + kLookFor);
    if (sleeping_.load(std::memory_order_relaxed) == 0) return;  // one is looking already
    KeepOffThisCpu();
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++wakes_;
    }
    cv_.notify_one();
  }

 private:
  Pool() {
    // The cores this process may use (taskset, cgroups), not all there are.
    CPU_ZERO(&allowed_);
    unsigned cores = 0;
    if (sched_getaffinity(0, sizeof allowed_, &allowed_) == 0) cores = static_cast<unsigned>(CPU_COUNT(&allowed_));
    if (cores == 0) cores = std::max(1u, std::thread::hardware_concurrency());
    threads_ = std::min(cores - 1, kMaxThreads);
    for (std::size_t t = 0; t < threads_; ++t) std::thread([this] { Work(); }).detach();
  }

  void LookForWorkUntil(Clock::time_point until) {
    const auto ticks = until.time_since_epoch().count();
    auto current = look_until_.load(std::memory_order_relaxed);
    while (current < ticks && !look_until_.compare_exchange_weak(current, ticks, std::memory_order_relaxed)) {
    }
  }

  // Lets the pool's threads run anywhere but on the calling thread's
  // core. Woken there, a thread would only wait for the caller to finish
  // the very work it was woken to share, and Linux often wakes a thread
  // on the waker's core when the other cores have been idle.
  void KeepOffThisCpu() {
    const int cpu = sched_getcpu();
    if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &allowed_)) return;
    cpu_set_t others = allowed_;
    CPU_CLR(cpu, &others);
    std::lock_guard<std::mutex> lock(tids_mu_);
    for (pid_t tid : tids_) sched_setaffinity(tid, sizeof others, &others);  // best effort
  }

  bool Looking() const {
    return Clock::now().time_since_epoch().count() < look_until_.load(std::memory_order_relaxed);
  }

  // Hands out the next task of `batch`, if any is left.
  bool Claim(Batch* batch, std::size_t* i) {
    std::lock_guard<std::mutex> lock(mu_);
    if (batch->next >= batch->n) return false;
    TakeFrom(batch, i);
    return true;
  }

  // Hands out the next task of the oldest batch. Needs mu_.
  std::shared_ptr<Batch> TakeAny(std::size_t* i) {
    std::shared_ptr<Batch> batch = queue_.front();
    TakeFrom(batch.get(), i);
    return batch;
  }

  // Needs mu_.
  void TakeFrom(Batch* batch, std::size_t* i) {
    *i = batch->next++;
    pending_.fetch_sub(1, std::memory_order_relaxed);
    if (batch->next == batch->n) {
      auto it = std::find_if(queue_.begin(), queue_.end(), [&](const auto& b) { return b.get() == batch; });
      if (it != queue_.end()) queue_.erase(it);
    }
  }

  void Work() {
    {
      std::lock_guard<std::mutex> lock(tids_mu_);
      tids_.push_back(gettid());
    }
    std::size_t wakes_seen = 0;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      if (!queue_.empty()) {
        std::size_t i;
        std::shared_ptr<Batch> batch = TakeAny(&i);
        lock.unlock();
        Execute(*batch, i);
        batch.reset();
        lock.lock();
        continue;
      }
      // Nothing queued: look for work a while, giving the core to anyone
      // else who wants it, then sleep.
      lock.unlock();
      while (pending_.load(std::memory_order_relaxed) == 0 && Looking()) std::this_thread::yield();
      lock.lock();
      if (!queue_.empty()) continue;
      sleeping_.fetch_add(1, std::memory_order_relaxed);
      cv_.wait(lock, [&] { return !queue_.empty() || wakes_ != wakes_seen; });
      sleeping_.fetch_sub(1, std::memory_order_relaxed);
      wakes_seen = wakes_;
    }
  }

  cpu_set_t allowed_;  // the cores the process may run on
  std::size_t threads_ = 0;
  std::mutex tids_mu_;
  std::vector<pid_t> tids_;  // the pool's threads, as the kernel knows them; guarded by tids_mu_
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Batch>> queue_;  // batches with tasks not yet handed out; guarded by mu_
  std::size_t wakes_ = 0;                     // WakeSoon calls that woke a thread; guarded by mu_
  std::atomic<std::size_t> pending_{0};       // tasks queued for the pool, for looking without mu_
  std::atomic<int> sleeping_{0};
  std::atomic<Clock::rep> look_until_{0};  // Clock ticks
};

}  // namespace

void RunInParallel(std::size_t n, const std::function<void(std::size_t)>& fn) {
  if (n == 0) return;
  Pool& pool = Pool::Get();
  if (n > 1 && pool.threads() > 0) return pool.Run(n, fn);
  Batch batch(n, &fn);  // the caller runs every task, with the pool's rule for exceptions
  for (std::size_t i = 0; i < n; ++i) Execute(batch, i);
  if (batch.error) std::rethrow_exception(batch.error);
}

void WakeSoon() {
  Pool& pool = Pool::Get();
  if (pool.threads() > 0) pool.WakeSoon();
}

std::size_t PoolThreads() { return Pool::Get().threads(); }

}  // namespace sagsspor::search
