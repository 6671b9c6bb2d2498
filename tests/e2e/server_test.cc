// End-to-end tests of `sagsspor serve`: pages, API, uploads, security.

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const char kToken[] = "test-token-0123456789abcdef";

const char kHostilePacket[] =
    "KKR Sjælland\nDato: 07-09-2020 09:30\n\n"
    "1.1. Godkendelse af <script>alert(1)</script> dagsorden\nSAG-2019-07158 adr\n"
    "Indstilling\nDet indstilles, at \"><img src=x onerror=alert(2)> godkendes senest den 1. december 2030.\n\n"
    "1.2. Rammeaftale for det specialiserede socialområde\nSAG-2019-07158 adr\n"
    "Sagsfremstilling\nRammeaftalen \" onmouseover=\"alert(3) drøftes.\n\n"
    "1.3. Udpegning af medlem til <b>FGU</b> Danmark\nSAG-2019-07158 adr\n"
    "Indstilling\nDet indstilles, at KKR Sjælland udpeger Mette Hansen (A) som medlem af <b>FGU</b> Danmark.\n";

// Starts `sagsspor serve --db DIR/db --listen 127.0.0.1:PORT` plus
// `extra` arguments, its output in DIR/server.log, and waits until it
// answers /healthz. Returns its pid, or -1 (after killing it) when it
// did not start.
pid_t StartServer(const fs::path& dir, int port, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {SAGSSPOR_BINARY, "serve", "--db", (dir / "db").string(), "--listen",
                                   "127.0.0.1:" + std::to_string(port)};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_t pid = fork();
  if (pid == 0) {
    freopen((dir / "server.log").c_str(), "w", stderr);
    freopen((dir / "server.log").c_str(), "a", stdout);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(SAGSSPOR_BINARY, argv.data());
    _exit(127);
  }
  httplib::Client client("127.0.0.1", port);
  for (int i = 0; i < 100; ++i) {
    if (auto res = client.Get("/healthz"); res && res->status == 200) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("server_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "hostile.txt") << kHostilePacket;
    std::ofstream(dir_ / "token") << kToken << "\n";
    std::string ingest = std::string(SAGSSPOR_BINARY) + " ingest --db " + (dir_ / "db").string() + " " +
                         (dir_ / "hostile.txt").string() + " > /dev/null";
    ASSERT_EQ(std::system(ingest.c_str()), 0);
    port_ = 20000 + ::getpid() % 20000;
    pid_ = StartServer(dir_, port_, {"--token-file", (dir_ / "token").string()});
    if (pid_ < 0) FAIL() << "server did not start";
  }
  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "graceful shutdown";
    }
    fs::remove_all(dir_);
  }
  httplib::Client Client() { return httplib::Client("127.0.0.1", port_); }

  static fs::path dir_;
  static int port_;
  static pid_t pid_;
};
fs::path ServerTest::dir_;
int ServerTest::port_ = 0;
pid_t ServerTest::pid_ = 0;

