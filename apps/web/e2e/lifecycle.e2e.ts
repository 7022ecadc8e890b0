import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startApp } from "./server";

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

type TOutcome = { id: string } & ({ status: number } | { error: string });

let sent = 0;
/**
 * One request on its own connection, with its own request id: its status, or why it failed
 * ("refused": the port was closed).
 */
function get(url: string, headers: Record<string, string> = {}) {
  const id = `load-${String(++sent).padStart(6, "0")}`;
  return new Promise<TOutcome>((resolve) => {
    const req = request(url, { agent: false, headers: { ...headers, "x-request-id": id } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ id, status: res.statusCode ?? 0 }));
      res.on("error", (error) => resolve({ id, error: error.message }));
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ id, error: error.code === "ECONNREFUSED" ? "refused" : (error.code ?? error.message) }),
    );
    req.end();
  });
}

describe("stopping the app", () => {
  it("on SIGTERM, finishes every request it accepted, closes live streams with a retry hint, and exits cleanly", async () => {
    // A signed-in browser's live stream.
    const login = await fetch(`${app.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify({ email: "checker@factdesk.test", password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    const stream = await fetch(`${app.url}/trpc/claim.onChange?input=${encodeURIComponent("{}")}`, {
      headers: { accept: "text/event-stream", cookie },
    });
    expect(stream.status).toBe(200);
    const reader = stream.body?.getReader();
    let received = "";
    const streamEnded = (async () => {
      try {
        for (;;) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) return "ended";
          received += new TextDecoder().decode(chunk.value);
        }
      } catch {
        return "cut";
      }
    })();

    // Load: eight clients asking for public pages and the queue, each on fresh connections.
    const outcomes: TOutcome[] = [];
    let refused = false;
    const client = async (i: number) => {
      while (!refused) {
        const outcome = await get(i % 2 ? `${app.url}/verdicts` : `${app.url}/trpc/claim.counts`, { cookie });
        outcomes.push(outcome);
        if ("error" in outcome && outcome.error === "refused") refused = true;
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, i) => client(i)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const exitCode = app.signal("SIGTERM");
    await load;

    expect(await exitCode).toBe(0);
    const served = outcomes.filter((o) => "status" in o);
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((o) => "status" in o && o.status >= 500)).toEqual([]);
    // Every request the app took in (its log names each by id) was answered. A connection still
    // waiting in the kernel's queue when the port closed is reset unread; the app never saw it,
    // and its client may safely send it again.
    const seen = new Set(app.output().match(/load-\d{6}/g) ?? []);
    const failedAfterAccepted = outcomes.filter((o) => "error" in o && seen.has(o.id));
    expect(failedAfterAccepted).toEqual([]);
    expect(served.every((o) => seen.has(o.id))).toBe(true);
    // The live stream was told when to come back, then closed.
    expect(await streamEnded).toMatch(/ended|cut/);
    expect(received).toContain("retry: 2000");
    expect(app.output()).toContain('"msg":"Stopped"');
  });
});
