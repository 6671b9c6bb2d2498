// End-to-end tests of the sagsspor command on bad and good input: the
// message, the exit code, and that a failure leaves the store as it was.

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "fixtures/pdf_writer.h"

namespace {
namespace fs = std::filesystem;

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CommandResult Sagsspor(const std::string& args) {
  std::string cmd = std::string(SAGSSPOR_BINARY) + " " + args + " 2>&1";
  CommandResult r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Writes a one-page PDF of `lines`; with no lines, only a grey box (a
// "scan" without a text layer).
void WritePdf(const std::string& path, const std::vector<std::string>& lines) {
  if (!lines.empty()) {
    std::string page;
    for (const std::string& l : lines) page += l + "\n";
    std::string error;
    ASSERT_TRUE(sagsspor::fixtures::WritePdf({page}, "", "", path, {}, &error)) << error;
    return;
  }
  cairo_surface_t* s = cairo_pdf_surface_create(path.c_str(), 595, 842);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
  cairo_rectangle(cr, 50, 50, 400, 600);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cli_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    db_ = (dir_ / "db").string();
    // A store with one good packet in it, to see that failures keep it.
    good_ = Write("good.txt",
                  "KKR Sjælland\nDato: 07-09-2020 09:30\n\n1.1. Godkendelse af dagsorden\nSAG-2019-07158 adr\n"
                  "Indstilling\nDet indstilles, at dagsordenen godkendes senest den 1. oktober 2020.\n\n"
                  "1.2. Godkendelse af referat\nSAG-2019-07158 adr\nIndstilling\nGodkendt.\n");
    CommandResult r = Sagsspor("ingest --db " + db_ + " " + good_);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    baseline_ = Sagsspor("export --db " + db_).out;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / "in" / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  void ExpectFailure(const std::string& path, int code, const std::string& reason) {
    CommandResult r = Sagsspor("ingest --db " + db_ + " " + path);
    EXPECT_EQ(r.exit_code, code) << r.out;
    EXPECT_NE(r.out.find(path), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(reason), std::string::npos) << r.out;
    EXPECT_EQ(Sagsspor("export --db " + db_).out, baseline_) << "store changed by " << path;
  }

  fs::path dir_;
  std::string db_, good_, baseline_;
};

TEST_F(CliTest, MissingFile) { ExpectFailure((dir_ / "in" / "nope.pdf").string(), 3, "no such file"); }
TEST_F(CliTest, EmptyFile) { ExpectFailure(Write("empty.pdf", ""), 6, "empty file"); }
TEST_F(CliTest, GarbageNamedPdf) { ExpectFailure(Write("garbage.pdf", "GIF89a garbage"), 8, "not a PDF"); }
TEST_F(CliTest, UnsupportedType) { ExpectFailure(Write("packet.docx", "PK\x03\x04"), 5, "unsupported file type"); }

TEST_F(CliTest, TruncatedPdf) {
  std::string full = (dir_ / "full.pdf").string();
  WritePdf(full, {"Notat om takster"});
  std::string bytes = Slurp(full);
  ExpectFailure(Write("cut.pdf", bytes.substr(0, bytes.size() / 2)), 9, "truncated PDF");
}

TEST_F(CliTest, MalformedPdf) {
  ExpectFailure(Write("bad.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF\n"), 10, "malformed PDF");
}

TEST_F(CliTest, ImageOnlyPdf) {
  std::string path = (dir_ / "in" / "scan.pdf").string();
  WritePdf(path, {});
  ExpectFailure(path, 12, "no text layer");
}

TEST_F(CliTest, EncryptedPdf) {
  if (std::system("command -v qpdf >/dev/null 2>&1") != 0) GTEST_SKIP() << "qpdf not installed";
  std::string plain = (dir_ / "plain.pdf").string();
  WritePdf(plain, {"Fortroligt notat"});
  std::string locked = (dir_ / "in" / "locked.pdf").string();
  ASSERT_EQ(std::system(("qpdf --encrypt hemlig hemlig 256 -- " + plain + " " + locked).c_str()), 0);
  ExpectFailure(locked, 11, "encrypted PDF");
}

TEST_F(CliTest, HugeFileIsRefusedWithoutReadingIt) {
  std::string path = (dir_ / "in" / "huge.txt").string();
  { std::ofstream(path) << "x"; }
  fs::resize_file(path, 1ull << 30);  // sparse: costs no disk
  ExpectFailure(path, 7, "file too large");
}

TEST_F(CliTest, BinaryNamedTxt) { ExpectFailure(Write("bin.txt", std::string("\x7f" "ELF\x02\x01\x00\x00", 8)), 13, "binary data"); }

TEST_F(CliTest, FirstFailureDecidesTheExitCodeAndGoodFilesStillLand) {
  std::string other = Write("other.txt", "Notat om takster\n\nTaksten er 1.200 kr. pr. døgn.\n");
  CommandResult r = Sagsspor("ingest --db " + db_ + " " + Write("empty.txt", "") + " " + other);
  EXPECT_EQ(r.exit_code, 6) << r.out;
  EXPECT_NE(r.out.find("1 added"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no agenda recognised"), std::string::npos) << r.out;
}

TEST_F(CliTest, ReingestIsIdempotent) {
  CommandResult r = Sagsspor("ingest --db " + db_ + " " + good_);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("unchanged"), std::string::npos) << r.out;
  EXPECT_EQ(Sagsspor("export --db " + db_).out, baseline_);
}

TEST_F(CliTest, CorrectedVersionSupersedes) {
  std::string fixed = Write("fixed.txt", Slurp(good_) + "\n1.3. Eventuelt\nSAG-2019-07158 adr\nIndstilling\nIntet.\n");
  CommandResult r = Sagsspor("ingest --json --db " + db_ + " " + fixed);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["files"][0]["outcome"], "superseded");
  EXPECT_EQ(report["files"][0]["items"], 3);
  auto exported = nlohmann::json::parse(Sagsspor("export --db " + db_).out);
  ASSERT_EQ(exported["meetings"].size(), 1u);
  EXPECT_EQ(exported["meetings"][0]["items"].size(), 3u);
  EXPECT_EQ(exported["meetings"][0]["source"]["file"], fixed);
}

TEST_F(CliTest, LegacyEncodingIsConvertedAndSaid) {
  CommandResult r = Sagsspor("ingest --db " + db_ + " " + Write("latin1.txt", "Notat om s\xE6rlige tilbud til b\xF8rn i \xC6r\xF8 Kommune\n\nTekst.\n"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("converted from"), std::string::npos) << r.out;
  auto exported = nlohmann::json::parse(Sagsspor("export --db " + db_).out);
  EXPECT_EQ(exported["documents"][0]["title"], "Notat om særlige tilbud til børn i Ærø Kommune");
}

TEST_F(CliTest, ExportShape) {
  auto j = nlohmann::json::parse(baseline_);
  const auto& m = j["meetings"][0];
  EXPECT_EQ(m["body"], "KKR Sjælland");
  EXPECT_EQ(m["date"], "2020-09-07");
  EXPECT_EQ(m["start"], "09:30");
  EXPECT_EQ(m["source"]["sha256"].get<std::string>().size(), 64u);
  const auto& item = m["items"][0];
  for (const char* key : {"id", "number", "title", "type", "case_number", "sections", "attachments",
                          "deadlines", "amounts", "appointments"}) {
    EXPECT_TRUE(item.contains(key)) << key;
  }
  EXPECT_EQ(item["deadlines"][0]["date"], "2020-10-01");
  EXPECT_EQ(item["sections"][0]["heading"], "Indstilling");
}

TEST_F(CliTest, ShowAndUnknownId) {
  CommandResult r = Sagsspor("show --db " + db_ + " kkr-sjaelland-2020-09-07-1.1");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Godkendelse af dagsorden"), std::string::npos) << r.out;
  r = Sagsspor("show --db " + db_ + " nope");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("no meeting, item or document"), std::string::npos);
}

TEST_F(CliTest, SearchFindsWhatIngestStored) {
  CommandResult r = Sagsspor("search --json --db " + db_ + " dagsordenen");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["total"], 1);
  EXPECT_EQ(j["hits"][0]["id"], "kkr-sjaelland-2020-09-07-1.1");
  EXPECT_EQ(j["facets"]["body"][0]["value"], "KKR Sjælland");
  // A failed ingest adds nothing to the index either.
  Sagsspor("ingest --db " + db_ + " " + Write("bad.pdf", "not a pdf"));
  EXPECT_EQ(nlohmann::json::parse(Sagsspor("search --json --db " + db_ + " referat").out)["total"], 1);
  // A corrected version replaces the old one in the index too.
  std::string fixed = Write("fixed.txt", Slurp(good_) + "\n1.3. Eventuelt\nSAG-2019-07158 adr\nIndstilling\nKapacitetsplanen.\n");
  ASSERT_EQ(Sagsspor("ingest --db " + db_ + " " + fixed).exit_code, 0);
  j = nlohmann::json::parse(Sagsspor("search --json --db " + db_ + " kapacitetsplanen").out);
  ASSERT_EQ(j["total"], 1);
  EXPECT_EQ(j["hits"][0]["id"], "kkr-sjaelland-2020-09-07-1.3");
  EXPECT_EQ(nlohmann::json::parse(Sagsspor("search --json --db " + db_ + " dagsordenen").out)["total"], 1);
}

TEST_F(CliTest, AnIndexOfAnOlderFormatIsRebuiltBeforeIngestAdds) {
  const fs::path format = fs::path(db_) / "index" / "format";
  ASSERT_TRUE(fs::exists(format));
  const std::string current = Slurp(format.string());
  std::ofstream(format) << "2\n";
  CommandResult r = Sagsspor("search --json --db " + db_ + " dagsordenen");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("written by an older version"), std::string::npos) << r.out;
  r = Sagsspor("ingest --db " + db_ + " " + Write("more.txt", "KKR Sjælland\nDato: 05-10-2020 09:30\n\n"
                                                             "1.1. Kapacitetsplan\nSAG-2019-07159 adr\n"
                                                             "Indstilling\nGodkendt.\n"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("rebuilding it from the store"), std::string::npos) << r.out;
  EXPECT_EQ(Slurp(format.string()), current);
  r = Sagsspor("search --json --db " + db_ + " dagsordenen");
  EXPECT_EQ(r.out.find("older version"), std::string::npos) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 1);
  EXPECT_EQ(nlohmann::json::parse(Sagsspor("search --json --db " + db_ + " kapacitetsplan").out)["total"], 1);
}

TEST_F(CliTest, ReindexRebuildsTheIndexFromTheStore) {
  fs::remove_all(fs::path(db_) / "index");
  EXPECT_EQ(nlohmann::json::parse(Sagsspor("search --json --db " + db_ + " referatet").out)["total"], 0);
  CommandResult r = Sagsspor("reindex --db " + db_);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("reindexed 2"), std::string::npos) << r.out;
  EXPECT_EQ(nlohmann::json::parse(Sagsspor("search --json --db " + db_ + " referatet").out)["total"], 1);
  EXPECT_EQ(Sagsspor("search --db " + db_ + " --from 2020-13-01 x").exit_code, 2);
}

