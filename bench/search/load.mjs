// Loading a dataset in a fresh wasm instance beside a second load in the same instance (the
// baseline): with an allocator that grows wasm memory a page at a time the first load costs
// several times the second (issue 19); they should cost the same. Run by `load.sh`.
//
//   node load.mjs DATA.json MODULE.wasm... [--runs N]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const [dataFile, ...modules] = args;
const data = readFileSync(dataFile);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / 1e6).toFixed(0);

console.log(`${dataFile}: ${mb(data.length)} MB; each figure the median of ${runs} fresh instances`);
for (const file of modules) {
  const module = await WebAssembly.compile(readFileSync(file));
  const first = [];
  const second = [];
  let memory = [0, 0];
  for (let run = 0; run < runs; run++) {
    const { exports: wasm } = await WebAssembly.instantiate(module, {});
    const ptr = wasm.bench_alloc(data.length);
    new Uint8Array(wasm.memory.buffer, ptr, data.length).set(data);
    const before = wasm.memory.buffer.byteLength;
    let start = performance.now();
    if (wasm.load_dataset(ptr, data.length) < 0) throw new Error(`${file} rejected ${dataFile}`);
    first.push(performance.now() - start);
    const grown = wasm.memory.buffer.byteLength;
    wasm.drop_dataset();
    start = performance.now();
    if (wasm.load_dataset(ptr, data.length) < 0) throw new Error(`${file} rejected ${dataFile}`);
    second.push(performance.now() - start);
    memory = [before, grown];
  }
  const [a, b] = [median(first), median(second)];
  console.log(
    `${file}\n  first load in a fresh instance ${a.toFixed(0)} ms, second load in the same instance ` +
      `${b.toFixed(0)} ms (baseline): ${(a / b).toFixed(2)}x; wasm memory ${mb(memory[0])} MB with the ` +
      `file, ${mb(memory[1])} MB after the first load`,
  );
}
