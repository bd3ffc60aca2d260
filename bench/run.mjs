// Times core's min-cost flow solver as wasm under Node, beside the native build and OR-Tools.
//
//   node bench/run.mjs [FILE.flow] [RUNS]
//
// Builds bench-wasm for wasm32-unknown-unknown and the native `flow-native` binary (both
// release), then solves FILE (default: core's benchmark network of an allocation round, written
// to target/bench/medium.flow by `flow-native --write-benchmark`) RUNS times (default 7) in each, with the default pivot block (√arcs) and with the block
// of one need's candidates (50) that suits allocation rounds, and prints the medians side
// by side. OR-Tools runs too when the Python of ORTOOLS_PYTHON (default
// target/ortools-venv/bin/python) exists. WASM_PROFILE=wasm builds the wasm module with the
// size-first profile of the widget bundle instead of release.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const flowFile = resolve(process.argv[2] ?? join(root, "target/bench/medium.flow"));
const runs = Number(process.argv[3] ?? 7);
const wasmProfile = process.env.WASM_PROFILE ?? "release";
const configs = [
  { name: "default (block √m)", blockSize: 0 },
  { name: "allocation (block 50)", blockSize: 50 },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cargo = (args) => execFileSync("cargo", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

cargo(["build", "--quiet", "--profile", wasmProfile, "--target", "wasm32-unknown-unknown", "-p", "bench-wasm", "--lib"]);
cargo(["build", "--quiet", "--release", "-p", "bench-wasm", "--bin", "flow-native"]);
if (process.argv[2] === undefined) {
  mkdirSync(dirname(flowFile), { recursive: true });
  execFileSync(join(root, "target/release/flow-native"), ["--write-benchmark", flowFile], { stdio: "inherit" });
}
if (!existsSync(flowFile)) {
  console.error(`cannot find ${flowFile}`);
  process.exit(2);
}

const wasmPath = join(root, `target/wasm32-unknown-unknown/${wasmProfile}/bench_wasm.wasm`);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const wasm = instance.exports;
const bytes = readFileSync(flowFile);
const pointer = wasm.input_buffer(bytes.length);
new Uint8Array(wasm.memory.buffer, pointer, bytes.length).set(bytes);
if (wasm.flow_load() < 0n) {
  console.error(`${flowFile} is not a valid .flow file`);
  process.exit(1);
}

// For each configuration: wasm, then native right after, so each ratio compares figures
// taken in the same minute of a shared machine. Only the solve is timed in both.
const results = [];
for (const { name, blockSize } of configs) {
  const times = [];
  let objective;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    objective = wasm.flow_solve(blockSize);
    times.push(performance.now() - start);
  }
  const native = JSON.parse(
    execFileSync(join(root, "target/release/flow-native"), [flowFile, String(runs), String(blockSize)], {
      encoding: "utf8",
    }),
  );
  results.push({ name, wasmMs: median(times), wasmObjective: objective, native });
}

let ortools = null;
const python = process.env.ORTOOLS_PYTHON ?? join(root, "target/ortools-venv/bin/python");
if (existsSync(python)) {
  const script = join(root, "bench/ortools/solve_flowfile.py");
  ortools = JSON.parse(execFileSync(python, [script, flowFile], { encoding: "utf8" }));
}

const row = (name, objective, ms, runsText) =>
  console.log(
    `  ${name.padEnd(40)} objective ${String(objective).padStart(12)}   median of ${runsText}: ${ms.toFixed(1).padStart(8)} ms`,
  );
console.log(`\n${flowFile}`);
for (const r of results) {
  row(`${r.name}, wasm ${wasmProfile} (Node ${process.versions.node})`, r.wasmObjective, r.wasmMs, runs);
  row(`${r.name}, native`, r.native.objective, r.native.solve_ms_median, r.native.runs);
}
if (ortools) {
  row("OR-Tools (native, C++)", ortools.objective, ortools.solve_ms_median_of_5, 5);
} else {
  console.log(`  OR-Tools not measured: no Python at ${python} (set ORTOOLS_PYTHON)`);
}
for (const r of results) {
  let line = `  ${r.name}: wasm / native ${(r.wasmMs / r.native.solve_ms_median).toFixed(2)}`;
  if (ortools) {
    const o = ortools.solve_ms_median_of_5;
    line += `, wasm / OR-Tools ${(r.wasmMs / o).toFixed(2)}, native / OR-Tools ${(r.native.solve_ms_median / o).toFixed(2)}`;
  }
  console.log(line);
}
const objectives = new Set(results.flatMap((r) => [r.wasmObjective, r.native.objective]));
if (ortools) objectives.add(ortools.objective);
if (objectives.size !== 1) {
  console.error("  the objectives differ");
  process.exit(1);
}
