// Node's test runner over verschilmaker/core as installed from the npm tarball: loading good and
// bad files, and search, suggestions, coalitions, the allocation round, insights, rules and the
// exports held to the native core's answers in native.json (written by tests/it/js_core.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as core from "verschilmaker/core";

const native = JSON.parse(readFileSync(new URL("./native.json", import.meta.url), "utf8"));
const demoText = readFileSync(native.demo, "utf8");
const demo = core.load(demoText);
const badFiles = readdirSync(native.bad).filter((name) => name.endsWith(".json")).sort();

function expectedLines(name) {
  const text = readFileSync(join(native.bad, name.replace(/\.json$/, ".expected")), "utf8");
  return text.split("\n").filter((line) => line !== "");
}

test("the package resolves to the Node entry, which exports the whole API", () => {
  const names = Object.keys(core).sort();
  assert.deepEqual(names, [
    "Dataset", "allocate", "check", "coalition", "exportCsv", "exportICalendar", "exportJson",
    "exportJsonLd", "insights", "load", "rulesFor", "search", "suggest",
  ]);
});

test("the demo loads strictly, from text and from an object alike", () => {
  assert.equal(demo.municipality, "Gemeente Verschilstad");
  assert.deepEqual(demo.initiativeIds(), native.initiatives);
  assert.deepEqual(demo.skipped, []);
  assert.deepEqual(demo.warnings, []);
  const fromObject = core.load(JSON.parse(demoText));
  assert.deepEqual(fromObject.initiativeIds(), native.initiatives);
  assert.deepEqual(core.search(fromObject, "tuin"), core.search(demo, "tuin"));
  assert.deepEqual(fromObject.toObject(), demo.toObject());
  fromObject.free();
});

test("the object a handle gives back loads as the same dataset", () => {
  const object = demo.toObject();
  assert.equal(object.schema, "verschilmaker/1");
  const again = core.load(object);
  assert.deepEqual(again.toObject(), object);
  assert.equal(demo.initiative(native.initiatives[0]).id, native.initiatives[0]);
  assert.equal(demo.initiative("no-such-initiative"), undefined);
  again.free();
});

test("check gives the lines of www check for every bad fixture, and none for the demo", () => {
  assert.ok(badFiles.length >= 10, badFiles.join());
  for (const name of badFiles) {
    // The file's bytes, as `www check` reads them (one fixture is not UTF-8).
    const problems = core.check(readFileSync(join(native.bad, name)));
    assert.deepEqual(problems.map((p) => p.text), expectedLines(name), name);
    assert.ok(problems.some((p) => p.severity === "error"), name);
  }
  assert.deepEqual(core.check(demoText), []);
  assert.deepEqual(core.check(JSON.parse(demoText)), []);
});

test("a strict load of a bad file throws a LoadError with every problem and its path", () => {
  for (const name of badFiles) {
    const bytes = readFileSync(join(native.bad, name));
    assert.throws(() => core.load(bytes), (error) => {
      assert.equal(error.name, "LoadError", name);
      assert.ok(error instanceof Error);
      assert.deepEqual(error.problems.map((p) => p.text), expectedLines(name), name);
      for (const problem of error.problems) {
        assert.ok(problem.text.endsWith(problem.message), problem.text);
        if (problem.line === null) {
          assert.ok(problem.path === "" || problem.text.includes(problem.path), problem.text);
        }
      }
      return true;
    });
  }
});

test("a syntax error has its line and column", () => {
  const problems = core.check("{\n  \"schema\": }");
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 2);
  assert.equal(typeof problems[0].column, "number");
  assert.ok(problems[0].text.startsWith("line 2, column"), problems[0].text);
});

test("a lenient load skips broken records and fails only on a broken document", () => {
  const text = readFileSync(join(native.bad, "wrong-types.json"), "utf8");
  const loaded = core.load(text, { lenient: true });
  assert.ok(loaded.skipped.length > 0);
  for (const problem of loaded.skipped) {
    assert.ok(problem.path.length > 0 && problem.text.includes(problem.path), problem.text);
  }
  loaded.free();
  const truncated = readFileSync(join(native.bad, "truncated.json"), "utf8");
  assert.throws(() => core.load(truncated, { lenient: true }), (error) => error.name === "LoadError"
    && error.problems[0].line !== null);
});

test("search answers as the native core does, hit for hit and score for score", () => {
  for (const expected of native.searches) {
    const results = core.search(demo, expected.query, expected.filters);
    const label = JSON.stringify([expected.query, expected.filters]);
    assert.equal(results.total, expected.total, label);
    assert.deepEqual(results.hits.map((hit) => [hit.id, hit.score]), expected.hits, label);
  }
});

