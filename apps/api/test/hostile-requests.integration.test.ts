import { sessions } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClaim, makeUser, PASSWORD } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
const logged: string[] = [];
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
beforeAll(async () => {
  server = await startServer(t.handle, (message, error) => logged.push(`${message} ${error ?? ""}`));
  base = server.url;
});
afterAll(() => server.stop());

async function login(role: "fact_checker" | "editor" = "fact_checker") {
  const user = await makeUser(t.db, { role });
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  return { user, cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
}

const mutate = (path: string, input: unknown, headers: Record<string, string>) =>
  fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });

describe("NUL bytes", () => {
  it("get a 400 with one short log line on public pages, tRPC queries and mutations", async () => {
    const { cookie } = await login();
    const claim = await makeClaim(t.db);
    logged.length = 0;
    for (const path of ["/verdicts?q=%00", "/verdicts/%00", "/verdicts/a%00b", "/feed.xml?x=%00"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(400);
    }
    const query = await fetch(
      `${base}/trpc/published.list?input=${encodeURIComponent(JSON.stringify({ q: "a\u0000" }))}`,
    );
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { message: string } }).error.message).toContain("NUL");
    for (const [path, input] of [
      ["claim.comment", { claimId: claim.id, body: "hi\u0000there" }],
      ["claim.update", { id: claim.id, version: claim.version, text: "The MEK\u0000" }],
      ["source.add", { claimId: claim.id, url: "https://e.org/", title: "\u0000", stance: "supports" }],
      ["article.preview", { title: "t", text: "A\u0000B." }],
    ] as const) {
      const response = await mutate(path, input, { cookie });
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { data: { code: string } } };
      expect(body.error.data.code).toBe("BAD_REQUEST");
    }
    expect(logged, logged.join("\n")).toHaveLength(9);
    for (const line of logged) expect(line.length).toBeLessThan(200);
  });
});

describe("batches", () => {
  it("refuses a batch of 1,000 calls, saying what the limit is", async () => {
    const paths = Array.from({ length: 1000 }, () => "published.list").join(",");
    const response = await fetch(`${base}/trpc/${paths}?batch=1`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "A batch may carry at most 20 calls; this one has 1000.",
    );
    const fine = Array.from({ length: 20 }, () => "published.list").join(",");
    const inputs = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, {}]));
    const ok = await fetch(
      `${base}/trpc/${fine}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`,
    );
    expect(ok.status, await ok.text()).toBe(200);
  });
});

describe("cross-site requests", () => {
  it("refuse a form post with the session cookie: mutations are JSON only", async () => {
    const { cookie } = await login();
    const form = new FormData();
    form.set("x", "y");
    const response = await fetch(`${base}/trpc/auth.logout`, {
      method: "POST",
      headers: { cookie },
      body: form,
    });
    expect(response.status).toBe(415);
    const plain = await fetch(`${base}/trpc/auth.logout`, {
      method: "POST",
      headers: { cookie, "content-type": "text/plain" },
      body: "{}",
    });
    expect(plain.status).toBe(415);
    expect(await t.db.$count(sessions)).toBe(1);
  });

  it("refuse a browser's JSON from another origin, accept the site's own", async () => {
    const { cookie } = await login();
    const claim = await makeClaim(t.db);
    const input = { claimId: claim.id, body: "From elsewhere" };
    for (const headers of [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
    ] as Record<string, string>[]) {
      const response = await mutate("claim.comment", input, { cookie, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await mutate("claim.comment", input, { cookie, "sec-fetch-site": "same-origin" })).status).toBe(
      200,
    );
    expect((await mutate("claim.comment", input, { cookie, origin: base })).status).toBe(200);
  });
});
