#!/usr/bin/env bash
# bench/ingest/run.sh [--no-build] [--out FILE]
#
# Measures sagsspor's ingest against pdftotext in one run and writes the
# results to docs/performance.md (or FILE):
#   - text: MB/s of `sagsspor ingest` (read, parse, store) and `sagsspor
#     parse` (read, parse, JSON to /dev/null) over generated text packets
#     plus the real texts in ../shared/corpus (read in place);
#   - PDF: pages/s of `sagsspor ingest` / `sagsspor parse` against
#     `pdftotext` on the same generated PDFs, both as one call over all
#     files and as one process per file (per file also with the store on
#     tmpfs, to show how much is waiting for disk syncs);
#   - start-up cost per process (sagsspor on a two-byte file, pdftotext -v);
#   - peak memory (max RSS) of those runs and of one text file made of the
#     corpus repeated 1x, 5x and 20x (~9 MB);
#   - the parse_bench micro-benchmark (ParsePacket alone).
# Every timing is the median of BENCH_REPEAT runs (default 3); the
# commands are interleaved so that background load hits all of them alike.
#
# Options:
#   --no-build   use the binaries already built (e.g. while src/ is mid-edit)
#   --out FILE   write the report there instead of docs/performance.md
# Environment: BENCH_TEXT_COUNT (60), BENCH_PDF_COUNT (30), BENCH_REPEAT (3),
#   BENCH_BUILD_DIR (build), SAGSSPOR_CORPUS_DIR (../shared/corpus),
#   BENCH_KEEP=1 keeps the scratch directory.
#
# Nothing here fails on a slow result: there are no thresholds, only a
# report. It exits non-zero only when it cannot measure (build fails, a
# tool is missing).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BENCH_BUILD_DIR:-$root/build}
corpus_dir=${SAGSSPOR_CORPUS_DIR:-$root/../shared/corpus}
text_count=${BENCH_TEXT_COUNT:-60}
pdf_count=${BENCH_PDF_COUNT:-30}
repeat=${BENCH_REPEAT:-3}
out_file=$root/docs/performance.md
do_build=1
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) do_build=0 ;;
    --out) out_file=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

for tool in /usr/bin/time pdftotext pdfinfo python3 cmake; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done

log() { echo "[bench] $*" >&2; }

# ---------------------------------------------------------------- build
if [ "$do_build" = 1 ]; then
  . "$root/bench/lib.sh"
  build_dir=$(release_build_dir "$root" "$build_dir")
  cache=$build_dir/CMakeCache.txt
  if [ ! -f "$cache" ]; then
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >&2
  fi
  log "building sagsspor make_fixtures parse_bench (Release) in $build_dir"
  cmake --build "$build_dir" -j"$(nproc)" --target sagsspor make_fixtures parse_bench >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sagsspor-bench.XXXXXX")
# A store directory in memory (tmpfs), to show how much of a per-file
# ingest is waiting for the disk to sync the store.
shm=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then shm=$(mktemp -d /dev/shm/sagsspor-bench.XXXXXX); fi
if [ "${BENCH_KEEP:-0}" = 1 ]; then
  log "scratch directory kept: $work"
  trap '[ -z "$shm" ] || rm -rf "$shm"' EXIT
else
  trap 'rm -rf "$work"; [ -z "$shm" ] || rm -rf "$shm"' EXIT
fi

# Snapshot the binaries so that a concurrent rebuild cannot swap them mid-run.
mkdir -p "$work/bin"
for b in sagsspor tests/fixtures/make_fixtures bench/parse_bench; do
  if [ -x "$build_dir/$b" ]; then
    cp "$build_dir/$b" "$work/bin/"
  elif [ "$b" != bench/parse_bench ]; then
    echo "run.sh: $build_dir/$b is not built" >&2; exit 1
  fi
done
sagsspor=$work/bin/sagsspor
have_micro=0; [ -x "$work/bin/parse_bench" ] && have_micro=1