TEST_F(CliTest, CaseTimeline) {
  CommandResult r = Sagsspor("case --json --today 2020-09-01 --db " + db_ + " kkr-sjaelland-2020-09-07-1.1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["subject"], "Godkendelse af dagsorden");
  ASSERT_GE(j["entries"].size(), 1u);
  EXPECT_EQ(j["entries"][0]["deadlines_ahead"][0]["date"], "2020-10-01");
  r = Sagsspor("case --db " + db_ + " --today 2020-09-01 dagsordenen");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("Sagsforløb: Godkendelse af dagsorden"), std::string::npos) << r.out;
  EXPECT_EQ(Sagsspor("case --db " + db_ + " zzzzqqq").exit_code, 3);
}

TEST_F(CliTest, UsageErrors) {
  EXPECT_EQ(Sagsspor("").exit_code, 2);
  EXPECT_EQ(Sagsspor("ingest").exit_code, 2);
  EXPECT_EQ(Sagsspor("frobnicate").exit_code, 2);
}

TEST_F(CliTest, PdfIsReadThroughPoppler) {
  std::string path = (dir_ / "in" / "agenda.pdf").string();
  WritePdf(path, {"KKR Nordjylland", "Dato: 01-02-2021 10:00", "", "1.1. Godkendelse af dagsorden",
                  "SAG-2021-00001 abc", "Indstilling", "Det indstilles, at dagsordenen godkendes.", "",
                  "1.2. Orienteringssag: Kapacitetsplan for fysioterapi", "SAG-2021-00002 abc",
                  "Sagsfremstilling", "Udgiften er 1,75 mio. kr. for Ærø og Aalborg."});
  CommandResult r = Sagsspor("ingest --json --db " + db_ + " " + path);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["files"][0]["pages"], 1);
  auto j = nlohmann::json::parse(Sagsspor("show --json --db " + db_ + " kkr-nordjylland-2021-02-01-1.2").out);
  EXPECT_EQ(j["type"], "Orienteringssag");
  EXPECT_EQ(j["title"], "Kapacitetsplan for fysioterapi");
  EXPECT_EQ(j["amounts"][0]["value"], "1750000");
  EXPECT_EQ(j["places"].size(), 2u);
}

