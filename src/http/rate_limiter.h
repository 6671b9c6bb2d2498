// A token bucket per client: each client may make `rate` requests a
// second on average, and up to `burst` at once after a pause. Used by the
// server for the costly routes (searches, uploads), keyed by the client's
// IP address. Thread-safe.

#ifndef SAGSSPOR_HTTP_RATE_LIMITER_H_
#define SAGSSPOR_HTTP_RATE_LIMITER_H_

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sagsspor::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // `rate` requests/s per client (0 or less: no limit), `burst` at most
  // at once (at least 1). At most `max_clients` buckets are kept: when
  // more are needed, the buckets that are full again are dropped (they
  // hold nothing a fresh bucket would not).
  RateLimiter(double rate, double burst, std::size_t max_clients = 100000);

  // Takes a token from `client`'s bucket at time `now`. Returns true when
  // there was one; else false, with *retry_after set to the whole seconds
  // (at least 1) until there will be.
  bool Allow(const std::string& client, Clock::time_point now, int* retry_after);

  bool enabled() const { return rate_ > 0; }

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void Prune(Clock::time_point now);  // with mu_ held

  const double rate_;
  const double burst_;
  const std::size_t max_clients_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_RATE_LIMITER_H_
