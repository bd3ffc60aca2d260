#!/usr/bin/env bash
# Counts the x86 instructions of one suggest_for_initiative call (k = 10) natively, as the mean
# over the benchmark's 64 initiatives, under callgrind. Unlike wall time on this shared machine
# the count is deterministic, so it tells whether a change to matching does less work; check
# the time with `cargo bench -p verschilmaker --bench matching -- suggest` as well, because
# memory traffic does not show in the count. Takes about 30 s per size.
#   bash bench/matching-instructions.sh [OFFERS ...]    (default: 10000 100000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo build --quiet --release -p bench-wasm --bin matching-native --manifest-path "$root/Cargo.toml"
binary="${CARGO_TARGET_DIR:-$root/target}/release/matching-native"
for offers in "${@:-10000 100000}"; do
  for n in $offers; do
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      --toggle-collect='verschilmaker::matching::suggest::suggest_for_initiative' \
      "$binary" "$n" 2000 7 1 64 2>&1 | sed -n 's/.*Collected : //p')
    [ -n "$total" ] || { echo "callgrind gave no count for $binary" >&2; exit 1; }
    echo "$n offers: $(( total / 64 / 1000 )) k instructions per call"
  done
done
