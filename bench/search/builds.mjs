// Loads the dataset into one wasm module and builds the index BUILDS times; nothing is timed.
// For counting instructions under valgrind (see instructions.sh), where wall time does not matter.
//
// Usage: node builds.mjs DATA_DIR MODULE.wasm BUILDS

import { readFileSync } from 'node:fs';

const [dataDir, file, builds] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const wasm = instance.exports;
const encoded = new TextEncoder().encode(readFileSync(`${dataDir}/data.json`, 'utf8'));
const ptr = wasm.bench_alloc(encoded.length);
new Uint8Array(wasm.memory.buffer, ptr, encoded.length).set(encoded);
if (wasm.load_dataset(ptr, encoded.length) < 0) throw new Error(`${file} rejected the dataset`);
wasm.bench_free(ptr, encoded.length);
for (let i = 0; i < Number(builds); i++) wasm.build_index();
