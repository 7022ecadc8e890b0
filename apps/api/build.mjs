// Bundles the API with our workspace packages (which export TypeScript source) into dist/,
// leaves every npm dependency external, and copies the migrations beside the bundle.
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

const npmPackagesExternal = {
  name: "npm-packages-external",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@factdesk/") ? undefined : { path: args.path, external: true },
    );
  },
};

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/main.ts", "src/seed-cli.ts", "src/audit-cli.ts", "src/cli.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  jsx: "automatic",
  plugins: [npmPackagesExternal],
  logLevel: "warning",
});
cpSync("../../packages/db/drizzle", "dist/drizzle", { recursive: true });
