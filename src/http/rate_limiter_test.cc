#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace sagsspor::http {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiterTest, BurstThenRefillAtTheRate) {
  RateLimiter limiter(2, 4);  // 2/s, 4 at once
  const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  int retry = 0;
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.Allow("10.0.0.1", t0, &retry)) << i;
  EXPECT_FALSE(limiter.Allow("10.0.0.1", t0, &retry));
  EXPECT_EQ(retry, 1);  // half a second, rounded up to whole seconds
  EXPECT_TRUE(limiter.Allow("10.0.0.2", t0, &retry));  // another client has its own bucket
  EXPECT_FALSE(limiter.Allow("10.0.0.1", t0 + milliseconds(400), &retry));
  EXPECT_TRUE(limiter.Allow("10.0.0.1", t0 + milliseconds(500), &retry));   // one token back
  EXPECT_FALSE(limiter.Allow("10.0.0.1", t0 + milliseconds(500), &retry));
  // A long pause fills the bucket, never beyond the burst.
  const auto later = t0 + std::chrono::seconds(60);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.Allow("10.0.0.1", later, &retry)) << i;
  EXPECT_FALSE(limiter.Allow("10.0.0.1", later, &retry));
}

TEST(RateLimiterTest, RetryAfterCountsWholeSeconds) {
  RateLimiter limiter(0.1, 1);  // one every ten seconds
  const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  int retry = 0;
  EXPECT_TRUE(limiter.Allow("a", t0, &retry));
  EXPECT_FALSE(limiter.Allow("a", t0, &retry));
  EXPECT_EQ(retry, 10);
  EXPECT_FALSE(limiter.Allow("a", t0 + std::chrono::seconds(5), &retry));
  EXPECT_EQ(retry, 5);
}

TEST(RateLimiterTest, ZeroIsOff) {
  RateLimiter limiter(0, 1);
  EXPECT_FALSE(limiter.enabled());
  int retry = 0;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.Allow("a", RateLimiter::Clock::time_point{}, &retry));
}

TEST(RateLimiterTest, KeepsABoundedTableOfClients) {
  RateLimiter limiter(1, 1, /*max_clients=*/2);
  const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  const auto t2 = t0 + std::chrono::seconds(2);
  int retry = 0;
  EXPECT_TRUE(limiter.Allow("a", t0, &retry));
  EXPECT_TRUE(limiter.Allow("b", t0, &retry));
  EXPECT_TRUE(limiter.Allow("b", t2, &retry));  // b is empty again; a has refilled
  // A third client makes room by dropping a's full bucket, not b's empty one.
  EXPECT_TRUE(limiter.Allow("c", t2, &retry));
  EXPECT_FALSE(limiter.Allow("b", t2, &retry));
  // With every kept bucket in use, the table is cleared rather than grown.
  EXPECT_TRUE(limiter.Allow("d", t2, &retry));
  EXPECT_TRUE(limiter.Allow("b", t2, &retry));
}

}  // namespace
}  // namespace sagsspor::http
