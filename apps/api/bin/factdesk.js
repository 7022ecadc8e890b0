#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx factdesk` works straight after `npm install`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
