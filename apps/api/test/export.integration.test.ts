import { claims } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { queueViewToParams } from "@factdesk/schema";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClaim, makeUser, PASSWORD } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer(t.handle, undefined, { publicUrl: new URL("https://desk.example/") });
});
afterAll(() => server.stop());

async function cookieFor(email: string) {
  const response = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("CSV export of the queue", () => {
  it("streams every claim the view matches, in its order, with ids and links, safe for spreadsheets", async () => {
    const user = await makeUser(t.db, { name: "Casey" });
    for (let i = 0; i < 450; i++) await makeClaim(t.db, { text: `Budget claim ${i}`, score: 0.5 });
    const hostile = await makeClaim(t.db, {
      text: '=HYPERLINK("https://evil.example") budget',
      score: 0.9,
      assigneeId: user.id,
    });
    await t.db.update(claims).set({ statedOn: "2019-03-05" }).where(eq(claims.id, hostile.id));
    await makeClaim(t.db, { text: "Unrelated", score: 0.9 });

    const query = queueViewToParams({ filter: { q: "budget" }, sort: "score" });
    const response = await fetch(`${server.url}/export/claims.csv?${query}`, {
      headers: { cookie: await cookieFor(user.email) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="factdesk-claims-/);
    const rows = parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(451);
    expect(new Set(rows.map((row) => row.id)).size).toBe(451);
    expect(rows[0]).toMatchObject({
      id: hostile.id,
      url: `https://desk.example/app/claims/${hostile.id}`,
      claim: '\'=HYPERLINK("https://evil.example") budget',
      status: "unverified",
      assignee: "Casey",
      score: "0.9",
      "said on": "2019-03-05",
    });
    expect(rows[1]?.["said on"]).toBe("");
    expect(rows.some((row) => row.claim === "Unrelated")).toBe(false);
  });

  it("refuses anyone not logged in", async () => {
    const response = await fetch(`${server.url}/export/claims.csv`);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("Log in to export claims.");
  });
});
