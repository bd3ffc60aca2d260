// A typed use of every function and every field of verschilmaker/core, checked by
// `tsc --noEmit --strict` (tests/it/js_core.rs): the package's declarations must describe it.
import {
  Dataset,
  allocate,
  check,
  coalition,
  exportCsv,
  exportICalendar,
  exportJson,
  exportJsonLd,
  insights,
  load,
  rulesFor,
  search,
  suggest,
} from "verschilmaker/core";
import type {
  Allocation,
  Coalition,
  CsvFile,
  DatasetDocument,
  FacetCount,
  Highlight,
  Hit,
  Initiative,
  Insights,
  LoadError,
  Problem,
  Reason,
  Rule,
  SearchFilters,
  SearchQuery,
  SearchResults,
  Suggestions,
} from "verschilmaker/core";

function problemLine(problem: Problem): string {
  const place: string = problem.path;
  const where: string = problem.line === null ? place : `${problem.line}:${problem.column ?? 0}`;
  const severity: "error" | "warning" = problem.severity;
  return `${severity} ${where} ${problem.message} ${problem.text}`;
}

const problems: Problem[] = check("{}");
problems.map(problemLine);
check({ schema: "verschilmaker/1" });

let dataset: Dataset;
try {
  dataset = load("{}", { lenient: true });
} catch (error) {
  const failed = error as LoadError;
  const name: "LoadError" = failed.name;
  failed.problems.map(problemLine);
  throw new Error(`${name}: ${failed.message}`);
}
const municipality: string = dataset.municipality;
dataset.skipped.map(problemLine);
dataset.warnings.map(problemLine);
const ids: string[] = dataset.initiativeIds();
const first: Initiative | undefined = dataset.initiative(ids[0] ?? "");
const document: DatasetDocument = dataset.toObject();
const languages: string[] = document.municipality.languages;
load(document).free();

const query: SearchQuery = {
  text: "tuin",
  sort: "nearest",
  near: { lat: 51.7, lon: 5.3 },
  offset: 0,
  limit: 20,
  typos: true,
  stemming: false,
};
const filters: SearchFilters = {
  themes: ["groen"],
  areas: ["noord"],
  stages: ["idea"],
  needKinds: ["volunteers"],
  sectors: ["resident"],
  needStatus: ["open", "covered"],
  postcode: "5221 AB",
};
const results: SearchResults = search(dataset, query, filters);
search(dataset, "tuin");
const total: number = results.total;
const facets: FacetCount[] = [
  ...results.facets.themes,
  ...results.facets.areas,
  ...results.facets.stages,
  ...results.facets.needKinds,
  ...results.facets.sectors,
  ...results.facets.needStatus,
];
const counted: number = facets.reduce((sum, facet: FacetCount) => sum + facet.count, 0);
const facetNames: string[] = facets.map((facet) => facet.value);
const postcodeAreas: string[] | null = results.postcodeAreas;
for (const hit of results.hits as Hit[]) {
  const distance: number | null = hit.distanceKm;
  const line: string = `${hit.id} ${hit.score} ${distance ?? "-"}`;
  for (const highlight of hit.highlights as Highlight[]) {
    const field: Highlight["field"] = highlight.field;
    const position: number | null = highlight.position;
    const language: string | null = highlight.language;
    const marked: string[] = highlight.ranges.map(([start, end]) => highlight.text.slice(start, end));
    console.log(line, field, position, language, marked);
  }
}

function reasonLine(reason: Reason): string {
  const code: Reason["code"] = reason.code;
  return `${code} ${Object.keys(reason.params).join()} ${reason.text}`;
}

const suggestions: Suggestions = suggest(dataset, ids[0] ?? "", 5, { lang: "en" });
suggest(dataset, ids[0] ?? "", 5);
for (const need of suggestions.perNeed) {
  for (const offer of need.offers) {
    const score: number = offer.score;
    console.log(need.need, offer.need.initiative, offer.need.need, offer.offer.partner, offer.offer.offer, score);
  }
}
for (const partner of suggestions.partners) {
  console.log(partner.partner, partner.score, partner.offers.length, partner.reasons.map(reasonLine));
}

const team: Coalition = coalition(dataset, ids[0] ?? "");
const method: "exact" | "greedy" = team.method;
console.log(team.partners, team.offers.length, team.complete, team.totalScore, team.candidates, method);
for (const covered of team.coverage) {
  console.log(covered.need, covered.covered);
}

const round: Allocation = allocate(dataset, { fairnessFloor: 0.2, candidatesPerNeed: 10, lang: "nl" });
allocate(dataset);
const objective: number = round.objective;
for (const assignment of round.assignments) {
  console.log(assignment.need.need, assignment.offer.offer, assignment.amount, assignment.score, assignment.reasons.map(reasonLine));
}
for (const unmet of round.unmet) {
  console.log(unmet.need.initiative, unmet.open, unmet.assigned, unmet.unmet);
}
for (const idle of round.idle) {
  console.log(idle.offer.partner, idle.open, idle.assigned, idle.idle);
}

const figures: Insights = insights(dataset);
for (const totals of figures.byKind) {
  console.log(totals.kind, totals.unit, totals.needs, totals.openNeeds, totals.needed, totals.covered, totals.open);
}
for (const group of [...figures.byTheme, ...figures.byArea]) {
  const key: string | null = group.key;
  console.log(key, group.initiatives, group.totals.length);
}
for (const use of figures.offers) {
  const capacity: number | null = use.capacity;
  console.log(use.partner, use.offer, use.kind, use.unit, use.per, capacity, use.used, use.commitments);
}
for (const capacity of figures.capacity) {
  console.log(capacity.kind, capacity.unit, capacity.offers, capacity.offered, capacity.used);
}
for (const mix of figures.sectorMix) {
  console.log(mix.initiative, mix.sectors.map((s) => `${s.sector}:${s.count}`));
}
for (const stage of figures.stages) {
  console.log(stage.stage, stage.initiatives);
}
for (const gap of [...figures.areaGaps, ...figures.themeGaps]) {
  console.log(gap.key, gap.kind, gap.unit, gap.needs, gap.open, gap.initiatives);
}

const plan: Initiative = { id: "plan", title: { nl: "Straatfeest", en: "Street party" }, stage: "idea", needs: [{ id: "geld", kind: "funding", amount: 2500 }] };
const rules: Rule[] = rulesFor(dataset, plan);
for (const rule of rules) {
  console.log(rule.id, rule.when, rule.advice, rule.contact);
}

const json: string = exportJson(dataset);
const sheets: CsvFile[] = exportCsv(dataset);
const bytes: Uint8Array[] = sheets.map((sheet) => sheet.bytes);
const names: string[] = sheets.map((sheet) => sheet.name);
const calendar: string = exportICalendar(dataset, { now: "2026-05-01T12:00:00Z", languages: ["nl", "en"] });
exportICalendar(dataset);
const linked: string = exportJsonLd(dataset, { pageUrl: "https://www.example.nl/initiatieven" });
exportJsonLd(dataset);

dataset.free();
console.log(municipality, first, languages, total, counted, facetNames, postcodeAreas, objective, json, bytes, names, calendar, linked);
