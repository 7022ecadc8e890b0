import { defineConfig } from "vitest/config";

// Three projects: fast unit tests beside the code, database-backed integration tests
// (PGlite by default, PostgreSQL when TEST_DATABASE_URL is set), and browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{apps,packages}/*/src/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["{apps,packages}/*/{src,test}/**/*.integration.test.ts"],
          globalSetup: ["packages/db/test/global-setup.ts"],
          setupFiles: ["apps/api/test/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.ts"],
          globalSetup: ["apps/web/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
