import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { notifications, sourceSnapshots, sources } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveSource, checkPublishedSources } from "../src/domain/source-archive";
import { runUntilIdle } from "../src/jobs/workers";
import { allowingHosts, callerFor, makeClaim, makeUser, publishVerdict, testConfig } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
const config = allowingHosts("127.0.0.1");

/** The cited page, whose answer the test changes: it may vanish or be rewritten. */
let answer: { status: number; body: string } = { status: 200, body: "" };
const page = (claim: string) =>
  `<!doctype html><html><head><title>The register</title></head><body><nav>Home · About</nav><article><h1>The register</h1><p>${claim}</p><p>Entered by the clerk of the court, with the seal of the registry, in the presence of two witnesses who signed it.</p><p>Kept in the national archive since then, and open to anyone who asks.</p></article></body></html>`;
let site: Server;
let sourceUrl: string;
let app: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  site = createServer((_request, response) => {
    response.writeHead(answer.status, { "content-type": "text/html; charset=utf-8" }).end(answer.body);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  sourceUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/register`;
  app = await startServer(t.handle);
});
afterAll(async () => {
  await app.stop();
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** Makes every source due for the daily check again. */
const dueAgain = () => t.db.update(sources).set({ linkCheckedAt: sql`now() - interval '2 days'` });

describe("archived sources", () => {
  it("are kept when added, linked from the public page, and checked for rot", async () => {
    answer = { status: 200, body: page("The MEK was founded in 1965, the register shows.") };
    const { source, verdict, checker } = await publishVerdict(t.db);
    // A source must name a public domain; the test's page is on loopback, so the source is
    // pointed there before its job runs (the job reads the address when it runs).
    await t.db.update(sources).set({ url: sourceUrl }).where(eq(sources.id, source.id));
    await runUntilIdle(t.handle, { config, log: () => {} });

    const [kept] = await t.db.select().from(sourceSnapshots).where(eq(sourceSnapshots.sourceId, source.id));
    expect(kept).toMatchObject({ httpStatus: 200, title: "The register", bodySha256: sha256(answer.body) });
    expect(kept?.text).toContain("founded in 1965");
    expect(kept?.text).not.toContain("Home · About");
    const [live] = await t.db.select().from(sources).where(eq(sources.id, source.id));
    expect(live?.linkState).toBe("live");

    // Readers reach the copy from the verdict page.
    const verdictPage = await (await fetch(`${app.url}/verdicts/${verdict.slug}`)).text();
    expect(verdictPage).toContain(`href="/sources/${source.id}/archived"`);
    const copy = await fetch(`${app.url}/sources/${source.id}/archived`);
    expect(copy.status).toBe(200);
    const copyText = await copy.text();
    expect(copyText).toContain("founded in 1965");
    expect(copyText).toContain(sha256(answer.body));
    expect((await fetch(`${app.url}/sources/${crypto.randomUUID()}/archived`)).status).toBe(404);

    // The daily check: nothing is due yet.
    expect(await checkPublishedSources(t.db, config.fetch)).toEqual([]);

    // The page vanishes: the source is marked dead and its author told, once.
    answer = { status: 404, body: "Not found" };
    await dueAgain();
    expect(await checkPublishedSources(t.db, config.fetch)).toEqual([{ sourceId: source.id, state: "dead" }]);
    await dueAgain();
    expect(await checkPublishedSources(t.db, config.fetch)).toEqual([{ sourceId: source.id, state: "dead" }]);
    const told = await t.db.select().from(notifications).where(eq(notifications.kind, "source_changed"));
    expect(told.map((n) => [n.userId, (n.data as { state: string }).state])).toEqual([[checker.id, "dead"]]);
    expect(await (await fetch(`${app.url}/sources/${source.id}/archived`)).text()).toContain(
      "no longer answers",
    );

    // It comes back rewritten: changed, and told again; the copy kept is still the first.
    answer = { status: 200, body: page("The MEK was founded in 1963, the register now shows.") };
    await dueAgain();
    expect(await checkPublishedSources(t.db, config.fetch)).toEqual([
      { sourceId: source.id, state: "changed" },
    ]);
    expect(await t.db.$count(notifications, eq(notifications.kind, "source_changed"))).toBe(2);
    const copyNow = await (await fetch(`${app.url}/sources/${source.id}/archived`)).text();
    expect(copyNow).toContain("founded in 1965");
    expect(copyNow).toContain("has changed since this copy");

    // The workspace reads the same kept copy, and every check of the address, newest first.
    const archive = await callerFor(t.db, checker, config).source.archive({ id: source.id });
    expect(archive.linkState).toBe("changed");
    expect(archive.kept?.text).toContain("founded in 1965");
    expect(archive.kept?.bodySha256).toBe(kept?.bodySha256);
    expect(archive.checks.map((check) => check.httpStatus)).toEqual([200, 404, 404, 200]);
  });

  it("show the desk a source's kept copy before anything is published, and only to the desk", async () => {
    answer = { status: 200, body: page("The register was opened in 1871.") };
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    const desk = callerFor(t.db, checker, config);
    const source = await desk.source.add({
      claimId: claim.id,
      url: "https://registry.example/register",
      title: "The register",
      stance: "supports",
    });
    await t.db.update(sources).set({ url: sourceUrl }).where(eq(sources.id, source.id));
    expect(await desk.source.archive({ id: source.id })).toMatchObject({ kept: null, checks: [] });
    await runUntilIdle(t.handle, { config, log: () => {} });
    const archive = await desk.source.archive({ id: source.id });
    expect(archive.kept?.text).toContain("opened in 1871");
    // Not cited by a published verdict: no public copy, and no copy for someone signed out.
    expect((await fetch(`${app.url}/sources/${source.id}/archived`)).status).toBe(404);
    await expect(callerFor(t.db, null, config).source.archive({ id: source.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(desk.source.archive({ id: crypto.randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("fetch only through the fetcher's rules: a private address is refused and recorded as such", async () => {
    answer = { status: 200, body: page("Anything.") };
    const { source } = await publishVerdict(t.db);
    await t.db.update(sources).set({ url: sourceUrl }).where(eq(sources.id, source.id));
    // The default rules (no allow-list) refuse loopback, as they refuse every private network.
    const result = await archiveSource(t.db, source.id, testConfig.fetch);
    expect(result?.state).toBe("dead");
    expect(result?.snapshot.httpStatus).toBeNull();
    expect(result?.snapshot.error).toMatch(/private|local|loopback|refused/i);
  });
});
