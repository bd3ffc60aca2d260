// Times matching suggestions as wasm under Node, beside the native build in the same run.
//
//   node bench/matching.mjs [OFFERS] [ROUNDS] [CALLS]
//
// Builds bench-wasm for wasm32-unknown-unknown and the native `matching-native` binary (both
// release). Both generate the same seeded dataset (OFFERS offers, default 100000, and 2000
// initiatives), build the index once, then time ROUNDS rounds (default 15) of CALLS calls
// (default 64) of suggest_for_initiative(k = 10), cycling through 64 initiatives, and print
// the median time per call and the ratio wasm / native. WASM_PROFILE=wasm builds the wasm
// module with the widget bundle's size-first profile (opt-level "z", LTO) instead of release.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const offers = Number(process.argv[2] ?? 100000);
const rounds = Number(process.argv[3] ?? 15);
const calls = Number(process.argv[4] ?? 64);
const [initiatives, seed] = [2000, 7];
const wasmProfile = process.env.WASM_PROFILE ?? "release";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cargo = (args) => execFileSync("cargo", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
cargo(["build", "--quiet", "--profile", wasmProfile, "--target", "wasm32-unknown-unknown", "-p", "bench-wasm", "--lib"]);
cargo(["build", "--quiet", "--release", "-p", "bench-wasm", "--bin", "matching-native"]);

const wasmPath = join(root, `target/wasm32-unknown-unknown/${wasmProfile}/bench_wasm.wasm`);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const wasm = instance.exports;
const setupStart = performance.now();
const count = wasm.matching_setup(offers, initiatives, seed);
const setupMs = performance.now() - setupStart;
wasm.matching_suggest(0, calls); // warm up
const times = [];
let checksum = 0;
for (let round = 0; round < rounds; round++) {
  const start = performance.now();
  checksum += wasm.matching_suggest(round * calls, calls);
  times.push((performance.now() - start) / calls);
}
const native = JSON.parse(
  execFileSync(
    join(root, "target/release/matching-native"),
    [offers, initiatives, seed, rounds, calls].map(String),
    { encoding: "utf8" },
  ),
);
const wasmMs = median(times);
console.log(`\nsuggest_for_initiative (k = 10) over ${count} offers, ${initiatives} initiatives`);
console.log(`  wasm (Node ${process.versions.node}, profile ${wasmProfile}): ${wasmMs.toFixed(4)} ms per call (median of ${rounds} × ${calls})`);
console.log(`  native:            ${native.ms_per_call_median.toFixed(4)} ms per call (CPU time ${native.cpu_ms_per_call_median.toFixed(4)} ms)`);
console.log(`  wasm / native:     ${(wasmMs / native.ms_per_call_median).toFixed(2)}`);
console.log(`  (wasm dataset generation + index build: ${setupMs.toFixed(0)} ms)`);
if (Math.abs(checksum - native.checksum) > 1e-6 * Math.abs(checksum)) {
  console.error(`  the checksums differ: wasm ${checksum}, native ${native.checksum}`);
  process.exit(1);
}