test("highlights are UTF-16 ranges into the texts they name", () => {
  const results = core.search(demo, "tuin");
  assert.ok(results.hits.length > 0);
  let marked = 0;
  for (const hit of results.hits) {
    for (const highlight of hit.highlights) {
      for (const [start, end] of highlight.ranges) {
        assert.ok(start < end && end <= highlight.text.length, JSON.stringify(highlight));
        assert.match(highlight.text.slice(start, end).toLowerCase(), /tuin/, JSON.stringify(highlight));
        marked += 1;
      }
    }
  }
  assert.ok(marked > 0);
});

test("facet counts name every theme and area of the dataset", () => {
  const results = core.search(demo, "");
  const object = demo.toObject();
  assert.deepEqual(results.facets.themes.map((f) => f.value), object.themes.map((t) => t.id));
  assert.deepEqual(results.facets.areas.map((f) => f.value), object.areas.map((a) => a.id));
  const stages = results.facets.stages.reduce((sum, f) => sum + f.count, 0);
  assert.equal(stages, native.initiatives.length);
  assert.equal(core.search(demo, "", { postcode: "5221" }).postcodeAreas?.length > 0, true);
});

test("suggestions equal the native ones, with reasons as codes and texts", () => {
  for (const id of native.initiatives) {
    const expected = native.suggestions[id];
    const english = core.suggest(demo, id, 3, { lang: "en" });
    assert.deepEqual(
      english.perNeed.map((n) => [n.need, n.offers.map((o) => [o.offer.partner, o.offer.offer, o.score])]),
      expected.perNeed,
      id,
    );
    assert.deepEqual(english.partners.map((p) => [p.partner, p.score, p.reasons.map((r) => r.text)]), expected.partners, id);
    const dutch = core.suggest(demo, id, 3);
    assert.deepEqual(dutch.partners.map((p) => p.reasons.map((r) => r.code)), english.partners.map((p) => p.reasons.map((r) => r.code)));
    for (const partner of dutch.partners) {
      for (const reason of partner.reasons) {
        assert.notEqual(reason.code, "other", JSON.stringify(reason));
        assert.equal(typeof reason.params, "object");
      }
    }
  }
  const some = core.suggest(demo, native.initiatives[0], 3);
  assert.ok(some.partners.length > 0);
  const texts = (answer) => answer.partners.flatMap((p) => p.reasons.map((r) => r.text)).join(" ");
  assert.notEqual(texts(some), texts(core.suggest(demo, native.initiatives[0], 3, { lang: "en" })));
});

test("coalitions equal the native ones", () => {
  for (const id of native.initiatives) {
    const coalition = core.coalition(demo, id);
    const expected = native.coalitions[id];
    assert.deepEqual(
      { partners: coalition.partners, complete: coalition.complete, totalScore: coalition.totalScore },
      expected,
      id,
    );
    assert.ok(["exact", "greedy"].includes(coalition.method));
  }
});

test("the allocation round's objective equals the native one", () => {
  const runs = [
    ["default", undefined],
    ["fair", { fairnessFloor: 0.2 }],
    ["narrow", { candidatesPerNeed: 3, lang: "en" }],
  ];
  for (const [name, options] of runs) {
    const allocation = core.allocate(demo, options);
    assert.equal(allocation.objective, native.allocation[name].objective, name);
    assert.equal(allocation.assignments.length, native.allocation[name].assignments, name);
    for (const assignment of allocation.assignments) {
      // One reason per component of the score (eight since the text component).
      assert.ok(assignment.amount > 0 && assignment.reasons.length === 8, JSON.stringify(assignment));
    }
  }
});

test("insights count as the native core does", () => {
  const insights = core.insights(demo);
  assert.deepEqual(insights.byKind.map((t) => [t.kind, t.needs, t.openNeeds, t.open]), native.insightsByKind);
  const staged = insights.stages.reduce((sum, s) => sum + s.initiatives, 0);
  assert.equal(staged, native.initiatives.length);
});

test("rulesFor gives the rules that apply to a plan, as applicable_rules does", () => {
  for (const id of native.initiatives) {
    const plan = demo.initiative(id);
    assert.deepEqual(core.rulesFor(demo, plan).map((rule) => rule.id), native.rules[id], id);
  }
  assert.throws(() => core.rulesFor(demo, { id: "plan", title: "Feest", stage: "dancing" }), (error) =>
    error.name === "LoadError" && error.problems[0].path === "plan.stage");
});

test("the exports are the native core's, byte for byte", () => {
  assert.equal(core.exportJson(demo), native.exports.json);
  assert.equal(core.exportICalendar(demo, { now: "2026-05-01T12:00:00Z", languages: ["en"] }), native.exports.icalendar);
  assert.equal(core.exportJsonLd(demo, { pageUrl: "https://www.verschilstad.example/initiatieven" }), native.exports.jsonLd);
  const files = core.exportCsv(demo);
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  assert.deepEqual(files.map((file) => [file.name, decoder.decode(file.bytes)]), native.exports.csv);
  assert.ok(files.every((file) => file.bytes instanceof Uint8Array));
  assert.match(core.exportICalendar(demo), /^BEGIN:VCALENDAR\r\n/);
});

