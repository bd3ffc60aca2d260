#!/usr/bin/env node
// `npx verschilmaker check FILE…`: checks dataset files strictly in Node with the core module,
// printing the same lines as `www check` (each problem after the file name, or "FILE: OK"), and
// exits 1 when any file has an error, 2 on a wrong command line.
import { readFileSync } from "node:fs";
import { check } from "../core/node.js";

const USAGE = `usage: verschilmaker check FILE...

Checks Verschilmaker data files (format verschilmaker/1) strictly: every problem is printed
with its file and place; exits 1 when any file has an error.`;

const [command, ...files] = process.argv.slice(2);
if (command === "-h" || command === "--help") {
  console.log(USAGE);
  process.exit(0);
}
if (command !== "check" || files.length === 0) {
  console.error(`verschilmaker: ${command === "check" ? "check needs at least one FILE" : "unknown command"}\n\n${USAGE}`);
  process.exit(2);
}

let failed = false;
const lines = [];
for (const file of files) {
  let bytes;
  try {
    // The bytes as they are, as `www check` reads files: a file in another encoding is a
    // problem with its line and column, not silently repaired.
    bytes = readFileSync(file);
  } catch (error) {
    lines.push(`${file}: cannot read the file: ${error.message}`);
    failed = true;
    continue;
  }
  const problems = check(bytes);
  for (const problem of problems) {
    lines.push(`${file}: ${problem.text}`);
  }
  if (problems.some((problem) => problem.severity === "error")) {
    failed = true;
  } else {
    lines.push(`${file}: OK`);
  }
}
process.stdout.write(lines.map((line) => `${line}\n`).join(""));
process.exitCode = failed ? 1 : 0;
