import { useTestDb } from "@factdesk/db/testing";
import {
  ZApiCorrectionsPage,
  ZApiError,
  ZApiFactCheck,
  ZApiFactCheckPage,
  ZClaimsSearchAnswer,
} from "@factdesk/schema";
import { validate } from "@readme/openapi-parser";
import { afterEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { TConfig } from "../src/config";
import { importFactCheckFile } from "../src/domain/fact-checks";
import { callerFor, makeUser, publishVerdict, testConfig } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const start = async (publicApi: Partial<TConfig["publicApi"]> = {}) => {
  server = await startServer(t.handle, undefined, {
    publicApi: { ...testConfig.publicApi, ...publicApi },
  });
  return server.url;
};
const get = async (base: string, path: string, headers: Record<string, string> = {}) => {
  // As a browser revalidates (fetch would add no-cache to a conditional request).
  const response = await fetch(`${base}${path}`, { headers: { "cache-control": "max-age=0", ...headers } });
  return {
    status: response.status,
    headers: response.headers,
    body: response.status === 304 ? null : await response.json(),
  };
};

/** What each documented answer must parse as. */
const answers: Record<string, z.ZodType> = {
  "/fact-checks": ZApiFactCheckPage,
  "/fact-checks/{slug}": ZApiFactCheck,
  "/corrections": ZApiCorrectionsPage,
  "/claims:search": ZClaimsSearchAnswer,
};

async function publishThree() {
  const first = await publishVerdict(t.db, {
    claimText: "Albania took in 2,900 camp residents in 2013.",
    headline: "Albania took in 2,900 camp residents in 2013",
    claimant: "Example Times",
    rating: "false",
  });
  const second = await publishVerdict(t.db, {
    claimText: "The camp held 3,000 people.",
    headline: "No, about 2,000 people lived in the camp",
    claimant: "Radio North",
    rating: "mostly_false",
  });
  const third = await publishVerdict(t.db, {
    claimText: "The bridge cost twice the council's figure.",
    headline: "The bridge cost what the council said",
    claimant: "A local blog",
    rating: "false",
  });
  return { first, second, third };
}

describe("the public API (/api/v1)", () => {
  it("describes itself in a valid OpenAPI 3.1 document, and every endpoint answers its own examples", async () => {
    const { first } = await publishThree();
    const base = await start();
    type TDocument = {
      openapi: string;
      paths: Record<
        string,
        { get: { parameters?: { in: string; name: string; schema?: { example?: unknown } }[] } }
      >;
    };
    const document = (await get(base, "/api/v1/openapi.json")).body as TDocument;
    expect(document.openapi).toBe("3.1.0");
    await expect(
      validate(structuredClone(document) as Parameters<typeof validate>[0]),
    ).resolves.toBeDefined();
    expect(Object.keys(document.paths).sort()).toEqual(Object.keys(answers).sort());
    const places = Object.values(document.paths).flatMap((item) =>
      (item.get.parameters ?? []).map((p) => p.in),
    );
    expect(new Set(places)).toEqual(new Set(["query", "path", "header"]));

    for (const [path, item] of Object.entries(
      document.paths as Record<
        string,
        { get: { parameters?: { in: string; name: string; schema?: { example?: unknown } }[] } }
      >,
    )) {
      const parameters = item.get.parameters ?? [];
      const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(
          String(parameters.find((p) => p.in === "path" && p.name === name)?.schema?.example),
        ),
      );
      const query = new URLSearchParams(
        parameters
          .filter((p) => p.in === "query" && p.schema?.example !== undefined)
          .map((p): [string, string] => [p.name, String(p.schema?.example)]),
      );
      const answer = await get(base, `/api/v1${filled}?${query}`);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(() => answers[path]?.parse(answer.body)).not.toThrow();
    }
    // The example slug is the journey's verdict, which this desk published too.
    expect((await get(base, `/api/v1/fact-checks/${first.verdict.slug}`)).body).toMatchObject({
      headline: "Albania took in 2,900 camp residents in 2013",
      claim: { text: "Albania took in 2,900 camp residents in 2013.", claimant: "Example Times" },
      rating: { key: "false", label: "False" },
      language: "en",
      retracted: false,
    });

    // The readable reference lists every endpoint, rendered from the same document.
    const reference = await fetch(`${base}/api/v1`);
    const html = await reference.text();
    for (const path of Object.keys(answers)) expect(html).toContain(`GET /api/v1${path}`);
  });

  it("filters, pages by cursor without gaps or repeats, and answers bad queries with a typed error", async () => {
    await publishThree();
    const base = await start();
    const all = ZApiFactCheckPage.parse((await get(base, "/api/v1/fact-checks")).body);
    expect(all.items).toHaveLength(3);
    expect(all.nextCursor).toBeNull();

    const first = ZApiFactCheckPage.parse((await get(base, "/api/v1/fact-checks?limit=2")).body);
    expect(first.items).toHaveLength(2);
    const second = ZApiFactCheckPage.parse(
      (await get(base, `/api/v1/fact-checks?limit=2&cursor=${first.nextCursor}`)).body,
    );
    expect([...first.items, ...second.items].map((item) => item.slug)).toEqual(
      all.items.map((item) => item.slug),
    );
    expect(second.nextCursor).toBeNull();

    const search = async (query: string) =>
      ZApiFactCheckPage.parse((await get(base, `/api/v1/fact-checks?${query}`)).body).items.map(
        (i) => i.claim.text,
      );
    expect(await search("q=camp")).toHaveLength(2);
    expect(await search("rating=mostly_false")).toEqual(["The camp held 3,000 people."]);
    expect(await search("claimant=radio%20north")).toEqual(["The camp held 3,000 people."]);
    expect(await search("language=es")).toEqual([]);
    expect(await search("to=2000-01-01")).toEqual([]);

    for (const [query, message] of [
      ["limit=500", "Ask for at most 100 results at a time."],
      ["cursor=not-ours", "That cursor is not one this API gave."],
      ["from=yesterday", "Give the date as YYYY-MM-DD."],
      ["q=%00", ""],
    ] as const) {
      const answer = await get(base, `/api/v1/fact-checks?${query}`);
      expect(answer.status).toBe(400);
      expect(ZApiError.parse(answer.body).error.message).toContain(message);
    }
    expect((await get(base, "/api/v1/fact-checks/no-such-slug")).status).toBe(404);
    expect((await get(base, "/api/v1/nothing-here")).body).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("revalidates with ETag (304), and a retraction changes the answer and lists as a correction", async () => {
    const { second } = await publishThree();
    const base = await start();
    const firstAnswer = await get(base, "/api/v1/fact-checks");
    const etag = firstAnswer.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"/);
    expect((await get(base, "/api/v1/fact-checks", { "if-none-match": etag })).status).toBe(304);

    await second.asEditor.verdict.retract({
      id: second.verdict.id,
      version: second.verdict.version,
      reason: "The count was wrong.",
    });
    await server?.caughtUp();
    const after = await get(base, "/api/v1/fact-checks", { "if-none-match": etag });
    expect(after.status).toBe(200);
    const corrections = ZApiCorrectionsPage.parse((await get(base, "/api/v1/corrections")).body);
    expect(corrections.items).toEqual([
      expect.objectContaining({
        kind: "retraction",
        note: "The count was wrong.",
        slug: second.verdict.slug,
      }),
    ]);
    // Google's shape leaves retracted reviews out.
    const google = ZClaimsSearchAnswer.parse((await get(base, "/api/v1/claims:search?query=camp")).body);
    expect(google.claims.map((claim) => claim.text)).toEqual([
      "Albania took in 2,900 camp residents in 2013.",
    ]);
    expect(google.claims[0]?.claimReview[0]).toMatchObject({
      publisher: { name: "Test Checks", site: "localhost" },
      textualRating: "False",
      languageCode: "en",
    });
    // The archive importer reads that shape: a partner desk's answer becomes past fact-checks.
    expect(await importFactCheckFile(t.db, JSON.stringify(google), { actorId: null })).toMatchObject({
      imported: 1,
      skipped: [],
    });
    expect(
      (await get(base, "/api/v1/claims:search?reviewPublisherSiteFilter=elsewhere.example")).body,
    ).toEqual({
      claims: [],
    });
    expect((await get(base, "/api/v1/claims:search")).status).toBe(400);
    expect((await get(base, "/api/v1/claimsearch?query=camp")).status).toBe(404);
  });

  it("gives partners keys with their own budget, counts their use, and refuses revoked or unknown keys", async () => {
    await publishThree();
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }));
    const base = await start({ perAddress: 3, perKey: 5 });
    const made = await admin.apiKey.create({ name: "Partner Desk" });
    expect(made.key).toMatch(/^fd_/);

    // Anonymous: three requests, then 429 with when to come back.
    for (let i = 0; i < 3; i++) expect((await get(base, "/api/v1/fact-checks")).status).toBe(200);
    const refused = await get(base, "/api/v1/fact-checks");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    // The key has its own, larger budget.
    const withKey = { authorization: `Bearer ${made.key}` };
    for (let i = 0; i < 5; i++) expect((await get(base, "/api/v1/fact-checks", withKey)).status).toBe(200);
    expect((await get(base, "/api/v1/fact-checks", withKey)).status).toBe(429);
    expect((await admin.apiKey.list()).find((key) => key.id === made.id)).toMatchObject({
      uses: 6,
      prefix: made.key.slice(0, 8),
      revokedAt: null,
    });
    expect(JSON.stringify(await admin.apiKey.list())).not.toContain(made.key);

    const other = await admin.apiKey.create({ name: "Another" });
    await admin.apiKey.revoke({ id: other.id });
    expect((await get(base, "/api/v1/fact-checks", { authorization: `Bearer ${other.key}` })).status).toBe(
      401,
    );
    expect((await get(base, "/api/v1/fact-checks", { "x-api-key": "fd_made-up" })).body).toMatchObject({
      error: { code: "UNAUTHORIZED" },
    });
    await expect(admin.apiKey.revoke({ id: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