test("with today, needs and offers whose period has ended drop out of suggestions and the round", () => {
  const document = JSON.parse(demoText);
  // Far ahead, every need with an end to its period (its own, else its initiative's) is over.
  const later = core.load(demoText, { today: "2099-01-01" });
  let ended = 0;
  let listedWithoutDate = 0;
  for (const initiative of document.initiatives) {
    const dated = core.suggest(later, initiative.id, 3);
    const undated = core.suggest(demo, initiative.id, 3);
    for (const need of initiative.needs) {
      const end = need.period?.end ?? (need.period ? undefined : initiative.period?.end);
      if (end === undefined) continue;
      ended += 1;
      const offers = (answer) => answer.perNeed.find((n) => n.need === need.id)?.offers.length ?? 0;
      assert.equal(offers(dated), 0, `${initiative.id}/${need.id} ended ${end}`);
      listedWithoutDate += offers(undated) > 0 ? 1 : 0;
    }
  }
  assert.ok(ended > 0 && listedWithoutDate > 0, `${ended} ended needs, ${listedWithoutDate} with offers without a date`);
  // The round: no assignment to a need that has ended, though there are some without a date.
  const needEnds = new Map(document.initiatives.flatMap((i) => i.needs.map((n) =>
    [`${i.id}/${n.id}`, n.period?.end ?? (n.period ? undefined : i.period?.end)])));
  const toEnded = (round) => round.assignments.filter((a) => needEnds.get(`${a.need.initiative}/${a.need.need}`) !== undefined);
  assert.ok(toEnded(core.allocate(demo)).length > 0);
  assert.deepEqual(toEnded(core.allocate(later)), []);
  later.free();
  assert.throws(() => core.load(demoText, { today: "07-12-2026" }), TypeError);
  assert.throws(() => core.load(demoText, { today: 20261207 }), TypeError);
});

test("wrong input throws an Error with a message, never a trap, and the module goes on working", () => {
  const cases = [
    [() => core.load(42), TypeError],
    [() => core.load(undefined), TypeError],
    [() => core.load("{}", { lenient: "yes" }), TypeError],
    [() => core.load("{}", { lenientt: true }), TypeError],
    [() => { const cycle = {}; cycle.self = cycle; core.load(cycle); }, TypeError],
    [() => core.check(null), TypeError],
    [() => core.load("[1, 2"), Error],
    [() => core.search(demo, { text: 5 }), TypeError],
    [() => core.search(demo, "x", { stages: ["dancing"] }), TypeError],
    [() => core.search(demo, "x", { needStatus: ["half"] }), TypeError],
    [() => core.search(demo, "x", { need_kinds: ["volunteers"] }), TypeError],
    [() => core.search(demo, { text: "x", limt: 5 }), TypeError],
    [() => core.search(demo, { sort: "nearest" }), TypeError],
    [() => core.search(demo, { sort: "sideways" }), TypeError],
    [() => core.search({}, "x"), Error],
    [() => core.search(null, "x"), Error],
    [() => core.suggest(demo, "no-such-initiative", 3), RangeError],
    [() => core.suggest(demo, 5, 3), TypeError],
    [() => core.suggest(demo, native.initiatives[0], -1), TypeError],
    [() => core.suggest(demo, native.initiatives[0], 2.5), TypeError],
    [() => core.suggest(demo, native.initiatives[0], 3, { lang: "de" }), TypeError],
    [() => core.coalition(demo, "no-such-initiative"), RangeError],
    [() => core.allocate(demo, { fairnessFloor: 2 }), RangeError],
    [() => core.allocate(demo, { candidatesPerNeed: 0 }), RangeError],
    [() => core.rulesFor(demo, "a plan"), Error],
    [() => core.exportICalendar(demo, { now: "yesterday" }), RangeError],
    [() => core.exportJsonLd(demo, { pageUrl: 7 }), TypeError],
  ];
  for (const [call, kind] of cases) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof kind, `${call}: ${error}`);
      assert.ok(!(error instanceof WebAssembly.RuntimeError), `${call}: ${error}`);
      assert.ok(error.message.length > 0);
      return true;
    });
  }
  const huge = core.suggest(demo, native.initiatives[0], 1e12);
  assert.ok(huge.partners.length > 0);
  assert.deepEqual(core.search(demo, "tuin").hits.map((hit) => [hit.id, hit.score]),
    native.searches.find((s) => s.query === "tuin").hits);
});

test("a freed handle throws instead of answering", () => {
  const handle = core.load(demoText);
  handle.free();
  assert.throws(() => core.search(handle, "tuin"), Error);
  assert.throws(() => handle.initiativeIds(), Error);
  assert.deepEqual(core.search(demo, "").total, native.initiatives.length);
});
