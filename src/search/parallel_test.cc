#include "search/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sagsspor::search {
namespace {

TEST(RunInParallel, RunsEveryTaskOnce) {
  for (std::size_t n : {0, 1, 2, 3, 8, 64}) {
    std::vector<std::atomic<int>> runs(n);
    RunInParallel(n, [&](std::size_t i) { runs[i].fetch_add(1); });
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i].load(), 1) << "task " << i << " of " << n;
  }
}

TEST(RunInParallel, RethrowsAfterEveryTaskHasEnded) {
  for (std::size_t n : {1, 2, 5}) {
    std::atomic<int> ended{0};
    EXPECT_THROW(RunInParallel(n,
                               [&](std::size_t i) {
                                 std::this_thread::sleep_for(std::chrono::milliseconds(i == 0 ? 0 : 5));
                                 ended.fetch_add(1);
                                 if (i == 0) throw std::runtime_error("task 0");
                               }),
                 std::runtime_error);
    EXPECT_EQ(ended.load(), static_cast<int>(n));
  }
}

TEST(RunInParallel, ManyCallersAtOnce) {
  std::atomic<long> sum{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 8; ++t) {
    callers.emplace_back([&] {
      for (int round = 0; round < 300; ++round) {
        if (round % 7 == 0) WakeSoon();
        RunInParallel(3, [&](std::size_t i) { sum.fetch_add(static_cast<long>(i) + 1); });
      }
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(sum.load(), 8L * 300 * (1 + 2 + 3));
}

// With a pool thread, two tasks really run at the same time: each waits
// for the other to have started.
TEST(RunInParallel, TasksRunAtTheSameTime) {
  if (PoolThreads() == 0) GTEST_SKIP() << "one core: the caller runs every task";
  for (int round = 0; round < 20; ++round) {
    if (round % 2 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));  // let the pool fall asleep
    std::atomic<int> started{0};
    std::atomic<bool> met{true};
    RunInParallel(2, [&](std::size_t) {
      started.fetch_add(1);
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      while (started.load() < 2) {
        if (std::chrono::steady_clock::now() > give_up) {
          met = false;
          return;
        }
        std::this_thread::yield();
      }
    });
    EXPECT_TRUE(met.load()) << "round " << round;
  }
}

TEST(RunInParallel, WakeSoonWithoutWorkIsHarmless) {
  for (int i = 0; i < 100; ++i) WakeSoon();
  std::atomic<int> runs{0};
  RunInParallel(4, [&](std::size_t) { runs.fetch_add(1); });
  EXPECT_EQ(runs.load(), 4);
}

}  // namespace
}  // namespace sagsspor::search
