// The benchmarks' quick mode for CI: run the search and matching benchmarks once, briefly, and
// fail when a figure regressed more than 2× against the baseline measured in the same run.
//
//   node .ci/bench-quick.mjs            (from the repository root; one to two minutes after the build)
//   node .ci/bench-quick.mjs --reuse    (judge the last run's output in target/bench-quick again,
//                                        e.g. after editing the references)
//
// Why ratios and not times? CI machines differ and this one is shared, so a time alone says
// little. Every benchmark here measures a straightforward baseline beside each figure in the
// same process (STYLE.md, rule 6); the figure divided by its baseline cancels the machine's
// speed. That ratio is compared with the one recorded in .ci/bench-reference.json: a ratio more
// than 2× worse fails. When a change makes a figure better for good, record the new ratio there
// (the script prints it), so that the next regression is measured from there.
//
// What runs: `cargo bench --bench search` (10 000 generated initiatives, 1 000 queries, the index
// beside a linear scan) and `cargo bench --bench matching -- --quick` (criterion's quick mode;
// suggestions beside scoring every offer, the allocation round beside a greedy fill). The flow
// benchmark is left out: its baseline is OR-Tools, which CI does not install.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target', 'bench-quick');
mkdirSync(out, { recursive: true });
const reference = JSON.parse(readFileSync(join(root, '.ci', 'bench-reference.json'), 'utf8'));
const reuse = process.argv.includes('--reuse');

function bench(name, args) {
  const started = Date.now();
  const text = execFileSync('cargo', ['bench', '-q', '-p', 'verschilmaker', '--bench', name, '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return text;
}

// Each figure as "ours / baseline" (lower is better) or "baseline / ours" (higher is better),
// as its benchmark reports it. Search runs three times and keeps the best ratio, because on a
// shared machine another process can slow down one side of a single run (its p50 ratio varied
// from 18 to 35 here, best of two), while a real regression shows in every run; a run takes
// about 5 s once built. Matching, whose ratios vary less and which takes longer, runs once.
const searchRuns = [1, 2, 3].map((run) => {
  const searchJson = join(out, `search-${run}.json`);
  if (!reuse) bench('search', ['--json', searchJson]);
  const [ours, scan] = JSON.parse(readFileSync(searchJson, 'utf8'));
  return { p50: scan.p50_us / ours.p50_us, mean: scan.mean_us / ours.mean_us };
});
const figures = {
  'search p50: linear scan / index': Math.max(...searchRuns.map((r) => r.p50)),
  'search mean: linear scan / index': Math.max(...searchRuns.map((r) => r.mean)),
};

const matchingText = join(out, 'matching.txt');
if (!reuse) writeFileSync(matchingText, bench('matching', ['--quick']));
// The summary table: "figure   ours unit   baseline unit   ratio", ratio = ours / baseline.
for (const line of readFileSync(matchingText, 'utf8').split('\n')) {
  const row = line.match(/^(suggestions, one initiative, \d+ offers \(cpu\)|allocation round)[\s,].*\s([\d.]+)\s*$/);
  if (row) figures[`matching ${row[1]}: ours / baseline`] = Number(row[2]);
}

let failed = false;
const rows = [];
for (const [name, entry] of Object.entries(reference)) {
  const now = figures[name];
  if (now === undefined || !Number.isFinite(now) || now <= 0) {
    rows.push(`MISSING   ${name}: the benchmark did not report it (its output changed?)`);
    failed = true;
    continue;
  }
  // How many times worse than the reference: above 2 fails.
  const worse = entry.better === 'higher' ? entry.ratio / now : now / entry.ratio;
  const verdict = worse > 2 ? 'REGRESSED' : 'ok';
  failed ||= worse > 2;
  rows.push(`${verdict.padEnd(10)}${name}: ${now.toPrecision(3)} (reference ${entry.ratio}, ${worse.toFixed(2)}× the reference's cost; 2× fails)`);
}
for (const name of Object.keys(figures)) {
  if (!(name in reference)) rows.push(`new       ${name}: ${figures[name].toPrecision(3)} (not in .ci/bench-reference.json)`);
}
console.log('\nbenchmark quick mode, each figure against its same-run baseline:');
for (const row of rows) console.log('  ' + row);
writeFileSync(join(out, 'figures.json'), JSON.stringify(figures, null, 2) + '\n');
if (failed) {
  console.log('\na figure regressed more than 2× against its baseline (or is missing); see above');
  process.exit(1);
}
