#!/usr/bin/env bash
# Instructions per wasm function of one index build in Node (TurboFan), for finding where a
# wasm build spends them: runs builds.mjs under callgrind with one build and with three, maps
# the costs onto V8's perf map and prints half the difference per function (wasm-profile.py).
# About five minutes per module; run one at a time.
#   bash bench/search/wasm-profile.sh [DATA_DIR] MODULE.wasm [TOP]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$here/data"
if [ -d "${1:-}" ]; then data="$(cd "$1" && pwd)"; shift; fi
module="$1"
work="$(mktemp -d)"
module="$(cd "$(dirname "$module")" && pwd)/$(basename "$module")"
# Node with --perf-basic-prof also writes an isolate-*.log into the working directory.
cd "$work"
run() {
  valgrind --tool=callgrind --dump-instr=yes --smc-check=all-non-file --callgrind-out-file="$work/$1.cg" \
    node --single-threaded --no-liftoff --perf-basic-prof "$here/builds.mjs" "$data" "$module" "$1" \
    >/dev/null 2>&1 &
  local pid=$!
  wait $pid
  # Valgrind runs Node in the same process, so the map is named by that process id.
  mv "/tmp/perf-$pid.map" "$work/$1.map"
}
run 1
run 3
python3 "$here/wasm-profile.py" "$work/1.cg" "$work/1.map" "$work/3.cg" "$work/3.map" "${2:-40}"
rm -r "$work"
