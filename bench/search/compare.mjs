// Runs our engine (as wasm), MiniSearch and FlexSearch on the same generated data and queries,
// in one process and one run, and prints build time, memory and query latency side by side,
// next to our native figures when `native.json` (written by `cargo bench`) is present.
//
// Usage: node --expose-gc compare.mjs [DATA_DIR] [WASM_FILE...]
// (bench/search/run.sh does everything, from generating the data to this table.)

import { readFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadavg, cpus } from 'node:os';
import MiniSearch from 'minisearch';
import { Document, Charset } from 'flexsearch';

const dataDir = process.argv[2] ?? 'data';
const wasmFiles = process.argv.slice(3);
const dataText = readFileSync(`${dataDir}/data.json`, 'utf8');
const queriesText = readFileSync(`${dataDir}/queries.json`, 'utf8');
const queries = JSON.parse(queriesText);
const ROUNDS = 3;
const BUILDS = 3;
const LIMIT = 20;

if (typeof global.gc !== 'function') {
  console.error('run with node --expose-gc, so that memory can be measured');
  process.exit(1);
}

// Case and diacritics folding, as our engine does it.
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');

// ---- Measuring helpers.
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const heap = () => {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};

// V8 sweeps and compacts on helper threads after a full collection; on a machine with two
// cores that would compete with the build being timed, so wait for it to settle first.
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function measure(name, build, query, memoryOf) {
  const buildTimes = [];
  let engine = null;
  let memory = 0;
  for (let b = 0; b < BUILDS; b++) {
    engine = null;
    const before = heap();
    await settle();
    const start = performance.now();
    engine = build();
    buildTimes.push(performance.now() - start);
    memory = memoryOf ? memoryOf(engine) : heap() - before;
  }
  // Warm-up: every query once, so that every engine's JIT (and the wasm tiers) are warm.
  queries.forEach((q, i) => query(engine, q, i));
  const times = [];
  let results = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i];
      const start = performance.now();
      const total = query(engine, q, i);
      times.push(performance.now() - start);
      if (round === 0) results += total;
    }
  }
  return {
    name,
    build_ms: median(buildTimes),
    memory_bytes: memory,
    p50_us: percentile(times, 50) * 1000,
    p95_us: percentile(times, 95) * 1000,
    mean_us: (times.reduce((a, b) => a + b, 0) / times.length) * 1000,
    mean_results: results / queries.length,
  };
}

const rows = [];
const loadBefore = loadavg()[0];

// ---- Ours, as wasm.
for (const file of wasmFiles) {
  if (!existsSync(file)) {
    console.error(`skipping ${file}: not built`);
    continue;
  }
  const bytes = readFileSync(file);
  const { instance } = await WebAssembly.instantiate(bytes, {});
  const wasm = instance.exports;
  const put = (text) => {
    const encoded = new TextEncoder().encode(text);
    const ptr = wasm.bench_alloc(encoded.length);
    new Uint8Array(wasm.memory.buffer, ptr, encoded.length).set(encoded);
    return [ptr, encoded.length];
  };
  let [ptr, len] = put(dataText);
  const count = wasm.load_dataset(ptr, len);
  wasm.bench_free(ptr, len);
  if (count < 0) throw new Error('the wasm engine rejected the dataset');
  [ptr, len] = put(queriesText);
  wasm.load_queries(ptr, len);
  wasm.bench_free(ptr, len);
  const label = file.includes('/release/') ? 'verschilmaker (wasm, opt-level 3)' : 'verschilmaker (wasm, opt-level z)';
  let allocated = 0;
  const row = await measure(
    label,
    () => {
      allocated = wasm.build_index();
      return wasm;
    },
    (engine, _q, i) => engine.run_query(i),
    () => allocated,
  );
  row.note = `index ${(wasm.index_heap_bytes() / 1e6).toFixed(1)} MB by its own count; wasm memory ${(wasm.memory.buffer.byteLength / 1e6).toFixed(0)} MB incl. the parsed dataset; ${(bytes.length / 1024).toFixed(0)} KB module`;
  rows.push(row);
}

