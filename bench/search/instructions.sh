#!/usr/bin/env bash
# Counts the x86 instructions one index build of a wasm module takes in Node, as the difference
# between three builds and one under callgrind, divided by two. Node runs single-threaded with
# TurboFan only, so the count is deterministic to about 0.1 %, unlike wall time on a shared
# machine. It takes about two minutes per module (valgrind runs Node some 50 times slower).
#   bash bench/search/instructions.sh [DATA_DIR] MODULE.wasm [MODULE.wasm ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$here/data"
if [ -d "${1:-}" ]; then data="$1"; shift; fi
count() {
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null \
    node --single-threaded --no-liftoff "$here/builds.mjs" "$data" "$1" "$2" 2>&1 |
    sed -n 's/.*Collected : //p'
}
for module in "$@"; do
  one=$(count "$module" 1)
  three=$(count "$module" 3)
  echo "$module: $(( (three - one) / 2 / 1000000 )) M instructions per build"
done
