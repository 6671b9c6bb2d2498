#!/usr/bin/env bash
# bench/search/run.sh [--quick] [--no-build] [--out FILE]
#
# Measures the search index (src/search) against SQLite FTS5, PostgreSQL
# full-text search and bare Xapian in one run, and writes the results as
# the section between "<!-- search:begin -->" and "<!-- search:end -->" of
# docs/performance.md (or FILE), replacing it when present, appending it
# when not. The rest of the file is left as it is.
#
#   - build time and items/s of each index over the same generated items
#     (10,000 and 100,000; --quick: 10,000 only);
#   - p50/p99 latency of a fixed query mix (~200 queries, seed 42, top 10);
#   - nDCG@10 over the judged queries in bench/search/judgments.tsv.
#
# PostgreSQL: installs the `postgresql` package when initdb is missing,
# creates a throwaway cluster with initdb (as user postgres when run as
# root) in the scratch directory, starts it on 127.0.0.1 on a free port
# with its unix socket in the same directory, and stops and deletes it on
# exit. libpq-dev is installed when missing (search_bench links libpq).
#
# Options:
#   --quick      10,000 items only (about 1-2 minutes after the build)
#   --no-build   use build/bench/search_bench as it is
#   --out FILE   write the section into FILE instead of docs/performance.md
# Environment: BENCH_SEARCH_ITEMS (10000,100000), BENCH_SEARCH_QUERIES (200),
#   BENCH_SEARCH_ROUNDS (3), BENCH_SEARCH_TMPFS (1: indexes and the
#   PostgreSQL cluster on /dev/shm; 0: under TMPDIR), BENCH_BUILD_DIR,
#   SAGSSPOR_CORPUS_DIR, BENCH_KEEP=1 keeps the scratch directory.
#
# There are no thresholds: it reports the goals as met or not met and
# exits non-zero only when it cannot measure.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BENCH_BUILD_DIR:-$root/build}
corpus_dir=${SAGSSPOR_CORPUS_DIR:-$root/../shared/corpus}
items=${BENCH_SEARCH_ITEMS:-10000,100000}
queries=${BENCH_SEARCH_QUERIES:-200}
rounds=${BENCH_SEARCH_ROUNDS:-3}
out_file=$root/docs/performance.md
do_build=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) items=10000 ;;
    --no-build) do_build=0 ;;
    --out) out_file=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "search/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "[bench/search] $*" >&2; }

# ------------------------------------------------------------- packages
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
dpkg -s libpq-dev >/dev/null 2>&1 || missing+=(libpq-dev)
[ -n "$(find_pg_bin)" ] && [ -x "$(find_pg_bin)/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
pg_bin=$(find_pg_bin)
[ -x "$pg_bin/initdb" ] || { echo "search/run.sh: initdb not found under /usr/lib/postgresql" >&2; exit 1; }

# ---------------------------------------------------------------- build
if [ "$do_build" = 1 ]; then
  . "$root/bench/lib.sh"
  build_dir=$(release_build_dir "$root" "$build_dir")
  cache=$build_dir/CMakeCache.txt
  # Configure again when search_bench is unknown (e.g. libpq-dev just installed).
  if [ ! -f "$cache" ] || ! grep -q 'LIBPQ_FOUND:INTERNAL=1' "$cache"; then
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >&2
  fi
  log "building search_bench (Release) in $build_dir"
  cmake --build "$build_dir" -j"$(nproc)" --target search_bench >&2
fi
[ -x "$build_dir/bench/search_bench" ] || { echo "search/run.sh: $build_dir/bench/search_bench is not built" >&2; exit 1; }

# --------------------------------------------------------------- scratch
base=${TMPDIR:-/tmp}
storage="disk (${base})"
if [ "${BENCH_SEARCH_TMPFS:-1}" = 1 ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  base=/dev/shm
  storage="tmpfs (/dev/shm)"
fi
work=$(mktemp -d "$base/sagsspor-search-bench.XXXXXX")
disk_work=$(mktemp -d "${TMPDIR:-/tmp}/sagsspor-search-disk.XXXXXX")
chmod 755 "$work"
pg_dir=$work/pg
as_pg=()
cleanup() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    log "scratch directories kept: $work $disk_work"
  else
    rm -rf "$work" "$disk_work"
  fi
}
trap cleanup EXIT

cp "$build_dir/bench/search_bench" "$work/search_bench"  # a rebuild cannot swap it mid-run

# ------------------------------------------------------------ PostgreSQL
mkdir -p "$pg_dir"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "search/run.sh: no postgres user" >&2; exit 1; }
  chown postgres: "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'): throwaway cluster on 127.0.0.1:$port"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  > "$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null ||
  { cat "$pg_dir/server.log" >&2; exit 1; }
conninfo="host=$pg_dir port=$port user=postgres dbname=postgres"

# ------------------------------------------------------------------ run
log "search_bench: items $items, $queries queries x $rounds rounds, indexes on $storage"
start_load=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s)
"$work/search_bench" --items "$items" --queries "$queries" --rounds "$rounds" --seed 42 \
  --work "$work/idx" --disk-dir "$disk_work" --pg "$conninfo" \
  --judgments "$root/bench/search/judgments.tsv" --corpus "$corpus_dir" \
  --out "$work/results.json"
t1=$(date +%s)

meta=$work/meta.tsv
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  printf 'mem\t%s\n' "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  printf 'os\t%s\n' "$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)"
  printf 'kernel\t%s\n' "$(uname -r)"
  printf 'compiler\t%s\n' "$(c++ --version 2>/dev/null | head -n 1)"
  printf 'commit\t%s\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  printf 'dirty\t%s\n' "$(git -C "$root" status --porcelain -- src 2>/dev/null | wc -l)"
  printf 'storage\t%s\n' "$storage"
  printf 'disk_dir\t%s\n' "${TMPDIR:-/tmp}"
  printf 'seconds\t%s\n' "$((t1 - t0))"
  printf 'load_start\t%s\n' "$start_load"
  printf 'load_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'quick\t%s\n' "$([ "$items" = 10000 ] && echo 1 || echo 0)"
} > "$meta"

log "writing the search section of $out_file"
python3 "$root/bench/search/report.py" --results "$work/results.json" --meta "$meta" --out "$out_file"
