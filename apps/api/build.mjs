// Bundles the API into dist/, copies the migrations beside the bundle and writes the template
// a new embedded database starts from.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { bundleOptions } from "./build-options.mjs";

rmSync("dist", { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: ["src/main.ts", "src/seed-cli.ts", "src/audit-cli.ts", "src/cli.ts", "src/pglite-template.ts"],
  outdir: "dist",
  // Shared code in chunks, and each dynamic import its own: `factdesk extract` loads no server.
  splitting: true,
});
cpSync("../../packages/db/drizzle", "dist/drizzle", { recursive: true });
execFileSync(process.execPath, ["dist/pglite-template.js", "dist/pglite-template.tar.gz"], {
  stdio: "inherit",
});