TEST_F(ServerTest, PagesEscapeDocumentText) {
  auto c = Client();
  for (const char* path : {"/", "/moeder/kkr-sjaelland-2020-09-07", "/punkter/kkr-sjaelland-2020-09-07-1.1",
                           "/punkter/kkr-sjaelland-2020-09-07-1.2", "/soeg?q=dagsorden", "/soeg?q=rammeaftalen",
                           "/sager/kkr-sjaelland-2020-09-07-1.1", "/frister", "/personer"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
    EXPECT_EQ(res->body.find("<script>"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("<img src=x"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("\" onmouseover"), std::string::npos) << path;
    EXPECT_NE(res->body.find("<html lang=\"da\">"), std::string::npos) << path;
  }
  auto item = c.Get("/punkter/kkr-sjaelland-2020-09-07-1.1");
  EXPECT_NE(item->body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(item->body.find("Frist"), std::string::npos);
  auto persons = c.Get("/personer");
  EXPECT_NE(persons->body.find("Mette Hansen"), std::string::npos) << persons->body;
  EXPECT_EQ(persons->body.find("<b>FGU"), std::string::npos);
  auto search = c.Get("/soeg?q=rammeaftalen");
  EXPECT_NE(search->body.find("<mark>Rammeaftalen</mark>"), std::string::npos) << search->body;
}

TEST_F(ServerTest, ConditionalGetAndGzip) {
  auto c = Client();
  auto first = c.Get("/punkter/kkr-sjaelland-2020-09-07-1.2");
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.Get("/punkter/kkr-sjaelland-2020-09-07-1.2", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(c.Get("/punkter/kkr-sjaelland-2020-09-07-1.2", {{"If-None-Match", "\"other\""}})->status, 200);
  auto zipped = c.Get("/soeg?q=rammeaftale", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
}

TEST_F(ServerTest, NotFoundAndTraversal) {
  auto c = Client();
  EXPECT_EQ(c.Get("/punkter/nope")->status, 404);
  EXPECT_EQ(c.Get("/static/../../etc/passwd")->status, 404);
  EXPECT_EQ(c.Get("/%2e%2e/%2e%2e/etc/passwd")->status, 404);
  auto api = c.Get("/api/cases/zzzzqqq");
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(json::parse(api->body)["error"], "no case found");
}

TEST_F(ServerTest, JsonApi) {
  auto c = Client();
  auto res = c.Get("/api/search?q=rammeaftale&limit=5");
  ASSERT_EQ(res->status, 200);
  json j = json::parse(res->body);
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["hits"][0]["id"], "kkr-sjaelland-2020-09-07-1.2");
  res = c.Get("/api/cases/kkr-sjaelland-2020-09-07-1.1?today=2020-01-01");
  ASSERT_EQ(res->status, 200);
  j = json::parse(res->body);
  EXPECT_EQ(j["entries"][0]["deadlines_ahead"][0]["date"], "2030-12-01");
  res = c.Get("/api/deadlines?from=2030-01-01");
  ASSERT_EQ(res->status, 200);
  j = json::parse(res->body);
  ASSERT_EQ(j["deadlines"].size(), 1u);
  EXPECT_EQ(j["deadlines"][0]["item_id"], "kkr-sjaelland-2020-09-07-1.1");
}

TEST_F(ServerTest, CalendarAndFeed) {
  auto c = Client();
  auto ics = c.Get("/kalender.ics");
  ASSERT_EQ(ics->status, 200);
  EXPECT_EQ(ics->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(ics->body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics->body.find("DTSTART:20200907T093000"), std::string::npos);
  EXPECT_NE(ics->body.find("DTSTART;VALUE=DATE:20301201"), std::string::npos);  // the deadline
  EXPECT_EQ(c.Get("/kalender.ics?body=Andet%20organ")->body.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_NE(c.Get("/kalender.ics?q=rammeaftale")->body.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_EQ(c.Get("/kalender.ics?q=zzzzqqq")->body.find("BEGIN:VEVENT"), std::string::npos);
  auto feed = c.Get("/feed.atom?q=rammeaftale");
  ASSERT_EQ(feed->status, 200);
  EXPECT_EQ(feed->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_NE(feed->body.find("/punkter/kkr-sjaelland-2020-09-07-1.2"), std::string::npos);
  EXPECT_EQ(feed->body.find("onmouseover=\"alert"), std::string::npos);
  EXPECT_EQ(c.Get("/feed.atom")->status, 400);
  // A forged Host header does not reach the links.
  auto forged = c.Get("/feed.atom?q=rammeaftale", {{"Host", "evil.example"}});
  EXPECT_EQ(forged->body.find("evil.example"), std::string::npos);
}

TEST_F(ServerTest, UploadsNeedTheToken) {
  auto c = Client();
  const std::string packet = "Notat om takster\n\nTaksten er 1.200 kr. pr. døgn.\n";
  auto res = c.Post("/api/packets?filename=notat.txt", packet, "text/plain");
  EXPECT_EQ(res->status, 401);
  httplib::Headers wrong = {{"Authorization", std::string("Bearer ") + std::string(sizeof(kToken) - 1, 'x')}};
  EXPECT_EQ(c.Post("/api/packets?filename=notat.txt", wrong, packet, "text/plain")->status, 401);
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  auto bad = c.Post("/api/packets?filename=../../evil.pdf", right, "not a pdf", "application/pdf");
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(json::parse(bad->body)["error"], "not_pdf");
  EXPECT_EQ(json::parse(bad->body)["file"], "evil.pdf");
  auto ok = c.Post("/api/packets?filename=notat.txt", right, packet, "text/plain");
  ASSERT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["outcome"], "added");
  EXPECT_EQ(c.Post("/api/packets?filename=notat.txt", right, packet, "text/plain")->status, 200);  // unchanged
  EXPECT_EQ(json::parse(c.Get("/api/search?q=taksten")->body)["total"], 1);
}

TEST_F(ServerTest, ConcurrentUploadsAreSafe) {
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port_);
      c.set_read_timeout(60, 0);
      std::string packet = "Notat nummer " + std::to_string(t) + "\n\nIndhold om kapacitet " + std::to_string(t) + ".\n";
      auto res = c.Post(("/api/packets?filename=samtidig-" + std::to_string(t) + ".txt").c_str(), right, packet,
                        "text/plain");
      if (res && res->status == 201) ++created;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created, 4);
  auto c = Client();
  EXPECT_EQ(json::parse(c.Get("/api/search?q=nummer")->body)["total"], 4);
}

TEST_F(ServerTest, ConcurrentSearchesAndPages) {
  // Searches run in parallel, each thread with its own index reader.
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port_);
      for (int i = 0; i < 20; ++i) {
        const char* path = (i + t) % 3 == 0   ? "/api/search?q=rammeaftalen"
                           : (i + t) % 3 == 1 ? "/soeg?q=dagsorden"
                                              : "/sager/kkr-sjaelland-2020-09-07-1.2";
        if (auto res = c.Get(path); res && res->status == 200) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, 160);
}

TEST_F(ServerTest, OparlListsFilterByCreatedAndModified) {
  auto c = Client();
  const std::string list = "/oparl/v1.1/body/kkr-sjaelland/papers";
  auto res = c.Get(list);
  ASSERT_EQ(res->status, 200);
  json all = json::parse(res->body);
  ASSERT_EQ(all["pagination"]["totalElements"], 3);
  const std::string created = all["data"][0]["created"];
  const std::string modified = all["data"][0]["modified"];
  EXPECT_EQ(created.size(), 20u) << created;  // YYYY-MM-DDTHH:MM:SSZ
  EXPECT_GE(modified, created);
  // On or after its own time (inclusive) and before it: all or nothing.
  json since = json::parse(c.Get(list + "?created_since=" + created)->body);
  EXPECT_EQ(since["pagination"]["totalElements"], 3);
  EXPECT_NE(since["links"]["first"].get<std::string>().find("created_since="), std::string::npos);
  json later = json::parse(c.Get(list + "?modified_since=2999-01-01T00:00:00%2B01:00")->body);
  EXPECT_EQ(later["pagination"]["totalElements"], 0);
  EXPECT_TRUE(later["data"].empty());
  EXPECT_EQ(later["links"]["last"], later["links"]["first"]);
  EXPECT_NE(later["links"]["last"].get<std::string>().find("modified_since=2998-12-31T23%3A00%3A00Z"),
            std::string::npos)
      << later["links"];
  json until = json::parse(c.Get("/oparl/v1.1/body/kkr-sjaelland/meetings?created_until=2000-01-01T00:00:00Z")->body);
  EXPECT_EQ(until["pagination"]["totalElements"], 0);
  json bodies = json::parse(c.Get("/oparl/v1.1/bodies?modified_until=2999-01-01T00:00:00Z")->body);
  EXPECT_EQ(bodies["pagination"]["totalElements"], json::parse(c.Get("/oparl/v1.1/bodies")->body)["pagination"]["totalElements"]);
  EXPECT_GE(bodies["pagination"]["totalElements"], 1);
  json persons = json::parse(c.Get("/oparl/v1.1/body/kkr-sjaelland/persons?created_since=2999-01-01T00:00:00Z")->body);
  EXPECT_EQ(persons["pagination"]["totalElements"], 0);

  auto bad = c.Get(list + "?created_since=i%20morgen");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["parameter"], "created_since");
  EXPECT_NE(json::parse(bad->body)["error"].get<std::string>().find("ISO 8601"), std::string::npos);
  EXPECT_EQ(c.Get(list + "?modified_until=2024-02-30T00:00:00Z")->status, 400);
}

TEST_F(ServerTest, OparlObjectsById) {
  auto c = Client();
  auto item = c.Get("/oparl/v1.1/agendaitem/kkr-sjaelland-2020-09-07-1.2");
  ASSERT_EQ(item->status, 200);
  json j = json::parse(item->body);
  EXPECT_EQ(j["order"], 2);
  EXPECT_EQ(j["meeting"], "http://127.0.0.1:" + std::to_string(port_) + "/oparl/v1.1/meeting/kkr-sjaelland-2020-09-07");
  EXPECT_FALSE(j["created"].get<std::string>().empty());
  EXPECT_EQ(json::parse(c.Get("/oparl/v1.1/paper/kkr-sjaelland-2020-09-07-1.3")->body)["reference"], "SAG-2019-07158");
  json meeting = json::parse(c.Get("/oparl/v1.1/meeting/kkr-sjaelland-2020-09-07")->body);
  EXPECT_EQ(meeting["agendaItem"].size(), 3u);
  EXPECT_EQ(c.Get("/oparl/v1.1/paper/kkr-sjaelland-2020-09-07-9")->status, 404);
  EXPECT_EQ(c.Get("/oparl/v1.1/body/nope/meetings")->status, 404);
}

TEST_F(ServerTest, OriginalFilesAreServedFromTheStore) {
  auto c = Client();
  json meeting = json::parse(c.Get("/oparl/v1.1/meeting/kkr-sjaelland-2020-09-07")->body);
  ASSERT_TRUE(meeting.contains("invitation")) << meeting.dump();  // no decisions yet: a dagsorden
  const json& file = meeting["invitation"];
  EXPECT_EQ(file["fileName"], "hostile.txt");
  EXPECT_EQ(file["mimeType"], "text/plain");
  EXPECT_EQ(file["size"], sizeof(kHostilePacket) - 1);
  const std::string prefix = "http://127.0.0.1:" + std::to_string(port_);
  const std::string download = file["downloadUrl"];
  ASSERT_EQ(download.rfind(prefix, 0), 0u);
  auto res = c.Get(download.substr(prefix.size()));
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body, kHostilePacket);  // byte for byte
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"hostile.txt\"");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  auto access = c.Get(file["accessUrl"].get<std::string>().substr(prefix.size()));
  EXPECT_EQ(access->get_header_value("Content-Disposition"), "inline; filename=\"hostile.txt\"");
  json object = json::parse(c.Get(file["id"].get<std::string>().substr(prefix.size()))->body);
  EXPECT_EQ(object["meeting"][0], prefix + "/oparl/v1.1/meeting/kkr-sjaelland-2020-09-07");

  EXPECT_NE(c.Get("/moeder/kkr-sjaelland-2020-09-07")->body.find("Hent original (tekst)"), std::string::npos);
  EXPECT_NE(c.Get("/punkter/kkr-sjaelland-2020-09-07-1.2")->body.find(download.substr(prefix.size())),
            std::string::npos);
  // Ids name stored bytes, never paths.
  for (const std::string path : {"/oparl/v1.1/file/" + std::string(64, '0') + "/download",
                                 std::string("/oparl/v1.1/file/..%2F..%2Fetc%2Fpasswd/download"),
                                 std::string("/oparl/v1.1/file/%2Fetc%2Fpasswd/access"),
                                 std::string("/oparl/v1.1/file/nope")}) {
    auto bad = c.Get(path);
    EXPECT_EQ(bad->status, 404) << path;
    EXPECT_EQ(bad->body.find("root:"), std::string::npos);
  }
}

TEST_F(ServerTest, OparlLegislativeTermsAndLocations) {
  auto c = Client();
  json body = json::parse(c.Get("/oparl/v1.1/body/kkr-sjaelland")->body);
  ASSERT_EQ(body["legislativeTerm"].size(), 1u);  // its one meeting is in 2020
  const json& term = body["legislativeTerm"][0];
  EXPECT_EQ(term["name"], "Valgperiode 2018-2021");
  EXPECT_EQ(term["startDate"], "2018-01-01");
  EXPECT_EQ(term["endDate"], "2021-12-31");
  auto res = c.Get("/oparl/v1.1/legislativeterm/kkr-sjaelland-2018");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body), term);
  EXPECT_EQ(c.Get("/oparl/v1.1/legislativeterm/kkr-sjaelland-2022")->status, 404);  // no meetings then
  EXPECT_EQ(c.Get("/oparl/v1.1/legislativeterm/nope-2018")->status, 404);
  // The packet names no place: no Location.
  EXPECT_FALSE(json::parse(c.Get("/oparl/v1.1/meeting/kkr-sjaelland-2020-09-07")->body).contains("location"));
  EXPECT_EQ(c.Get("/oparl/v1.1/location/kkr-sjaelland-2020-09-07")->status, 404);
}

