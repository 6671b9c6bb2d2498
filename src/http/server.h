// The HTTP server: the Danish web pages, the JSON API and packet upload.
//
// Searches (pages, API, feeds, case timelines) and uploads are rate
// limited per client IP (ServerOptions::rate_limit): over the limit they
// answer 429 with Retry-After. The address is the connection's; a proxy's
// X-Forwarded-For is not trusted.
//
// Each worker thread reads through a store connection of its own, so
// reads run side by side (SQLite's WAL); each upload opens its own, so
// uploads run concurrently with reads and with each other (the store and
// the index serialise writers). Bound to loopback by default.

#ifndef SAGSSPOR_HTTP_SERVER_H_
#define SAGSSPOR_HTTP_SERVER_H_

#include <cstdint>
#include <string>

namespace sagsspor::http {

struct ServerOptions {
  std::string db = "./data";          // store directory (index in db/index)
  std::string listen = "127.0.0.1:8080";
  std::string token_file;             // bearer token for uploads; none: uploads off
  int threads = 32;  // a keep-alive connection holds a thread while open
  std::uint64_t max_upload_bytes = 64ull << 20;
  // Searches and uploads each client IP may make per second (a token
  // bucket holding one second's worth); 0: no limit. The default is far
  // above what one client needs, so only a flood meets it; lower it when
  // the server faces the internet.
  double rate_limit = 10000;
};

// Serves until SIGTERM or SIGINT, then finishes the requests under way
// and returns 0. Returns non-zero with *error set when it cannot start
// (store, token file, address).
int Serve(const ServerOptions& options, std::string* error);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_SERVER_H_
