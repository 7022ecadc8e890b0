import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDb } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, SESSION_COOKIE } from "../src/app";
import type { AppRouter } from "../src/trpc/router";
import { makeClaim, makeUser, PASSWORD } from "./factories";
import { browserClient, startServer, testConfig } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
beforeAll(async () => {
  server = await startServer(t.handle);
  base = server.url;
});
afterAll(() => server.stop());

const browser = () => browserClient(base);

async function loginCookie() {
  const user = await makeUser(t.db);
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("over HTTP", () => {
  it("serves the whole queue to a plain GET without input", async () => {
    await makeClaim(t.db);
    const response = await fetch(`${base}/trpc/claim.list`, { headers: { cookie: await loginCookie() } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { items: unknown[] } } };
    expect(body.result.data.items).toHaveLength(1);
  });

  it("answers /healthz and /readyz", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", migrationsBehind: 0 });
  });

  it("answers /readyz with 503 while the database lacks this code's migrations", async () => {
    const fresh = await createDb({ engine: "pglite" });
    const app = createApp({ database: fresh, config: testConfig, log: () => {} });
    const other = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; migrationsBehind: number };
      expect(body.status).toBe("not ready");
      expect(body.migrationsBehind).toBeGreaterThan(30);
    } finally {
      other.close();
      await fresh.close();
    }
  });

  it("answers /readyz with 503 when the database does not answer", async () => {
    const closed = await createDb({ engine: "pglite" });
    await closed.close();
    const app = createApp({ database: closed, config: testConfig, log: () => {} });
    const other = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "unavailable" });
    } finally {
      other.close();
    }
  });

  it("logs in with an httpOnly SameSite cookie, serves the queue, and logs out", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    const { client, jar } = browser();

    const response = await fetch(`${base}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: checker.email.toUpperCase(), password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    jar.cookie = setCookie.split(";")[0] ?? "";

    expect(await client.auth.me.query()).toMatchObject({ id: checker.id, role: "fact_checker" });
    const queue = await client.claim.list.query({});
    expect(queue.items.map((item) => item.id)).toEqual([claim.id]);

    await client.auth.logout.mutate();
    expect(jar.cookie).toBe(`${SESSION_COOKIE}=`);
    expect(await client.auth.me.query()).toBeNull();
  });

  it("refuses a wrong password, an unknown email and a deactivated user alike", async () => {
    const active = await makeUser(t.db);
    const inactive = await makeUser(t.db, { active: false });
    const { client } = browser();
    for (const [email, password] of [
      [active.email, "wrong password"],
      ["nobody@factdesk.test", PASSWORD],
      [inactive.email, PASSWORD],
    ] as const) {
      const error = await client.auth.login.mutate({ email, password }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<AppRouter>).data?.httpStatus).toBe(401);
      expect((error as Error).message).toBe("Email or password is incorrect.");
    }
  });

  it("answers bad requests with 4xx and a message, never a 500 or a stack trace", async () => {
    const anonymous = await fetch(`${base}/trpc/claim.list`);
    expect(anonymous.status).toBe(401);

    const noInput = await fetch(`${base}/trpc/claim.get`, { headers: { cookie: await loginCookie() } });
    expect(noInput.status).toBe(400);

    const malformed = await fetch(`${base}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);

    const huge = await fetch(`${base}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.test", password: "x".repeat(6_000_000) }),
    });
    expect(huge.status).toBe(413);

    const invalid = await fetch(`${base}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "not an email", password: 5 }),
    });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.message).toMatch(/email: Enter a valid email address/);
    expect(body.error.data.stack).toBeUndefined();

    const unknown = await fetch(`${base}/trpc/claim.nope`);
    expect(unknown.status).toBe(404);
  });
});
