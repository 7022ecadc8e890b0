#!/usr/bin/env node
// Runs the built CLI (dist/cli.js, from `npm run build`) when it is at least as new as every
// source file it is built from: start-up in a fraction of a second. Otherwise runs the
// TypeScript directly (tsx), so `npx factdesk` works straight after `npm install`.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const api = fileURLToPath(new URL("..", import.meta.url));
const built = join(api, "dist", "cli.js");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = [
  join(api, "src"),
  ...["claims", "db", "schema"].map((p) => join(api, "..", "..", "packages", p, "src")),
];
const fresh =
  existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.filter(existsSync).map(newestSource));

if (fresh) await import(built);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
