#!/usr/bin/env bash
# Shared set-up for ./run and ./test: install what is missing, then build.
# Usage: scripts/setup.sh [runtime|test]   (test also installs what tests need)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-runtime}

build_packages=(cmake g++ make pkg-config ca-certificates
  libpoppler-cpp-dev libxapian-dev libsqlite3-dev libcpp-httplib-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev libicu-dev
  nettle-dev libcairo2-dev zlib1g-dev fonts-dejavu-core)
test_packages=(libgtest-dev libgmock-dev libbenchmark-dev poppler-utils
  clang libclang-rt-14-dev sqlite3 time qpdf xapian-tools python3 python3-jsonschema chromium)

wanted=("${build_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser tests' npm packages (playwright-core, axe-core), pinned by
# package-lock.json; node and npm from Debian when the machine has none.
if [ "$mode" = test ]; then
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  (cd "$here/tests/e2e/browser" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$here/build" -j "$jobs"
