#!/usr/bin/env bash
# Runs the whole search comparison in one go, from the repository root or from here:
#   bash bench/search/run.sh [INITIATIVES] [QUERIES]
# 1. generates the dataset and queries (bench/search/data/), 2. runs the native benchmark,
# 3. builds the wasm module twice (the widget's size-optimised profile and release),
# 4. runs our wasm, MiniSearch and FlexSearch in Node and prints everything side by side.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="$here/data"
cd "$root"
cargo run --quiet --release -p bench-search --bin generate -- "$data" "${1:-10000}" "${2:-1000}"
cargo bench --quiet -p verschilmaker --bench search -- --data "$data" --json "$data/native.json"
cargo build --quiet -p bench-search --lib --target wasm32-unknown-unknown --profile wasm
cargo build --quiet -p bench-search --lib --target wasm32-unknown-unknown --release
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
node --expose-gc compare.mjs "$data" \
  "$root/target/wasm32-unknown-unknown/wasm/bench_search.wasm" \
  "$root/target/wasm32-unknown-unknown/release/bench_search.wasm"
