#!/usr/bin/env node
// Runs the built CLI (dist/cli.js, from `npm run build`). When a source file is newer, or
// nothing is built yet (straight after `npm install`), it first rebundles the CLI alone with
// esbuild (a fraction of a second), so the command never runs stale code and never needs a
// TypeScript runtime. An install without dev tools (the Docker image) runs what was built.
import { cpSync, existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const api = fileURLToPath(new URL("..", import.meta.url));
const built = join(api, "dist", "cli.js");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|json|sql)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

async function rebuild() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    if (existsSync(built)) return; // no build tools here: what was built is what is installed
    console.error("factdesk: the CLI is not built; run `npm run build` first.");
    process.exit(1);
  }
  const { bundleOptions } = await import("../build-options.mjs");
  // Built beside and renamed into place, so a CLI started meanwhile never reads half a file.
  const partial = join(api, "dist", `cli.${process.pid}.js`);
  await esbuild.build({
    ...bundleOptions,
    entryPoints: [join(api, "src", "cli.ts")],
    outfile: partial,
    sourcemap: "inline",
    absWorkingDir: api,
  });
  cpSync(migrations, join(api, "dist", "drizzle"), { recursive: true });
  renameSync(partial, built);
}

const migrations = join(api, "..", "..", "packages", "db", "drizzle");
const sources = [
  join(api, "src"),
  migrations,
  ...["claims", "db", "schema", "ui"].map((p) => join(api, "..", "..", "packages", p, "src")),
];
const fresh =
  existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.filter(existsSync).map(newestSource));
if (!fresh) await rebuild();
await import(built);
