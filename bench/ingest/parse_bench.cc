// parse_bench: throughput of sagsspor::packet::ParsePacket() alone (no file
// reading, no decoding, no store), in bytes of packet text per second.
//
//   build/bench/parse_bench [--benchmark_filter=...] [other Google Benchmark flags]
//
// Inputs: one synthetic packet per layout (tests/fixtures, when built) and
// the real agenda
// ../shared/corpus/kkr-sjaelland-2020-09-07-dagsorden.txt (skipped with a
// message when absent). Run by bench/ingest/run.sh; see docs/performance.md.

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "packet/parser.h"
#include "text/source_reader.h"

#ifdef SAGSSPOR_BENCH_HAVE_FIXTURES
#include "fixtures/synthetic_packet.h"
#endif

namespace {

using sagsspor::text::RawText;

RawText MakeRaw(std::string text, const std::string& name) {
  RawText raw;
  raw.source.file = name;
  raw.source.sha256 = std::string(64, 'a');
  raw.source.bytes = text.size();
  raw.source.encoding = "UTF-8";
  raw.pages = {std::move(text)};
  return raw;
}

void RunParse(benchmark::State& state, const RawText& raw) {
  const auto& vocabulary = sagsspor::packet::Vocabulary::Default();  // loaded outside the loop
  for (auto _ : state) {
    sagsspor::model::Packet packet = sagsspor::packet::ParsePacket(raw, vocabulary);
    benchmark::DoNotOptimize(packet);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(raw.pages.front().size()));
  state.counters["input_bytes"] = static_cast<double>(raw.pages.front().size());
}

void BM_ParseCorpusAgenda(benchmark::State& state) {
  static const std::string path =
      std::string(SAGSSPOR_CORPUS_DIR) + "/kkr-sjaelland-2020-09-07-dagsorden.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    state.SkipWithError(("cannot read " + path).c_str());
    for (auto _ : state) {}
    return;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  static const RawText raw = MakeRaw(buffer.str(), path);
  RunParse(state, raw);
}
BENCHMARK(BM_ParseCorpusAgenda)->Unit(benchmark::kMillisecond);

#ifdef SAGSSPOR_BENCH_HAVE_FIXTURES
using sagsspor::fixtures::PacketLayout;

void BM_ParseSynthetic(benchmark::State& state) {
  PacketLayout layout = sagsspor::fixtures::kAllLayouts[state.range(0)];
  const RawText raw = MakeRaw(sagsspor::fixtures::MakePacket(layout, 1).text,
                              sagsspor::fixtures::LayoutName(layout));
  state.SetLabel(sagsspor::fixtures::LayoutName(layout));
  RunParse(state, raw);
}
BENCHMARK(BM_ParseSynthetic)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);
#endif

}  // namespace

BENCHMARK_MAIN();
