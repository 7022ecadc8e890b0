import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startApp } from "./server";

/**
 * Once per run: the first start a newcomer makes (a new embedded database, migrated and
 * seeded by the built app), stopped as an operator stops it. Each test file's app starts on
 * a copy of what it left.
 */
export default async function setup(project: TestProject) {
  const app = await startApp({ seeded: false });
  if (!/Seeded 5 articles/.test(app.output()))
    throw new Error(`The first start did not seed:\n${app.output()}`);
  const code = await app.signal("SIGTERM");
  if (code !== 0) throw new Error(`The first start did not stop cleanly (${code}):\n${app.output()}`);
  project.provide("seededDataDir", app.dataDir);
  return () => {
    for (const dir of [app.dataDir, `${app.dataDir}-backups`]) rmSync(dir, { recursive: true, force: true });
  };
}