TEST_F(ServerTest, OparlListsPageInAStableOrder) {
  // A meeting with 60 items: two pages of papers.
  std::string packet = "Testudvalget\nDato: 01-02-2021 10:00\n\n";
  for (int k = 1; k <= 60; ++k) {
    packet += "1." + std::to_string(k) + ". Sag nummer " + std::to_string(k) + " om parkering\nSAG-2021-" +
              std::to_string(10000 + k) + " abc\nIndstilling\nDet indstilles, at sagen godkendes.\n\n";
  }
  auto c = Client();
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  auto up = c.Post("/api/packets?filename=testudvalget.txt", right, packet, "text/plain");
  ASSERT_EQ(up->status, 201) << up->body;
  std::string self;
  const json bodies = json::parse(c.Get("/oparl/v1.1/bodies")->body);
  for (const json& b : bodies["data"]) {
    if (b["name"] == "Testudvalget") self = b["paper"];
  }
  ASSERT_FALSE(self.empty()) << bodies.dump();
  const std::string prefix = "http://127.0.0.1:" + std::to_string(port_);
  const std::string path = self.substr(prefix.size());
  json first = json::parse(c.Get(path)->body);
  EXPECT_EQ(first["pagination"]["totalElements"], 60);
  EXPECT_EQ(first["pagination"]["totalPages"], 2);
  EXPECT_EQ(first["data"].size(), 50u);
  EXPECT_TRUE(first["links"].contains("next"));
  EXPECT_FALSE(first["links"].contains("prev"));
  json second = json::parse(c.Get(first["links"]["next"].get<std::string>().substr(prefix.size()))->body);
  EXPECT_EQ(second["pagination"]["currentPage"], 2);
  EXPECT_EQ(second["data"].size(), 10u);
  EXPECT_FALSE(second["links"].contains("next"));
  EXPECT_EQ(second["links"]["prev"], first["links"]["self"]);
  EXPECT_EQ(second["links"]["last"], second["links"]["self"]);
  // Agenda order across the pages, each paper once.
  std::vector<std::string> names;
  for (const json* page : {&first, &second}) {
    for (const json& p : (*page)["data"]) names.push_back(p["name"]);
  }
  ASSERT_EQ(names.size(), 60u);
  for (int k = 1; k <= 60; ++k) EXPECT_EQ(names[k - 1], "Sag nummer " + std::to_string(k) + " om parkering");
  // A page past the end shows the last.
  EXPECT_EQ(json::parse(c.Get(path + "?page=99")->body)["pagination"]["currentPage"], 2);
}

