import { fileURLToPath } from "node:url";

// Both src/*.ts (under tsx or vitest) and the dist/main.js bundle sit two levels below
// apps/api, so the same relative URL finds the repository root from either.
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
