// Times core's min-cost flow solver as wasm under Node, beside the native build and OR-Tools.
//
//   node bench/run.mjs [FILE.flow] [RUNS]
//
// Builds bench-wasm for wasm32-unknown-unknown and the native `flow-native` binary (both
// release), then solves FILE (default: ../shared/bench/medium.flow beside the repository)
// RUNS times (default 7) in each and prints the medians side by side. OR-Tools runs too
// when the Python of ORTOOLS_PYTHON (default target/ortools-venv/bin/python) exists.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const flowFile = resolve(process.argv[2] ?? join(root, "../shared/bench/medium.flow"));
const runs = Number(process.argv[3] ?? 7);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cargo = (args) => execFileSync("cargo", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

if (!existsSync(flowFile)) {
  console.error(`cannot find ${flowFile}`);
  process.exit(2);
}
cargo(["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "-p", "bench-wasm", "--lib"]);
cargo(["build", "--quiet", "--release", "-p", "bench-wasm", "--bin", "flow-native"]);

// The wasm figure: load once, then time flow_solve alone, as the native binary does.
const wasmPath = join(root, "target/wasm32-unknown-unknown/release/bench_wasm.wasm");
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const wasm = instance.exports;
const bytes = readFileSync(flowFile);
const pointer = wasm.input_buffer(bytes.length);
new Uint8Array(wasm.memory.buffer, pointer, bytes.length).set(bytes);
if (wasm.flow_load() < 0n) {
  console.error(`${flowFile} is not a valid .flow file`);
  process.exit(1);
}
const wasmTimes = [];
let wasmObjective;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  wasmObjective = wasm.flow_solve();
  wasmTimes.push(performance.now() - start);
}
const wasmMs = median(wasmTimes);

const native = JSON.parse(
  execFileSync(join(root, "target/release/flow-native"), [flowFile, String(runs)], { encoding: "utf8" }),
);

let ortools = null;
const python = process.env.ORTOOLS_PYTHON ?? join(root, "target/ortools-venv/bin/python");
if (existsSync(python)) {
  const script = join(dirname(flowFile), "solve_flowfile.py");
  ortools = JSON.parse(execFileSync(python, [script, flowFile], { encoding: "utf8" }));
}

const row = (name, objective, ms, runsText) =>
  console.log(`  ${name.padEnd(30)} objective ${String(objective).padStart(12)}   median of ${runsText}: ${ms.toFixed(1).padStart(8)} ms`);
console.log(`\n${flowFile}`);
row(`wasm (Node ${process.versions.node})`, wasmObjective, wasmMs, runs);
row("native", native.objective, native.solve_ms_median, native.runs);
if (ortools) {
  row("OR-Tools (native, C++)", ortools.objective, ortools.solve_ms_median_of_5, 5);
} else {
  console.log(`  OR-Tools not measured: no Python at ${python} (set ORTOOLS_PYTHON)`);
}
console.log(`  ratio wasm / native:   ${(wasmMs / native.solve_ms_median).toFixed(2)}`);
if (ortools) {
  console.log(`  ratio wasm / OR-Tools: ${(wasmMs / ortools.solve_ms_median_of_5).toFixed(2)}`);
  console.log(`  ratio native / OR-Tools: ${(native.solve_ms_median / ortools.solve_ms_median_of_5).toFixed(2)}`);
}
const objectives = new Set([wasmObjective, native.objective, ...(ortools ? [ortools.objective] : [])]);
if (objectives.size !== 1) {
  console.error("  the objectives differ");
  process.exit(1);
}
