#include "http/server.h"

#include <httplib.h>
#include <nettle/memops.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "cases/case_timeline.h"
#include "cases/timeline_json.h"
#include "http/download.h"
#include "http/feeds.h"
#include "http/html.h"
#include "http/oparl.h"
#include "http/oparl_filter.h"
#include "http/pages.h"
#include "http/rate_limiter.h"
#include "http/static_files.h"
#include "ingest/ingest.h"
#include "model/json.h"
#include "search/results_json.h"
#include "store/sqlite_store.h"
#include "text/utf8.h"

namespace sagsspor::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

model::Date ParamDate(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? model::DateFromIso(req.get_param_value(name)) : model::Date{};
}

int ParamInt(const httplib::Request& req, const char* name, int fallback, int lo, int hi) {
  if (!req.has_param(name)) return fallback;
  try {
    return std::clamp(std::stoi(req.get_param_value(name)), lo, hi);
  } catch (const std::exception&) {
    return fallback;
  }
}

void Html(httplib::Response& res, const std::string& html, int status = 200) {
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

void Json(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(), "application/json; charset=utf-8");
}

// The bearer token, compared in constant time.
bool Authorized(const httplib::Request& req, const std::string& token) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (token.empty() || header.size() != prefix.size() + token.size() || header.rfind(prefix, 0) != 0) return false;
  return memeql_sec(header.data() + prefix.size(), token.data(), token.size()) != 0;
}

search::SearchRequest SearchRequestOf(const httplib::Request& req) {
  search::SearchRequest r;
  r.query = req.get_param_value("q");
  r.limit = ParamInt(req, "limit", 10, 0, 100);
  r.offset = ParamInt(req, "offset", 0, 0, 100000);
  r.body = req.get_param_value("body");
  r.type = req.get_param_value("type");
  r.from = ParamDate(req, "from");
  r.to = ParamDate(req, "to");
  return r;
}

// The routes a client's rate limit counts: those that search or ingest.
bool RateLimited(const httplib::Request& req) {
  const std::string& p = req.path;
  if (req.method == "POST") return p == "/api/packets";
  return p == "/soeg" || p == "/api/search" || p == "/feed.atom" || p.rfind("/sager/", 0) == 0 ||
         p.rfind("/api/cases/", 0) == 0 || (p == "/kalender.ics" && req.has_param("q"));
}

// A file name for an upload: the basename the client gave, if it is a
// .pdf or .txt, else one made from the content type.
std::string UploadName(const httplib::Request& req) {
  std::string name = fs::path(req.get_param_value("filename")).filename().string();
  if (!name.empty() && text::IsPacketPath(name) && name.find('/') == std::string::npos) return name;
  return req.get_header_value("Content-Type").rfind("application/pdf", 0) == 0 ? "upload.pdf" : "upload.txt";
}

// Store connections for reads, one per worker thread: SQLite in WAL mode
// lets readers run side by side, so one request's reads never wait for
// another's. A lease gives its thread a store to itself (a Store is used
// by one thread at a time, store.h), so when threads outnumber
// connections they wait for one.
class ReaderPool {
 public:
  explicit ReaderPool(std::vector<std::unique_ptr<store::Store>> stores) : slots_(stores.size()) {
    for (std::size_t i = 0; i < stores.size(); ++i) slots_[i].store = std::move(stores[i]);
  }

  // A connection, locked until the lease goes.
  class Lease {
   public:
    Lease(std::mutex& mu, store::Store* store) : lock_(mu), store_(store) {}
    store::Store* operator->() const { return store_; }
    store::Store& operator*() const { return *store_; }

   private:
    std::unique_lock<std::mutex> lock_;
    store::Store* store_;
  };

  // The calling thread's connection (threads take slots in turn on their
  // first request).
  Lease Get() {
    thread_local std::size_t slot = next_slot_++;
    Slot& s = slots_[slot % slots_.size()];
    return Lease(s.mu, s.store.get());
  }

