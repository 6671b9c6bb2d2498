// The HTTP server: the Danish web pages, the JSON API and packet upload.
//
// Reads go through one shared store connection; each upload opens its
// own, so uploads run concurrently with reads and with each other (the
// store and the index serialise writers). Bound to loopback by default.

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
};

// Serves until SIGTERM or SIGINT, then finishes the requests under way
// and returns 0. Returns non-zero with *error set when it cannot start
// (store, token file, address).
int Serve(const ServerOptions& options, std::string* error);

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_SERVER_H_
