# Shared by the bench/*/run.sh scripts; source it, do not run it.

# release_build_dir ROOT BUILD_DIR: prints the build directory to measure
# from: BUILD_DIR when it is a plain Release build (or not configured yet),
# else ROOT/build-bench, leaving a Debug or sanitizer tree alone.
release_build_dir() {
  local root=$1 build_dir=$2 cache=$2/CMakeCache.txt
  if [ -f "$cache" ] && { ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$cache" ||
                          grep -q '^SAGSSPOR_SANITIZE:BOOL=ON$' "$cache"; }; then
    echo "build/ is not a plain Release build; using $root/build-bench" >&2
    build_dir=$root/build-bench
  fi
  echo "$build_dir"
}