# ---------------------------------------------------------------- corpus
log "generating $text_count text packets and $pdf_count PDFs"
"$work/bin/make_fixtures" --out "$work/text" --count "$text_count" --seed 1000
"$work/bin/make_fixtures" --out "$work/pdf" --count "$pdf_count" --seed 5000 --pdf
rm -f "$work/text"/*.expected.json "$work/pdf"/*.expected.json "$work/pdf"/*.txt

text_files=("$work/text"/*.txt)
real_files=()
if compgen -G "$corpus_dir/*.txt" >/dev/null; then real_files=("$corpus_dir"/*.txt); fi
text_files+=("${real_files[@]}")
pdf_files=("$work/pdf"/*.pdf)

# The large input: the real texts (or, without them, the generated ones)
# concatenated 1, 5 and 20 times.
big_src=("${real_files[@]}")
[ ${#big_src[@]} -gt 0 ] || big_src=("$work/text"/*.txt)
mkdir -p "$work/big"
cat "${big_src[@]}" > "$work/big/x1.txt"
for n in 5 20; do
  for _ in $(seq "$n"); do cat "${big_src[@]}"; done > "$work/big/x$n.txt"
done

bytes_of() { cat "$@" | wc -c; }
pdf_pages=0
for f in "${pdf_files[@]}"; do
  p=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  pdf_pages=$((pdf_pages + p))
done

meta=$work/meta.tsv
{
  printf 'text_files\t%s\n' "${#text_files[@]}"
  printf 'text_generated\t%s\n' "$text_count"
  printf 'text_real\t%s\n' "${#real_files[@]}"
  printf 'text_bytes\t%s\n' "$(bytes_of "${text_files[@]}")"
  printf 'pdf_files\t%s\n' "${#pdf_files[@]}"
  printf 'pdf_pages\t%s\n' "$pdf_pages"
  printf 'pdf_bytes\t%s\n' "$(bytes_of "${pdf_files[@]}")"
  for n in 1 5 20; do printf 'big_x%s_bytes\t%s\n' "$n" "$(wc -c < "$work/big/x$n.txt")"; done
  printf 'big_source\t%s\n' "$([ ${#real_files[@]} -gt 0 ] && echo real || echo generated)"
  printf 'repeat\t%s\n' "$repeat"
  printf 'corpus_dir\t%s\n' "$corpus_dir"
} > "$meta"

# Per-file loops, as scripts so that each is one measured process tree.
cat > "$work/loop_pdftotext.sh" <<'EOF'
for f in "$@"; do pdftotext "$f" /dev/null || exit $?; done
EOF
cat > "$work/loop_parse.sh" <<'EOF'
bin=$1; shift
for f in "$@"; do "$bin" parse "$f" >/dev/null || exit $?; done
EOF
cat > "$work/loop_ingest.sh" <<'EOF'
bin=$1; db=$2; shift 2
for f in "$@"; do "$bin" ingest --db "$db" "$f" >/dev/null || exit $?; done
EOF
# Start-up cost, one process per PDF as in the loops above: sagsspor parsing
# a two-byte text file, pdftotext printing its version, and bare spawning.
printf 'x\n' > "$work/tiny.txt"
cat > "$work/loop_startup.sh" <<'EOF'
bin=$1; tiny=$2; shift 2
for f in "$@"; do "$bin" parse "$tiny" >/dev/null || exit $?; done
EOF
cat > "$work/loop_pdftotext_v.sh" <<'EOF'
for f in "$@"; do pdftotext -v 2>/dev/null || exit $?; done
EOF
cat > "$work/loop_true.sh" <<'EOF'
for f in "$@"; do /bin/true "$f" || exit $?; done
EOF

# measure LABEL REP CMD...: runs CMD (stdout to /dev/null) under
# /usr/bin/time and appends LABEL REP wall_s user_s sys_s maxrss_kB exit
# to raw.tsv. A failure is recorded, with its stderr, not hidden.
raw=$work/raw.tsv
: > "$raw"
mkdir -p "$work/err"
measure() {
  local label=$1 rep=$2; shift 2
  local t0 t1 rc=0
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M %x' -o "$work/time.out" "$@" >/dev/null 2>"$work/err/$label.$rep" || rc=$?
  t1=$(date +%s%N)
  local u s m x
  read -r u s m x < <(tail -n 1 "$work/time.out")
  [ "$rc" = 0 ] || x=$rc
  if [ "$x" != 0 ]; then
    log "FAILED ($x): $label run $rep: $(head -c 300 "$work/err/$label.$rep")"
    grep -m1 'signal' "$work/time.out" >> "$work/err/$label.$rep" || true
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$rep" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')" "$u" "$s" "$m" "$x" >> "$raw"
}

# ---------------------------------------------------------------- checks
# One untimed pass: warms the page cache and records what ingest made of
# the inputs (outcomes, layouts), so the report can say what was measured.
log "warm-up and outcome check"
"$sagsspor" ingest --json --db "$work/db-check-text" "${text_files[@]}" > "$work/check-text.json" 2>/dev/null || true
"$sagsspor" ingest --json --db "$work/db-check-pdf" "${pdf_files[@]}" > "$work/check-pdf.json" 2>/dev/null || true
for f in "${pdf_files[@]}"; do pdftotext "$f" /dev/null; done
"$sagsspor" parse "${text_files[@]}" > /dev/null 2>&1 || true

# ---------------------------------------------------------------- timings
start_load=$(cut -d' ' -f1-3 /proc/loadavg)
t_start=$(date +%s)
for rep in $(seq "$repeat"); do
  log "round $rep/$repeat"
  measure text_ingest "$rep" "$sagsspor" ingest --db "$work/db-text-$rep" "${text_files[@]}"
  measure text_parse "$rep" "$sagsspor" parse "${text_files[@]}"
  measure pdftotext_loop "$rep" bash "$work/loop_pdftotext.sh" "${pdf_files[@]}"
  measure pdf_ingest_batch "$rep" "$sagsspor" ingest --db "$work/db-pdf-$rep" "${pdf_files[@]}"
  measure pdf_ingest_loop "$rep" bash "$work/loop_ingest.sh" "$sagsspor" "$work/db-pdfloop-$rep" "${pdf_files[@]}"
  if [ -n "$shm" ]; then
    measure pdf_ingest_loop_tmpfs "$rep" bash "$work/loop_ingest.sh" "$sagsspor" "$shm/db-pdfloop-$rep" "${pdf_files[@]}"
  fi
  measure pdf_parse_loop "$rep" bash "$work/loop_parse.sh" "$sagsspor" "${pdf_files[@]}"
  measure pdf_parse_batch "$rep" "$sagsspor" parse "${pdf_files[@]}"
  measure startup_sagsspor "$rep" bash "$work/loop_startup.sh" "$sagsspor" "$work/tiny.txt" "${pdf_files[@]}"
  measure startup_pdftotext "$rep" bash "$work/loop_pdftotext_v.sh" "${pdf_files[@]}"
  measure startup_spawn "$rep" bash "$work/loop_true.sh" "${pdf_files[@]}"
  for n in 1 5 20; do
    measure "big_x${n}_ingest" "$rep" "$sagsspor" ingest --db "$work/db-big$n-$rep" "$work/big/x$n.txt"
    measure "big_x${n}_parse" "$rep" "$sagsspor" parse "$work/big/x$n.txt"
  done
done
end_load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  printf 'cli_seconds\t%s\n' "$(( $(date +%s) - t_start ))"
  printf 'load_start\t%s\n' "$start_load"
  printf 'load_end\t%s\n' "$end_load"
  printf 'cpu_pressure\t%s\n' "$(awk '/^some/ {sub("avg60=", "", $3); print $3}' /proc/pressure/cpu 2>/dev/null)"
} >> "$meta"

micro_json=$work/parse_bench.json
if [ "$have_micro" = 1 ]; then
  log "parse_bench (ParsePacket only)"
  "$work/bin/parse_bench" --benchmark_min_time=0.5 --benchmark_repetitions="$repeat" \
    --benchmark_report_aggregates_only=true --benchmark_format=json \
    --benchmark_out="$micro_json" --benchmark_out_format=json > /dev/null 2>&1 ||
    log "parse_bench failed"
fi

# ---------------------------------------------------------------- machine
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  printf 'mhz\t%s\n' "$(awk -F': ' '/^cpu MHz/ {printf "%.0f", $2; exit}' /proc/cpuinfo)"
  printf 'mem\t%s\n' "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  printf 'os\t%s\n' "$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)"
  printf 'kernel\t%s\n' "$(uname -r)"
  printf 'compiler\t%s\n' "$(c++ --version 2>/dev/null | head -n 1)"
  printf 'pdftotext\t%s\n' "$(pdftotext -v 2>&1 | head -n 1)"
  printf 'commit\t%s\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  printf 'dirty\t%s\n' "$(git -C "$root" status --porcelain -- src 2>/dev/null | wc -l)"
  printf 'build_dir\t%s\n' "$build_dir"
} >> "$meta"

log "writing $out_file"
python3 "$root/bench/ingest/report.py" --meta "$meta" --raw "$raw" --micro "$micro_json" \
  --check-text "$work/check-text.json" --check-pdf "$work/check-pdf.json" \
  --errors "$work/err" --out "$out_file"
