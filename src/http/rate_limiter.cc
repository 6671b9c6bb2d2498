#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace sagsspor::http {

RateLimiter::RateLimiter(double rate, double burst, std::size_t max_clients)
    : rate_(rate), burst_(std::max(1.0, burst)), max_clients_(std::max<std::size_t>(1, max_clients)) {}

bool RateLimiter::Allow(const std::string& client, Clock::time_point now, int* retry_after) {
  if (rate_ <= 0) return true;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) Prune(now);
    it = buckets_.emplace(client, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  if (now > b.updated) {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.updated = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  *retry_after = std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate_)));
  return false;
}

void RateLimiter::Prune(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.updated).count();
    if (it->second.tokens + elapsed * rate_ >= burst_) it = buckets_.erase(it);
    else ++it;
  }
  // Every client is busy: forget the whole table rather than grow it
  // without bound (the clients start again from full buckets).
  if (buckets_.size() >= max_clients_) buckets_.clear();
}

}  // namespace sagsspor::http