TEST_F(ServerTest, OparlPaperIsACaseWithAConsultationPerItem) {
  // One case number in two bodies' meetings, and an item without one.
  const std::string school =
      "Skoleudvalget\nDato: 01-03-2021 10:00\n\n"
      "1.1. Nye skoledistrikter\nSAG-2021-55555 abc\nIndstilling\nDet indstilles, at forslaget sendes i høring.\n\n"
      "1.2. Meddelelser\nIndstilling\nDet indstilles, at meddelelserne tages til efterretning.\n";
  const std::string culture =
      "Kulturudvalget\nDato: 15-04-2021 10:00\n\n"
      "1.1. Godkendelse af dagsorden\nIndstilling\nDet indstilles, at dagsordenen godkendes.\n\n"
      "1.2. Nye skoledistrikter efter høring\nSAG-2021-55555 abc\nIndstilling\nDet indstilles, at forslaget godkendes.\n";
  auto c = Client();
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  auto up = c.Post("/api/packets?filename=skoleudvalget.txt", right, school, "text/plain");
  ASSERT_EQ(up->status, 201) << up->body;
  up = c.Post("/api/packets?filename=kulturudvalget.txt", right, culture, "text/plain");
  ASSERT_EQ(up->status, 201) << up->body;
  const std::string oparl = "http://127.0.0.1:" + std::to_string(port_) + "/oparl/v1.1";
  const std::string paper_url = oparl + "/paper/sag-sag-2021-55555";

  auto res = c.Get("/oparl/v1.1/paper/sag-sag-2021-55555");
  ASSERT_EQ(res->status, 200) << res->body;
  json paper = json::parse(res->body);
  EXPECT_EQ(paper["id"], paper_url);
  EXPECT_EQ(paper["reference"], "SAG-2021-55555");
  EXPECT_EQ(paper["name"], "Nye skoledistrikter");  // the earliest item's title
  EXPECT_EQ(paper["date"], "2021-03-01");
  EXPECT_EQ(paper["body"], oparl + "/body/skoleudvalget");
  ASSERT_EQ(paper["consultation"].size(), 2u) << paper.dump();
  const json& first = paper["consultation"][0];
  const json& second = paper["consultation"][1];
  EXPECT_EQ(first["agendaItem"], oparl + "/agendaitem/skoleudvalget-2021-03-01-1.1");
  EXPECT_EQ(first["meeting"], oparl + "/meeting/skoleudvalget-2021-03-01");
  EXPECT_EQ(first["organization"][0], oparl + "/organization/skoleudvalget");
  EXPECT_EQ(second["agendaItem"], oparl + "/agendaitem/kulturudvalget-2021-04-15-1.2");
  EXPECT_EQ(second["meeting"], oparl + "/meeting/kulturudvalget-2021-04-15");
  EXPECT_EQ(second["organization"][0], oparl + "/organization/kulturudvalget");
  EXPECT_EQ(second["paper"], paper_url);
  EXPECT_GE(paper["modified"].get<std::string>(), second["modified"].get<std::string>());

  // Each item's Consultation points to the case's Paper.
  for (const std::string item : {"skoleudvalget-2021-03-01-1.1", "kulturudvalget-2021-04-15-1.2"}) {
    json agenda_item = json::parse(c.Get("/oparl/v1.1/agendaitem/" + item)->body);
    EXPECT_EQ(agenda_item["consultation"], oparl + "/consultation/" + item);
    EXPECT_EQ(json::parse(c.Get("/oparl/v1.1/consultation/" + item)->body)["paper"], paper_url) << item;
  }
  // The old per-item URL of a case's item has moved to the case.
  auto moved = c.Get("/oparl/v1.1/paper/kulturudvalget-2021-04-15-1.2");
  EXPECT_EQ(moved->status, 301);
  EXPECT_EQ(moved->get_header_value("Location"), paper_url);

  // The item without a case number is a Paper of its own.
  res = c.Get("/oparl/v1.1/paper/skoleudvalget-2021-03-01-1.2");
  ASSERT_EQ(res->status, 200) << res->body;
  json lone = json::parse(res->body);
  EXPECT_EQ(lone["id"], oparl + "/paper/skoleudvalget-2021-03-01-1.2");
  EXPECT_FALSE(lone.contains("reference"));
  ASSERT_EQ(lone["consultation"].size(), 1u);
  EXPECT_EQ(lone["consultation"][0]["paper"], lone["id"]);

  // A case is listed once, under the body of its earliest item.
  json school_papers = json::parse(c.Get("/oparl/v1.1/body/skoleudvalget/papers")->body);
  EXPECT_EQ(school_papers["pagination"]["totalElements"], 2);
  ASSERT_EQ(school_papers["data"].size(), 2u);
  EXPECT_EQ(school_papers["data"][0], paper);
  EXPECT_EQ(school_papers["data"][1], lone);
  json culture_papers = json::parse(c.Get("/oparl/v1.1/body/kulturudvalget/papers")->body);
  ASSERT_EQ(culture_papers["pagination"]["totalElements"], 1);  // its dagsorden item only
  EXPECT_EQ(culture_papers["data"][0]["id"], oparl + "/paper/kulturudvalget-2021-04-15-1.1");
  // Filtered by the case's stamps: modified when its latest item was stored.
  json since = json::parse(
      c.Get("/oparl/v1.1/body/skoleudvalget/papers?modified_since=" + paper["modified"].get<std::string>())->body);
  ASSERT_GE(since["data"].size(), 1u);
  EXPECT_EQ(since["data"][0]["id"], paper_url);
  EXPECT_EQ(c.Get("/oparl/v1.1/paper/sag-sag-2021-99999")->status, 404);
}

