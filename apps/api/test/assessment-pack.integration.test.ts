import { join } from "node:path";
import { claims, tips, users } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packPeriod } from "../src/domain/assessment-pack";
import { runUntilIdle } from "../src/jobs/workers";
import { repoRoot } from "../src/paths";
import { seedDatabase } from "../src/seed";
import { callerFor, makeUser, publishVerdict, testConfig } from "./factories";
import { browserClient, startServer } from "./http-client";

const t = useTestDb();
let app: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  app = await startServer(t.handle);
});
afterAll(() => app.stop());

/** Signs in over HTTP and returns the session cookie, as a browser holds it. */
async function cookieOf(email: string, password: string) {
  const { client, jar } = browserClient(app.url);
  await client.auth.login.mutate({ email, password });
  return jar.cookie;
}

const csvOf = (files: Record<string, Uint8Array>, name: string) => {
  const file = files[name];
  if (!file) throw new Error(`${name} is not in the pack`);
  return parse(strFromU8(file).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
};

describe("the IFCN / EFCSN assessment pack", () => {
  it("takes the last three months by default, refuses nonsense periods", () => {
    const { from, to } = packPeriod({}, new Date("2026-12-02T10:00:00Z"));
    expect([from.toISOString(), to.toISOString()]).toEqual([
      "2026-09-02T00:00:00.000Z",
      "2026-12-03T00:00:00.000Z",
    ]);
    expect(() => packPeriod({ from: "2020-01-01", to: "2026-01-01" })).toThrow(/three years/);
  });

  it("is made by a job from the seed desk and a journey, with CSV files that hold what was published", async () => {
    await seedDatabase(t.db, {
      dir: join(repoRoot, "seeds"),
      password: "seed-password-1",
      publicUrl: testConfig.publicUrl,
    });
    // The journey: a False verdict on a named claimant with a party, from a reader's tip, then corrected.
    const { claim, asChecker, asEditor, source } = await publishVerdict(t.db, {
      claimant: '=HYPERLINK("http://evil.example")',
      beforeSubmit: async (claimId) => {
        await t.db.update(claims).set({ claimantAffiliation: "Example Party" }).where(eq(claims.id, claimId));
        await t.db.insert(tips).values({ code: "code-of-a-reader-0001", statement: "Is it 1963?", claimId });
      },
    });
    const correction = await asChecker.verdict.save({
      claimId: claim.id,
      baseRevision: 1,
      rating: "false",
      headline: "The MEK was founded in 1965, not 1963",
      summary: "Britannica and the group's own histories date it to 1965.",
      explanation: "Britannica says **1965**; its own histories agree.",
      correctionNote: "Added the group's own histories.",
      sourceIds: [source.id],
    });
    let step = await asChecker.verdict.submit({
      id: correction.verdict.id,
      version: correction.verdict.version,
    });
    const [admin] = await t.db.select().from(users).where(eq(users.email, "admin@factdesk.test"));
    if (!admin) throw new Error("the seed has no admin");
    const asAdmin = callerFor(t.db, admin);
    step = await asAdmin.verdict.approve({ id: step.id, version: step.version });
    step = await asEditor.verdict.publish({ id: step.id, version: step.version });
    // A second check, retracted.
    const other = await publishVerdict(t.db, {
      claimText: "The camp held 3,000 people.",
      headline: "No, about 2,000",
      rating: "true",
    });
    await other.asEditor.verdict.retract({
      id: other.verdict.id,
      version: other.verdict.version,
      reason: "The count was wrong.",
    });
    // Policies saved twice: both versions are kept.
    const settings = await asAdmin.settings.get();
    const saved = await asAdmin.settings.update({
      ...settings,
      methodology: "We check **facts**.",
      about: "Who we are.",
      funding: "Readers pay.",
      version: settings.version,
    });
    await asAdmin.settings.update({
      ...saved,
      methodology: "We check facts, twice.",
      version: saved.version,
    });

    // A fact-checker cannot ask for a pack; an admin can.
    await expect(asChecker.assessmentPack.request({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      asAdmin.assessmentPack.request({ from: "2026-05-01", to: "2026-04-01" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const pack = await asAdmin.assessmentPack.request({});
    expect((await asAdmin.assessmentPack.list())[0]).toMatchObject({ id: pack.id, readyAt: null });
    await runUntilIdle(t.handle, { config: testConfig, log: () => {} });
    const [listed] = await asAdmin.assessmentPack.list();
    expect(listed?.readyAt).not.toBeNull();
    expect(listed?.bytes).toBeGreaterThan(1000);

    // Downloaded by admins only.
    const address = `${app.url}/export/assessment-packs/${pack.id}.zip`;
    expect((await fetch(address)).status).toBe(401);
    const checkerCookie = await cookieOf("checker@factdesk.test", "seed-password-1");
    expect((await fetch(address, { headers: { cookie: checkerCookie } })).status).toBe(403);
    const adminCookie = await cookieOf("admin@factdesk.test", "seed-password-1");
    expect(
      (
        await fetch(`${app.url}/export/assessment-packs/${crypto.randomUUID()}.zip`, {
          headers: { cookie: adminCookie },
        })
      ).status,
    ).toBe(404);
    const response = await fetch(address, { headers: { cookie: adminCookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      [
        "balance-by-affiliation.csv",
        "balance-by-claimant.csv",
        "balance-by-rating.csv",
        "checks.csv",
        "corrections.csv",
        "index.html",
        "pages/about.html",
        "pages/corrections-policy.html",
        "pages/funding.html",
        "pages/methodology.html",
        "policy-history.csv",
        "reader-tips.csv",
        "sources.csv",
      ].sort(),
    );

    const checks = csvOf(files, "checks.csv");
    expect(checks).toHaveLength(2);
    const mek = checks.find((row) => row.url?.endsWith(`/verdicts/${step.slug}`));
    expect(mek).toMatchObject({
      headline: "The MEK was founded in 1965, not 1963",
      rating: "False",
      // A claimant that looks like a formula is kept from running in a spreadsheet.
      claimant: '\'=HYPERLINK("http://evil.example")',
      "party or affiliation": "Example Party",
      author: "Carla Checker",
      corrections: "1",
      "readers who asked": "1",
    });
    expect(checks.find((row) => row.headline === "No, about 2,000")).toMatchObject({
      "retraction reason": "The count was wrong.",
    });
    expect(csvOf(files, "sources.csv")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: "Britannica: Mujahideen-e-Khalq",
          stance: "refutes",
          check: mek?.url,
        }),
      ]),
    );
    const corrections = csvOf(files, "corrections.csv");
    expect(corrections.map((row) => [row.kind, row.note])).toEqual(
      expect.arrayContaining([
        ["correction", "Added the group's own histories."],
        ["retraction", "The count was wrong."],
      ]),
    );
    expect(csvOf(files, "balance-by-rating.csv")).toEqual(
      expect.arrayContaining([
        { rating: "False", checks: "1", percent: "50" },
        { rating: "True", checks: "1", percent: "50" },
      ]),
    );
    expect(csvOf(files, "balance-by-affiliation.csv")).toEqual(
      expect.arrayContaining([{ "party or affiliation": "Example Party", checks: "1", percent: "50" }]),
    );
    const tipsCsv = Object.fromEntries(
      csvOf(files, "reader-tips.csv").map((row) => [row.measure, row.value]),
    );
    expect(tipsCsv).toMatchObject({
      "tips received": "1",
      "tips whose claim has a published verdict": "1",
      "of which readers asked for": "1",
      "percent of published checks readers asked for": "50",
    });
    const history = csvOf(files, "policy-history.csv").filter((row) => row.page === "Methodology");
    expect(history.map((row) => row.text)).toEqual(["We check facts, twice.", "We check **facts**."]);
    const methodology = strFromU8(files["pages/methodology.html"] as Uint8Array);
    expect(methodology).toContain("We check facts, twice.");
    expect(methodology).toContain("Change history");
    const index = strFromU8(files["index.html"] as Uint8Array);
    expect(index).toContain("2 checks published");
    expect(index).not.toContain("<script");
    expect(index).toContain("&quot;http://evil.example&quot;");
  });

  it("serves the about and funding pages with their last-updated date", async () => {
    await publishVerdict(t.db);
    const asAdmin = callerFor(t.db, await makeUser(t.db, { role: "admin" }));
    const settings = await asAdmin.settings.get();
    await asAdmin.settings.update({
      ...settings,
      about: "We are **three** journalists.",
      funding: "Readers fund us.",
      version: settings.version,
    });
    const about = await fetch(`${app.url}/about`);
    expect(about.status).toBe(200);
    const body = await about.text();
    expect(body).toContain("<strong>three</strong> journalists");
    expect(body).toMatch(/Last updated <time dateTime="\d{4}-\d\d-\d\dT/i);
    expect(await (await fetch(`${app.url}/funding`)).text()).toContain("Readers fund us.");
  });
});
