// After `vite build`: prints every JavaScript chunk's size (raw and gzipped) and fails the
// build when the JavaScript the first screen loads (the entry and what it imports statically)
// passes the budget. Route chunks load on demand and count separately.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const kb = (bytes) => bytes / 1024;
const sizes = (file) => {
  const raw = readFileSync(join(dist, file));
  return { raw: kb(raw.length), gzip: kb(gzipSync(raw, { level: 9 }).length) };
};

const [entryKey] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry) ?? [];
if (!entryKey) throw new Error("No entry chunk in the Vite manifest.");
const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
visit(entryKey);

const rows = Object.entries(manifest)
  .filter(([, chunk]) => chunk.file.endsWith(".js"))
  .map(([key, chunk]) => ({ key, file: chunk.file, initial: initial.has(key), ...sizes(chunk.file) }))
  .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
console.log("\nJavaScript chunks (KB):");
for (const row of rows)
  console.log(
    `  ${row.initial ? "initial" : "lazy   "}  ${row.gzip.toFixed(1).padStart(7)} gzip  ${row.raw.toFixed(1).padStart(8)} raw  ${row.file}`,
  );
const total = rows.filter((row) => row.initial).reduce((sum, row) => sum + row.gzip, 0);
console.log(`\nInitial JavaScript: ${total.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB).`);
if (total > BUDGET_KB) {
  console.error(
    `Over the budget by ${(total - BUDGET_KB).toFixed(1)} KB: split a route or drop a dependency.`,
  );
  process.exit(1);
}