// The JavaScript engines' data is parsed only now, so that our wasm engine was measured
// without a large JavaScript heap next to it, as in a page that has only loaded the widget.
const data = JSON.parse(dataText);
// ---- The documents as the JavaScript engines index them: the same fields and texts (every
// translation) that our engine indexes, plus the values the filters need.
const areaById = new Map(data.areas.map((area) => [area.id, area]));
const themeById = new Map(data.themes.map((theme) => [theme.id, theme]));
const textOf = (value) => (value == null ? '' : typeof value === 'string' ? value : Object.values(value).join(' '));
const chainOf = (id) => {
  const chain = [];
  for (let at = id; at && chain.length <= data.areas.length; at = areaById.get(at)?.parent) chain.push(at);
  return chain;
};
const docs = data.initiatives.map((initiative, i) => {
  const chain = initiative.area ? chainOf(initiative.area) : [];
  return {
    id: i,
    title: textOf(initiative.title),
    summary: textOf(initiative.summary),
    description: textOf(initiative.description),
    needs: (initiative.needs ?? []).map((need) => textOf(need.description)).join(' '),
    themes: (initiative.themes ?? []).map((id) => textOf(themeById.get(id)?.name)).join(' '),
    area: chain.map((id) => areaById.get(id).name).join(' '),
    initiators: (initiative.initiators ?? []).map((initiator) => initiator.name).join(' '),
    themeIds: initiative.themes ?? [],
    areaChain: chain,
    stage: initiative.stage,
    kinds: (initiative.needs ?? []).map((need) => need.kind),
  };
});
const FIELDS = ['title', 'summary', 'description', 'needs', 'themes', 'area', 'initiators'];
const BOOST = { title: 4, summary: 2, description: 1, needs: 1, themes: 2, area: 1.5, initiators: 1.5 };

const hasAny = (wanted, values) => !wanted || wanted.length === 0 || wanted.some((value) => values.includes(value));
const passes = (doc, filters) =>
  hasAny(filters.themes, doc.themeIds) &&
  hasAny(filters.areas, doc.areaChain) &&
  hasAny(filters.stages, [doc.stage]) &&
  hasAny(filters.need_kinds, doc.kinds);

// ---- MiniSearch: folding, prefix search on the word being typed, fuzzy 1 from 5 and 2 from
// 9 characters (as ours), AND, the same field boosts; no stemming (it has none built in).
const fuzzy = (term) => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0);
rows.push(
  await measure(
    'MiniSearch 7.2 (prefix, fuzzy, folding; no stemming)',
    () => {
      const mini = new MiniSearch({ fields: FIELDS, idField: 'id', processTerm: (term) => fold(term) });
      mini.addAll(docs);
      return mini;
    },
    (mini, q) => {
      const typing = !/\s$/.test(q.text);
      const hits = mini.search(q.text, {
        boost: BOOST,
        combineWith: 'AND',
        prefix: (_term, i, terms) => typing && i === terms.length - 1,
        fuzzy,
        filter: (result) => passes(docs[result.id], q.filters),
      });
      hits.slice(0, LIMIT);
      return hits.length;
    },
  ),
);

// ---- FlexSearch: forward tokenizer (prefixes), LatinBalance encoder (folding and light
// phonetic normalisation); it has neither typo tolerance by edit distance nor stemming for
// Dutch. Filters are applied to its merged results, with a limit high enough to count them.
rows.push(
  await measure(
    'FlexSearch 0.8 (forward, LatinBalance; no typos, no stemming)',
    () => {
      const flex = new Document({
        document: { id: 'id', index: FIELDS },
        tokenize: 'forward',
        encoder: Charset.LatinBalance,
      });
      for (const doc of docs) flex.add(doc);
      return flex;
    },
    (flex, q) => {
      const found = flex.search(q.text, { limit: docs.length, merge: true });
      let total = 0;
      const page = [];
      for (const hit of found) {
        if (passes(docs[hit.id], q.filters)) {
          if (page.length < LIMIT) page.push(hit.id);
          total++;
        }
      }
      return total;
    },
  ),
);

// ---- The table.
const native = existsSync(`${dataDir}/native.json`) ? JSON.parse(readFileSync(`${dataDir}/native.json`, 'utf8')) : [];
const all = [...native, ...rows];
const pad = (text, width) => String(text).padEnd(width);
const num = (value, digits = 1) => (value == null ? '-' : value.toFixed(digits));
console.log(
  `\n${data.initiatives.length} initiatives, ${queries.length} queries (${queries.filter((q) => Object.keys(q.filters).length > 0).length} with filters), ${ROUNDS} rounds, median of ${BUILDS} builds\n`,
);
console.log(`${pad('engine', 62)} ${pad('build ms', 9)} ${pad('memory MB', 10)} ${pad('p50 µs', 8)} ${pad('p95 µs', 8)} ${pad('mean µs', 8)} results`);
for (const row of all) {
  console.log(
    `${pad(row.name, 62)} ${pad(num(row.build_ms), 9)} ${pad(num(row.memory_bytes / 1e6), 10)} ${pad(num(row.p50_us), 8)} ${pad(num(row.p95_us), 8)} ${pad(num(row.mean_us), 8)} ${num(row.mean_results)}`,
  );
}
console.log('');
for (const row of all) if (row.note) console.log(`${row.name}: ${row.note}`);
console.log(
  `\nmachine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after this table (other work on the machine slows every engine alike)`,
);
console.log(
  '\nOurs also computes six disjunctive facet counts and highlights for the 20 hits of every query; the JavaScript engines only filter and count.',
);
console.log('"results" is the mean number of matches per query: the engines match differently (stemming, typo rules, AND across fields).');
