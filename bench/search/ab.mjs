// Compares two or more builds of our wasm module in one process, interleaved, so that load
// from other work on the machine slows each alike: builds the index ROUNDS times per module
// (alternating modules) and runs every query three times per module (alternating per round).
//
// Usage: node --expose-gc ab.mjs DATA_DIR A.wasm B.wasm [...]  (env ROUNDS, default 7)
// Prints, per module, the median and minimum build time, the median user CPU time of a build and the query p50/p95 over all rounds.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';

const [dataDir, ...files] = process.argv.slice(2);
const rounds = Number(process.env.ROUNDS ?? 7);
const dataText = readFileSync(`${dataDir}/data.json`, 'utf8');
const queriesText = readFileSync(`${dataDir}/queries.json`, 'utf8');
const queryCount = JSON.parse(queriesText).length;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

const modules = [];
for (const file of files) {
  const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
  const wasm = instance.exports;
  const put = (text) => {
    const encoded = new TextEncoder().encode(text);
    const ptr = wasm.bench_alloc(encoded.length);
    new Uint8Array(wasm.memory.buffer, ptr, encoded.length).set(encoded);
    return [ptr, encoded.length];
  };
  let [ptr, len] = put(dataText);
  if (wasm.load_dataset(ptr, len) < 0) throw new Error(`${file} rejected the dataset`);
  wasm.bench_free(ptr, len);
  [ptr, len] = put(queriesText);
  wasm.load_queries(ptr, len);
  wasm.bench_free(ptr, len);
  modules.push({ file, wasm, builds: [], cpu: [], times: [], totals: 0 });
}

const loadBefore = loadavg()[0];
for (let round = 0; round < rounds; round++) {
  for (const m of round % 2 ? [...modules].reverse() : modules) {
    global.gc?.();
    await settle();
    const cpu = process.cpuUsage();
    const start = performance.now();
    m.wasm.build_index();
    m.builds.push(performance.now() - start);
    m.cpu.push(process.cpuUsage(cpu).user / 1000);
  }
}
for (const m of modules) for (let i = 0; i < queryCount; i++) m.wasm.run_query(i); // warm-up
for (let round = 0; round < 3; round++) {
  for (const m of round % 2 ? [...modules].reverse() : modules) {
    let totals = 0;
    for (let i = 0; i < queryCount; i++) {
      const start = performance.now();
      totals += m.wasm.run_query(i);
      m.times.push(performance.now() - start);
    }
    m.totals = totals;
  }
}
console.log(`load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after; ${rounds} builds each`);
for (const m of modules) {
  console.log(
    `${m.file.padEnd(48)} build median ${median(m.builds).toFixed(1)} ms, min ${Math.min(...m.builds).toFixed(1)} ms, ` +
      `user CPU median ${median(m.cpu).toFixed(1)} ms; ` +
      `query p50 ${(percentile(m.times, 50) * 1000).toFixed(1)} µs, p95 ${(percentile(m.times, 95) * 1000).toFixed(1)} µs; ` +
      `results ${m.totals}; index ${(m.wasm.index_heap_bytes() / 1e6).toFixed(2)} MB`,
  );
}
