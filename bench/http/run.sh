#!/usr/bin/env bash
# bench/http/run.sh [--no-build] [--out FILE]
#
# Load-tests `sagsspor serve` with wrk on loopback and writes the results as
# the "http" section of docs/performance.md (or FILE):
#   - requests/s and latency (p50, p99) for item pages, search pages and the
#     JSON search API (a fixed query mix), and OParl list pages;
#   - the server's peak memory (VmHWM).
# The data: BENCH_HTTP_PACKETS synthetic packets (default 10,000, about
# 100,000 agenda items) made by make_fixtures and ingested with `sagsspor
# ingest` as a user would. wrk runs BENCH_HTTP_SECONDS (10) per target with
# 2 threads and 32 connections; the server uses its default 32 worker
# threads (cpp-httplib serves a keep-alive connection on one thread until
# it closes, so fewer threads than connections leave some waiting). Nothing
# fails on a slow result: this is a report, not a test.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BENCH_BUILD_DIR:-$root/build}
out_file=$root/docs/performance.md
packets=${BENCH_HTTP_PACKETS:-10000}
seconds=${BENCH_HTTP_SECONDS:-10}
do_build=1
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) do_build=0 ;;
    --out) out_file=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "http/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "[bench/http] $*" >&2; }

for p in wrk sqlite3; do
  if ! command -v "$p" >/dev/null 2>&1; then
    log "installing $p"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
  fi
done

if [ "$do_build" = 1 ]; then
  . "$root/bench/lib.sh"
  build_dir=$(release_build_dir "$root" "$build_dir")
  [ -f "$build_dir/CMakeCache.txt" ] || cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$build_dir" -j"$(nproc)" --target sagsspor make_fixtures >&2
fi
sagsspor=$build_dir/sagsspor
make_fixtures=$build_dir/tests/fixtures/make_fixtures

work=$(mktemp -d "${TMPDIR:-/tmp}/sagsspor-http-bench.XXXXXX")
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

log "generating $packets packets"
"$make_fixtures" --out "$work/packets" --count "$packets" --seed 1 >/dev/null
rm -f "$work"/packets/*.expected.json
log "ingesting them"
t0=$(date +%s.%N)
"$sagsspor" ingest --db "$work/db" "$work/packets" >/dev/null
t1=$(date +%s.%N)
items=$(sqlite3 "$work/db/sagsspor.db" "SELECT COUNT(*) FROM items i JOIN meetings m ON m.pk = i.meeting_pk
  JOIN sources s ON s.id = m.source_id WHERE s.superseded_by IS NULL")
# Current items only: generated packets can share a meeting, and then the
# later one supersedes the earlier.
sqlite3 "$work/db/sagsspor.db" "SELECT i.id FROM items i JOIN meetings m ON m.pk = i.meeting_pk
  JOIN sources s ON s.id = m.source_id WHERE s.superseded_by IS NULL ORDER BY random() LIMIT 2000" > "$work/item-ids"
body=$(sqlite3 "$work/db/sagsspor.db" "SELECT body FROM meetings GROUP BY body ORDER BY COUNT(*) DESC LIMIT 1")
body_slug=$(python3 -c 'import sys,re,unicodedata
s=sys.argv[1].lower()
for a,b in (("æ","ae"),("ø","oe"),("å","aa"),("é","e")): s=s.replace(a,b)
print(re.sub("[^a-z0-9]+","-",s).strip("-"))' "$body")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$sagsspor" serve --db "$work/db" --listen "127.0.0.1:$port" --threads 32 2>/dev/null &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# wrk scripts: each request picks a path from a list, round robin.
paths_script() {  # FILE_WITH_PATHS
  cat <<LUA
local paths = {}
for line in io.lines("$1") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
}
sed 's|^|/punkter/|' "$work/item-ids" > "$work/items.txt"
queries="rammeaftale kapacitet takster klimaplan fysioterapi demens praksisplan budget borgere%20klimaplan kapacit* %22specialiserede%20socialomr%C3%A5de%22 year:2023%20rammeaftale"
for q in $queries; do echo "/soeg?q=$q"; done > "$work/search.txt"
for q in $queries; do echo "/api/search?q=$q"; done > "$work/api.txt"
for p in 1 2 3 4 5; do echo "/oparl/v1.1/body/$body_slug/papers?page=$p"; echo "/oparl/v1.1/body/$body_slug/meetings?page=$p"; done > "$work/oparl.txt"

results=$work/results.tsv
: > "$results"
for target in items search api oparl; do
  paths_script "$work/$target.txt" > "$work/$target.lua"
  log "wrk: $target"
  line=$(wrk -t2 -c32 -d"${seconds}s" --latency -s "$work/$target.lua" "http://127.0.0.1:$port" | grep '^RESULT' || true)
  echo "$target $line" >> "$results"
done
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")

python3 - "$out_file" "$results" "$items" "$packets" "$hwm" "$rss" "$(python3 -c "print(f'{$t1-$t0:.1f}')")" "$seconds" <<'PY'
import os, platform, subprocess, sys, datetime
sys.path.insert(0, os.path.join(os.getcwd(), "bench")) if os.path.isdir("bench") else None
out, results, items, packets, hwm, rss, ingest_s, seconds = sys.argv[1:9]
here = os.path.dirname(os.path.dirname(os.path.abspath(out)))
sys.path.insert(0, os.path.join(here, "bench"))
from benchlib import replace_section
names = {"items": "item pages `/punkter/ID`", "search": "search pages `/soeg?q=…`",
         "api": "JSON search `/api/search?q=…`", "oparl": "OParl list pages (papers, meetings)"}
goals = {"items": 5000, "search": 1000, "api": 1000}
rows, verdicts = [], []
for line in open(results):
    parts = line.split()
    target = parts[0]
    if len(parts) < 7:
        rows.append(f"| {names[target]} | no result | | | |")
        continue
    reqs, dur, p50, p99, errors = int(parts[2]), float(parts[3]), float(parts[4]), float(parts[5]), int(parts[6])
    rps = reqs / dur if dur else 0
    rows.append(f"| {names[target]} | {rps:,.0f} | {p50:.2f} ms | {p99:.2f} ms | {errors} |")
    if target in goals:
        ok = rps >= goals[target]
        verdicts.append(f"| ≥ {goals[target]:,} req/s for {names[target]} | {rps:,.0f} req/s | {'**met**' if ok else '**not met**'} |")
hwm_mb, rss_mb = int(hwm) / 1024, int(rss) / 1024
verdicts.append(f"| server RSS ≤ 300 MB | peak {hwm_mb:.0f} MB (now {rss_mb:.0f} MB) | {'**met**' if hwm_mb <= 300 else '**not met**'} |")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
body = f"""## HTTP (bench/http)

Run: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores ({cpu}). `bench/http/run.sh` generated
{int(packets):,} synthetic packets ({int(items):,} agenda items), ingested them with `sagsspor ingest`
({ingest_s} s, store and index on disk), served them with `sagsspor serve --threads 32` (the default) on
loopback, and ran wrk (2 threads, 32 connections, {seconds} s a target) on the same machine, so client and
server share the two cores. Paths rotate through 2,000 random items, a fixed query mix, and OParl list pages.

| Goal (issue 5) | Measured | Status |
|---|---|---|
""" + "\n".join(verdicts) + """

| Target | Requests/s | p50 | p99 | Errors |
|---|---|---|---|---|
""" + "\n".join(rows) + "\n"
replace_section(out, "http", body)
print(body)
PY
