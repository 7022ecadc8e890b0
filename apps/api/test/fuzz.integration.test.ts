import { useTestDb } from "@factdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/trpc/router";
import { makeClaim, makeUser, PASSWORD, publishVerdict } from "./factories";
import { startServer } from "./http-client";

/**
 * Every procedure of the router, found by walking it (a new one is covered without editing
 * this file), called over real HTTP by every role with malformed input: wrong types, huge
 * and NUL-laden strings, deep nesting, prototype keys. None may answer 5xx, and the server
 * must still be serving afterwards.
 */
const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
const logged: string[] = [];
beforeAll(async () => {
  server = await startServer(t.handle, (message) => logged.push(message));
});
afterAll(() => server.stop());

const deep = (levels: number) => {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};
const huge = "x".repeat(300_000);

/** Fields the procedures take, filled with what they must refuse. */
const hostileFields = (value: unknown) =>
  Object.fromEntries(
    [
      "id",
      "claimId",
      "version",
      "text",
      "title",
      "url",
      "body",
      "q",
      "email",
      "password",
      "name",
      "role",
      "to",
    ].map((field) => [field, value]),
  );

const malformed = (ids: { claim: string }): unknown[] => [
  null,
  42,
  "a string",
  [1, 2, 3],
  true,
  { id: 12, version: "one" },
  { id: ids.claim, version: -1, text: "\u0000" },
  hostileFields("\u0000"),
  hostileFields(huge),
  hostileFields({ nested: [1, { two: null }] }),
  hostileFields(Number.MAX_SAFE_INTEGER),
  deep(200),
  JSON.parse('{"__proto__": {"role": "admin", "isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'),
  { claimId: ids.claim, ids: Array.from({ length: 10_000 }, () => "x") },
];

async function call(path: string, type: string, input: unknown, cookie: string) {
  const encoded = encodeURIComponent(JSON.stringify(input));
  const response =
    type === "query"
      ? await fetch(`${server.url}/trpc/${path}?input=${encoded}`, { headers: { cookie } })
      : await fetch(`${server.url}/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify(input),
        });
  await response.arrayBuffer();
  return response.status;
}

describe("fuzzing every procedure for every role", () => {
  it("never answers 5xx and keeps serving", async () => {
    const claim = await makeClaim(t.db);
    await publishVerdict(t.db);
    const cookies: Record<string, string> = { anonymous: "" };
    for (const role of ["fact_checker", "editor", "admin"] as const) {
      const user = await makeUser(t.db, { role });
      const response = await fetch(`${server.url}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      });
      cookies[role] = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    }

    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    )
      // Logging out would end the session the rest of the run uses; it takes no input anyway.
      .filter(([path, procedure]) => procedure._def.type !== "subscription" && path !== "auth.logout");
    expect(procedures.length).toBeGreaterThan(50);

    const failures: string[] = [];
    let sent = 0;
    for (const [path, procedure] of procedures) {
      for (const [role, cookie] of Object.entries(cookies)) {
        for (const input of malformed({ claim: claim.id })) {
          const status = await call(path, procedure._def.type, input, cookie);
          sent++;
          if (status >= 500) failures.push(`${status} ${role} ${path} ${JSON.stringify(input).slice(0, 80)}`);
        }
      }
    }
    expect(failures, logged.join("\n")).toEqual([]);
    expect(sent).toBeGreaterThan(2_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The sessions still work: nothing the fuzzing sent changed who anyone is.
    const me = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: cookies.admin ?? "" } });
    expect(((await me.json()) as { result: { data: { role: string } } }).result.data.role).toBe("admin");
  }, 300_000);
});
