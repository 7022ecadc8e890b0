// Bundles the API into dist/ and copies the migrations beside the bundle.
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { bundleOptions } from "./build-options.mjs";

rmSync("dist", { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: ["src/main.ts", "src/seed-cli.ts", "src/audit-cli.ts", "src/cli.ts"],
  outdir: "dist",
});
cpSync("../../packages/db/drizzle", "dist/drizzle", { recursive: true });