 private:
  struct Slot {
    std::mutex mu;
    std::unique_ptr<store::Store> store;
  };
  std::vector<Slot> slots_;
  std::atomic<std::size_t> next_slot_{0};
};

class App {
 public:
  App(ServerOptions options, std::vector<std::unique_ptr<store::Store>> readers,
      std::unique_ptr<search::SearchIndex> index, std::string token)
      : options_(std::move(options)), readers_(std::move(readers)), index_(std::move(index)), token_(std::move(token)) {}

  void Routes(httplib::Server& svr) {
    svr.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { Json(res, {{"status", "ok"}}); });
    // Browsers ask for it on every site; there is none.
    svr.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    svr.Get("/static/sagsspor.css", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kStyleSheet, "text/css; charset=utf-8");
    });
    svr.Get("/static/print.css", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kPrintStyleSheet, "text/css; charset=utf-8");
    });

    svr.Get("/", [this](const httplib::Request&, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      // The outline: the page counts each meeting's items.
      Html(res, HomePage(store->LatestMeetings(store::Detail::kOutline), store->Deadlines(model::Date::Today(), {})));
    });
    svr.Get(R"(/moeder/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      auto m = store->FindMeeting(req.matches[1]);
      if (!m) return Html(res, NotFoundPage("Mødet"), 404);
      Html(res, MeetingPage(m->meeting, m->source, m->stamps.original_kept));
    });
    svr.Get(R"(/punkter/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      // The item in full; of its meeting the header is all the page shows.
      auto item = store->FindStoredItem(req.matches[1], store::Detail::kFull);
      if (!item) return Html(res, NotFoundPage("Punktet"), 404);
      Html(res, ItemPage(item->item, item->meeting, item->stamps.original_kept ? &item->source : nullptr));
    });
    svr.Get(R"(/dokumenter/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      auto d = store->FindDocument(req.matches[1]);
      if (!d) return Html(res, NotFoundPage("Dokumentet"), 404);
      Html(res, DocumentPage(d->document));
    });
    svr.Get("/soeg", [this](const httplib::Request& req, httplib::Response& res) {
      search::SearchRequest r = SearchRequestOf(req);
      Html(res, SearchPage(r, index_->Search(r)));
    });
    svr.Get(R"(/sager/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      cases::Timeline t = cases::BuildTimeline(*store, *index_, req.matches[1], model::Date::Today());
      if (t.entries.empty()) return Html(res, NotFoundPage("Sagen"), 404);
      Html(res, CasePage(t));
    });
    svr.Get("/frister", [this](const httplib::Request& req, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      model::Date from = ParamDate(req, "from");
      Html(res, DeadlinesPage(store->Deadlines(from.valid() ? from : model::Date::Today(), ParamDate(req, "to"))));
    });

    svr.Get("/personer", [this](const httplib::Request&, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      Html(res, PersonsPage(store->Appointments()));
    });

    // A File's bytes: a packet's original (by its SHA-256, from the
    // store, never from a path on disk) or an attachment's text.
    svr.Get(R"(/oparl/v1\.1/file/([^/]+)/(access|download))", [this](const httplib::Request& req,
                                                                   httplib::Response& res) {
      const std::string id = req.matches[1];
      const bool attachment = req.matches[2] == "download";
      ReaderPool::Lease store = readers_.Get();
      if (auto f = store->Original(id, /*with_bytes=*/true)) {
        res.set_header("Content-Disposition",
                       ContentDisposition(attachment, f->source.file,
                                          f->source.encoding == "pdf" ? "original.pdf" : "original.txt"));
        res.set_content(std::move(f->bytes), MediaType(f->source));
        return;
      }
      if (auto d = store->FindDocument(id)) {
        res.set_header("Content-Disposition", ContentDisposition(attachment, d->document.id + ".txt", "bilag.txt"));
        res.set_content(d->document.text, "text/plain; charset=utf-8");
        return;
      }
      Json(res, {{"error", "no such file"}}, 404);
    });
    svr.Get(R"(/oparl/v1\.1/?(.*))", [this](const httplib::Request& req, httplib::Response& res) {
      OparlFilter filter;
      for (const auto& [name, field] : {std::pair<const char*, std::string*>{"created_since", &filter.created_since},
                                        {"created_until", &filter.created_until},
                                        {"modified_since", &filter.modified_since},
                                        {"modified_until", &filter.modified_until}}) {
        if (!req.has_param(name)) continue;
        if (!ParseIsoDateTime(req.get_param_value(name), field)) {
          return Json(res, {{"error", std::string(name) + " must be an ISO 8601 date-time such as 2024-01-31T12:00:00+01:00"},
                            {"parameter", name}}, 400);
        }
      }
      ReaderPool::Lease store = readers_.Get();
      Oparl oparl(*store, BaseUrl() + "/oparl/v1.1");
      if (auto moved = oparl.MovedTo(req.matches[1])) return res.set_redirect(*moved, 301);
      auto j = oparl.Get(req.matches[1], ParamInt(req, "page", 1, 1, 1000000), filter);
      if (!j) return Json(res, {{"error", "no such OParl object"}}, 404);
      Json(res, *j);
    });

    svr.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
      search::SearchRequest r = SearchRequestOf(req);
      Json(res, search::ToJson(index_->Search(r), r));
    });
    svr.Get(R"(/api/cases/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      model::Date today = ParamDate(req, "today");
      cases::Timeline t = cases::BuildTimeline(*store, *index_, req.matches[1], today.valid() ? today : model::Date::Today());
      if (t.entries.empty()) return Json(res, {{"error", "no case found"}}, 404);
      Json(res, cases::ToJson(t));
    });
    svr.Get("/api/deadlines", [this](const httplib::Request& req, httplib::Response& res) {
      ReaderPool::Lease store = readers_.Get();
      model::Date from = ParamDate(req, "from");
      json list = json::array();
      for (const store::DeadlineRecord& d : store->Deadlines(from.valid() ? from : model::Date::Today(), ParamDate(req, "to"))) {
        list.push_back({{"date", d.date.iso()}, {"text", d.text}, {"item_id", d.item_id.empty() ? json(nullptr) : json(d.item_id)},
                        {"document_id", d.document_id.empty() ? json(nullptr) : json(d.document_id)},
                        {"title", d.title}, {"meeting_id", d.meeting_id}, {"body", d.body}});
      }
      Json(res, {{"deadlines", list}});
    });
    svr.Get("/kalender.ics", [this](const httplib::Request& req, httplib::Response& res) {
      // Meetings (and their deadlines) of one body, or of the items that
      // match a search, or all.
      const std::string body = req.get_param_value("body");
      const std::string q = req.get_param_value("q");
      std::set<std::string> matching;  // meeting ids, when q is given
      if (!q.empty()) {
        search::SearchRequest r;
        r.query = q;
        r.limit = 1000;
        for (const search::Hit& h : index_->Search(r).hits) matching.insert(h.meeting_id);
      }
      ReaderPool::Lease store = readers_.Get();
      // The events list each agenda: the outline is enough, and the body
      // is chosen in the query.
      store::ListQuery which;
      which.body = body;
      which.limit = std::numeric_limits<std::int64_t>::max();
      std::vector<store::StoredMeeting> meetings;
      for (store::StoredMeeting& m : store->MeetingsPage(which, store::Detail::kOutline)) {
        if (!q.empty() && !matching.count(m.meeting.id)) continue;
        meetings.push_back(std::move(m));
      }
      std::vector<store::DeadlineRecord> deadlines;
      for (store::DeadlineRecord& d : store->Deadlines({}, {})) {
        if (!body.empty() && d.body != body) continue;
        if (!q.empty() && !matching.count(d.meeting_id)) continue;
        deadlines.push_back(std::move(d));
      }
      res.set_content(Calendar(meetings, deadlines, BaseUrl(), std::time(nullptr)), "text/calendar; charset=utf-8");
    });
    svr.Get("/feed.atom", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string q = req.get_param_value("q");
      if (q.empty()) return Json(res, {{"error", "the feed needs a search: /feed.atom?q=…"}}, 400);
      search::SearchRequest r;
      r.query = q;
      r.limit = 50;
      res.set_content(AtomFeed(q, index_->Search(r).hits, BaseUrl(), std::time(nullptr)),
                      "application/atom+xml; charset=utf-8");
    });
    svr.Post("/api/packets", [this](const httplib::Request& req, httplib::Response& res) { Upload(req, res); });
  }

 private:
  void Upload(const httplib::Request& req, httplib::Response& res) {
    if (token_.empty()) return Json(res, {{"error", "uploads are off (the server has no --token-file)"}}, 403);
    if (!Authorized(req, token_)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return Json(res, {{"error", "missing or wrong bearer token"}}, 401);
    }
    if (req.body.empty()) return Json(res, {{"error", "empty upload"}}, 400);
    // Each upload in a directory of its own, with its own store connection.
    static std::atomic<unsigned> counter{0};
    const fs::path dir = fs::temp_directory_path() /
                         ("sagsspor-upload-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path file = dir / UploadName(req);
    { std::ofstream(file, std::ios::binary).write(req.body.data(), static_cast<std::streamsize>(req.body.size())); }
    std::string error;
    auto store = store::OpenSqliteStore(options_.db, &error);
    auto index = store ? search::SearchIndex::Open(options_.db + "/index", &error) : nullptr;
    if (!store || !index) {
      fs::remove_all(dir, ec);
      return Json(res, {{"error", error}}, 500);
    }
    text::ReadOptions read;
    read.max_bytes = options_.max_upload_bytes;
    ingest::FileReport r = ingest::IngestFile(file.string(), *store, index.get(), read);
    fs::remove_all(dir, ec);
    if (r.outcome == ingest::Outcome::kAdded || r.outcome == ingest::Outcome::kSuperseded) {
      std::string merge_error;
      if (!index->Compact(true, &merge_error)) spdlog::warn("{}", merge_error);
    }
    json report = {{"file", file.filename().string()}, {"outcome", ingest::OutcomeName(r.outcome)},
                   {"warnings", r.warnings}};
    if (r.outcome == ingest::Outcome::kFailed) {
      // The message names the temporary path; show the client's name.
      std::string message = r.error;
      std::size_t at = message.find(file.string());
      if (at != std::string::npos) message.replace(at, file.string().size(), file.filename().string());
      report["error"] = r.store_error ? "store" : text::SourceErrorName(r.error_kind);
      report["message"] = message;
      return Json(res, report, r.store_error ? 500 : 422);
    }
    report["sha256"] = r.sha256;
    report["layout"] = r.layout.empty() ? json(nullptr) : json(r.layout);
    report["meetings"] = r.meetings;
    report["items"] = r.items;
    report["documents"] = r.documents;
    Json(res, report, r.outcome == ingest::Outcome::kAdded ? 201 : 200);
  }

  // Links in feeds and calendars point at the address served, never at a
  // client-supplied Host header.
  std::string BaseUrl() const { return "http://" + options_.listen; }

  ServerOptions options_;
  ReaderPool readers_;
  std::unique_ptr<search::SearchIndex> index_;
  std::string token_;
};

}  // namespace

