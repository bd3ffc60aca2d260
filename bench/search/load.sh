#!/usr/bin/env bash
# Times loading a dataset in a fresh wasm instance beside a second load in the same instance,
# with the widget's allocator (widget/src/alloc.rs), from the repository root or from here:
#   bash bench/search/load.sh [INITIATIVES]     (default 40 000: a file of about 59 MB)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="$here/data/load-${1:-40000}"
cd "$root"
cargo run --quiet --release -p bench-search --bin generate -- "$data" "${1:-40000}" 10
cargo build --quiet -p bench-search --lib --target wasm32-unknown-unknown --profile wasm
node "$here/load.mjs" "$data/data.json" "$root/target/wasm32-unknown-unknown/wasm/bench_search.wasm"