TEST_F(ServerTest, SurvivesMalformedRequests) {
  for (const std::string raw : {std::string("GARBAGE\r\n\r\n"), std::string("GET /\r\n"),
                                std::string("GET /soeg?q=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n"),
                                std::string(100000, 'A')}) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    (void)!write(fd, raw.data(), raw.size());
    shutdown(fd, SHUT_WR);
    char buf[256];
    (void)!read(fd, buf, sizeof buf);
    close(fd);
  }
  auto c = Client();
  auto res = c.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // Too large an upload is refused without reading it all.
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  auto big = c.Post("/api/packets?filename=big.txt", right, std::string((64u << 20) + 1, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}


// A second server with a low rate limit (2 a second per client).
class RateLimitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("ratelimit_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    port_ = 20000 + (::getpid() + 7919) % 20000;
    pid_ = StartServer(dir_, port_, {"--rate-limit", "2"});
    if (pid_ < 0) FAIL() << "server did not start";
  }
  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }
  static fs::path dir_;
  static int port_;
  static pid_t pid_;
};
fs::path RateLimitTest::dir_;
int RateLimitTest::port_ = 0;
pid_t RateLimitTest::pid_ = 0;

TEST_F(RateLimitTest, ABurstOverTheLimitIsRefusedWithRetryAfter) {
  httplib::Client c("127.0.0.1", port_);
  // 2 a second with a bucket of 2: 30 searches in a row cannot all pass
  // unless they took 14 s.
  int ok = 0, limited = 0;
  std::string retry_after, body;
  for (int i = 0; i < 30; ++i) {
    auto res = c.Get("/api/search?q=takst");
    ASSERT_TRUE(res);
    if (res->status == 200) ++ok;
    if (res->status == 429) {
      ++limited;
      retry_after = res->get_header_value("Retry-After");
      body = res->body;
    }
  }
  EXPECT_EQ(ok + limited, 30);
  EXPECT_GE(ok, 2);  // the bucket's first two
  EXPECT_GE(limited, 1);
  EXPECT_GE(std::stoi(retry_after), 1);
  EXPECT_EQ(json::parse(body)["error"], "too many requests");
  // The web search says so in Danish.
  auto page = c.Get("/soeg?q=takst");
  if (page->status == 429) EXPECT_NE(page->body.find("For mange forespørgsler"), std::string::npos);
  // Uploads count too (refused before the token is even looked at).
  int upload_limited = 0;
  for (int i = 0; i < 30; ++i) upload_limited += c.Post("/api/packets", "x", "text/plain")->status == 429;
  EXPECT_GE(upload_limited, 1);
  // Cheap reads are never limited.
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(c.Get("/healthz")->status, 200);
    EXPECT_EQ(c.Get("/oparl/v1.1/system")->status, 200);
  }
}

}  // namespace