int Serve(const ServerOptions& options, std::string* error) {
  std::size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    *error = "--listen wants HOST:PORT, got " + options.listen;
    return 2;
  }
  const std::string host = options.listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(options.listen.substr(colon + 1));
  } catch (const std::exception&) {
    *error = "--listen wants HOST:PORT, got " + options.listen;
    return 2;
  }
  std::string token;
  if (!options.token_file.empty()) {
    std::ifstream in(options.token_file);
    if (!in) {
      *error = options.token_file + ": cannot read the token file";
      return 4;
    }
    std::getline(in, token);
    token = std::string(text::Trim(token));
    if (token.size() < 16) {
      *error = options.token_file + ": the token must have at least 16 characters";
      return 2;
    }
  }
  const int threads = std::max(1, options.threads);
  std::vector<std::unique_ptr<store::Store>> readers;
  for (int i = 0; i < threads; ++i) {  // the first one brings the schema up to date
    auto store = store::OpenSqliteStore(options.db, error);
    if (!store) return 20;
    readers.push_back(std::move(store));
  }
  auto index = search::SearchIndex::Open(options.db + "/index", error);
  if (!index) return 20;
  // The index does not wait for the disk when it adds (search_index.h):
  // after a crash of the machine it is repaired from the store here.
  bool repaired = false;
  if (!index->Reconcile(*readers.front(), &repaired, error)) return 20;
  if (repaired) spdlog::warn("the search index was out of step with the store and has been repaired");
  App app(options, std::move(readers), std::move(index), token);

  httplib::Server svr;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_payload_max_length(options.max_upload_bytes);
  // Without it, a response written in two parts waits ~40 ms for the
  // client's delayed ACK (Nagle).
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(1000);
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(10, 0);
  svr.set_default_headers({
      {"Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                  "base-uri 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
  });
  RateLimiter limiter(options.rate_limit, options.rate_limit);
  if (limiter.enabled()) {
    svr.set_pre_routing_handler([&limiter](const httplib::Request& req, httplib::Response& res) {
      if (!RateLimited(req)) return httplib::Server::HandlerResponse::Unhandled;
      int retry_after = 1;
      if (limiter.Allow(req.remote_addr, RateLimiter::Clock::now(), &retry_after)) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      res.set_header("Retry-After", std::to_string(retry_after));
      const bool page = req.path == "/soeg" || req.path.rfind("/sager/", 0) == 0;
      if (page) {
        Html(res, Page("For mange forespørgsler",
                       "<h1>For mange forespørgsler</h1><p>Vent " + std::to_string(retry_after) +
                           " sekund(er), og prøv igen.</p>"),
             429);
      } else {
        Json(res, {{"error", "too many requests"}, {"retry_after", retry_after}}, 429);
      }
      return httplib::Server::HandlerResponse::Handled;
    });
  }
  svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::info("{} {} {} {} {}", req.remote_addr, req.method, req.path, res.status, res.body.size());
  });
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    Json(res, {{"error", "internal error"}}, 500);
  });
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (req.path.rfind("/api/", 0) == 0) {
      Json(res, {{"error", res.status == 404 ? "not found" : "bad request"}}, res.status);
    } else if (res.status == 404) {
      Html(res, NotFoundPage("Siden"), 404);
    }
  });
  // ETag and conditional GET: an unchanged page costs the client nothing
  // to fetch again (the tag hashes the body, so it changes with the data).
  svr.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" || res.status != 200) return;
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : res.body) h = (h ^ c) * 1099511628211ull;
    const std::string etag = fmt::format("\"{:016x}\"", h);
    res.set_header("ETag", etag);
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      res.body.clear();
      res.headers.erase("Content-Length");  // set_content() set them for the body
      res.headers.erase("Content-Type");
    }
  });
  app.Routes(svr);

  if (!svr.bind_to_port(host, port)) {
    *error = "cannot listen on " + options.listen;
    return 1;
  }
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  std::signal(SIGPIPE, SIG_IGN);
  std::thread watcher([&svr] {
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    svr.stop();
  });
  spdlog::info("sagsspor serving {} on http://{}", options.db, options.listen);
  svr.listen_after_bind();
  g_stop = true;
  watcher.join();
  spdlog::info("sagsspor stopped");
  return 0;
}

}  // namespace sagsspor::http
