import { openTestDb, type TestDb, useTestDb } from "@factdesk/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeUser, PASSWORD, publishVerdict } from "./factories";
import { loggedIn, startServer } from "./http-client";

/**
 * Public reads from a replica (DATABASE_READ_URL): here a second database stands in for it,
 * holding different content, so where each read went shows in what it returns.
 */
const t = useTestDb();
let replica: TestDb;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  replica = await openTestDb(inject("testDatabaseTemplate"));
  server = await startServer(t.handle, undefined, {}, { readDatabase: replica });
});
afterAll(async () => {
  await server.stop();
  await replica.close();
});

describe("a read replica", () => {
  it("serves public pages, feeds and the public API, while the newsroom reads and writes the primary", async () => {
    const onPrimary = await publishVerdict(t.db, { headline: "Only on the primary" });
    const onReplica = await publishVerdict(replica.db, { headline: "Only on the replica" });
    await server.caughtUp();

    const page = (slug: string | null) => fetch(`${server.url}/verdicts/${slug}`);
    expect((await page(onReplica.verdict.slug)).status).toBe(200);
    expect((await page(onPrimary.verdict.slug)).status).toBe(404);
    expect(await (await fetch(`${server.url}/feed.json`)).text()).toContain("Only on the replica");
    const api = await fetch(
      `${server.url}/trpc/published.list?input=${encodeURIComponent(JSON.stringify({ page: 1 }))}`,
    );
    expect(await api.text()).toContain("Only on the replica");

    // The newsroom signs in, reads and writes on the primary (this person exists only there).
    const person = await makeUser(t.db, { role: "editor" });
    const newsroom = await loggedIn(server.url, person.email, PASSWORD);
    const { claim } = await newsroom.claim.get.query({ id: onPrimary.claim.id });
    expect(claim.text).toBe(onPrimary.claim.text);
    await newsroom.claim.update.mutate({ id: claim.id, version: claim.version, priority: "urgent" });
    expect((await newsroom.claim.get.query({ id: claim.id })).claim.priority).toBe("urgent");
  });
});