TEST_F(CliTest, KillNineLeavesAConsistentStore) {
  // Many packets, each distinct, ingested by a process killed mid-way.
  std::string corpus = Slurp(std::string(SAGSSPOR_CORPUS_DIR) + "/kkr-sjaelland-2020-09-07-dagsorden.txt");
  if (corpus.empty()) corpus = Slurp(good_);
  fs::create_directories(dir_ / "many");
  for (int i = 0; i < 40; ++i) {
    std::ofstream(dir_ / "many" / ("p" + std::to_string(100 + i) + ".txt"))
        << corpus << "\nVersion " << i << "\n";
  }
  for (int delay_ms : {30, 120, 300}) {
    pid_t pid = fork();
    if (pid == 0) {
      execl(SAGSSPOR_BINARY, SAGSSPOR_BINARY, "ingest", "--db", db_.c_str(), (dir_ / "many").c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    sqlite3* db;
    ASSERT_EQ(sqlite3_open((fs::path(db_) / "sagsspor.db").c_str(), &db), SQLITE_OK);
    auto scalar = [&](const char* sql) {
      sqlite3_stmt* st;
      sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
      sqlite3_step(st);
      std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      sqlite3_finalize(st);
      return v;
    };
    EXPECT_EQ(scalar("PRAGMA integrity_check"), "ok");
    // Every stored source is complete: it has its meeting and all 15 items.
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.source_id = s.id)"
                     " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.source_id = s.id)"),
              "0");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM meetings m WHERE (SELECT COUNT(*) FROM items i WHERE i.meeting_pk = m.pk)"
                     " NOT IN (2, 15, 16)"),
              "0");
    sqlite3_close(db);
  }
  // A later run completes the job.
  CommandResult r = Sagsspor("ingest --db " + db_ + " " + (dir_ / "many").string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

}  // namespace
