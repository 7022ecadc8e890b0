import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { freePort } from "../../api/test/free-port";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const DEMO_PASSWORD = "e2e-demo-password";

/** Debian's chromium; CHROMIUM_PATH points elsewhere. Fails with instructions if missing. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `Browser tests need Chromium at ${executablePath}. Install it with \`sudo apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** An embedded desk as the first start leaves it, seed included (global-setup.ts). */
    seededDataDir: string;
  }
}

/**
 * The built app (`npm start`'s bundle) on a fresh embedded database with the seed data, or
 * with `env` on another (DATABASE_URL) or in another role (`cli.js worker`). The fresh
 * database is a copy of the one the run's first start seeded (global-setup.ts): seeding
 * again for every file took a third of the browser tests' time.
 */
export async function startApp({
  env = {} as Record<string, string>,
  command = ["main.js"],
  ready = "/readyz" as string | RegExp,
  seeded = true,
} = {}): Promise<{
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
  output: () => string;
  /** Sends the process a signal; resolves with its exit code once it has exited. */
  signal: (signal: NodeJS.Signals) => Promise<number | null>;
}> {
  const bundle = join(repoRoot, "apps/api/dist", command[0] ?? "main.js");
  if (!existsSync(bundle)) throw new Error("Build first: `npm run build` (npm run test:e2e does it).");
  const dataDir = mkdtempSync(join(tmpdir(), "factdesk-e2e-"));
  if (seeded && !env.DATA_DIR && !env.DATABASE_URL && command[0] === "main.js")
    cpSync(inject("seededDataDir"), dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [bundle, ...command.slice(1)], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      // The audit key and checkpoints beside the throwaway data, not in the checkout.
      AUDIT_KEY_FILE: join(dataDir, "audit.key"),
      AUDIT_CHECKPOINT_FILE: join(dataDir, "audit-checkpoints.jsonl"),
      BACKUP_DIR: `${dataDir}-backups`,
      PUBLIC_URL: url,
      SEED_PASSWORD: DEMO_PASSWORD,
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited early:\n${output}`);
    const up =
      typeof ready === "string"
        ? await fetch(`${url}${ready}`).then(
            (r) => r.ok,
            () => false,
          )
        : ready.test(output);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (Date.now() >= deadline) throw new Error(`The app did not become ready:\n${output}`);

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    url,
    dataDir,
    output: () => output,
    signal: (signal) => {
      child.kill(signal);
      return exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-backups`, { recursive: true, force: true });
    },
  };
}

/** For a test file: the built app on a fresh database and a browser, closed afterwards. */
export function useRunningApp() {
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const running = () => {
    if (!app || !browser) throw new Error("The app is not running yet (use it inside tests).");
    return { app, browser };
  };
  return {
    get url() {
      return running().app.url;
    },
    get browser() {
      return running().browser;
    },
    /** A new browser context, signed in. The app's CSP is bypassed so axe can be injected. */
    async signedIn(email: string, password = DEMO_PASSWORD) {
      const page = await (await running().browser.newContext({ bypassCSP: true })).newPage();
      await page.goto(`${running().app.url}/app/login`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByRole("heading", { name: "Review queue" }).waitFor();
      return page;
    },
  };
}
