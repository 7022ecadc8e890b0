import { useTestDb } from "@factdesk/db/testing";
import { claimReviewValidator, googleProblems } from "@factdesk/schema/testing";
import { DOMParser, parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, makeUser, publishVerdict } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer(t.handle, undefined, { publicUrl: new URL("https://checks.example/") });
});
afterAll(() => server.stop());

// A browser revalidating sends max-age=0; without it, fetch adds "no-cache" to conditional requests.
/** A reader's request, after the server has heard every change so far (NOTIFY drops kept pages). */
const get = async (path: string, headers: Record<string, string> = {}) => {
  await server.caughtUp();
  return fetch(`${server.url}${path}`, {
    headers: { "cache-control": "max-age=0", ...headers },
    redirect: "manual",
  });
};

/** The page's JSON-LD blocks, parsed, and its canonical link. */
async function readPage(path: string) {
  const response = await get(path);
  const html = await response.text();
  const { document } = parseHTML(html);
  const jsonLd = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) =>
    JSON.parse(s.textContent ?? ""),
  );
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href");
  return { response, html, document, jsonLd, canonical };
}

const hostile = {
  claimText: 'The MEK was founded in 1963 <script>alert("claim")</script>.',
  sourceTitle: 'Britannica <img src=x onerror="alert(1)">',
  explanation:
    'Britannica says **1965**. <script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>',
};

describe("the public site", () => {
  it("serves a published verdict with one valid ClaimReview whose url is the canonical URL", async () => {
    const { verdict } = await publishVerdict(t.db);
    const page = await readPage(`/verdicts/${verdict.slug}`);
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.document.documentElement.getAttribute("lang")).toBe("en");
    expect(page.document.querySelector("h1")?.textContent).toBe("The MEK was founded in 1965, not 1963");
    expect(page.document.querySelector(".rating-badge")?.textContent).toBe("False");
    expect(page.html).toContain("Britannica: Mujahideen-e-Khalq");
    expect(page.html).toContain("<strong>1965</strong>");
    expect(page.canonical).toBe(`https://checks.example/verdicts/${verdict.slug}`);
    expect(page.document.querySelector('meta[property="og:url"]')?.getAttribute("content")).toBe(
      page.canonical,
    );

    expect(page.jsonLd).toHaveLength(1);
    const [review] = page.jsonLd;
    expect(review).toMatchObject({
      "@type": "ClaimReview",
      url: page.canonical,
      claimReviewed: "The MEK was founded in 1963.",
      author: { "@type": "Organization", name: "Test Checks", url: "https://checks.example/" },
      reviewRating: { alternateName: "False", ratingValue: "1", bestRating: "5", worstRating: "1" },
      itemReviewed: { author: { name: "Example Times" }, appearance: [{ url: "https://news.example/mek" }] },
    });
    expect(googleProblems(review)).toEqual([]);
    const validate = claimReviewValidator();
    expect(validate(review), JSON.stringify(validate.errors)).toBe(true);
  });

  it("renders hostile text inert on the page and in every feed", async () => {
    const { verdict } = await publishVerdict(t.db, hostile);
    for (const path of [`/verdicts/${verdict.slug}`, "/", "/feed.xml", "/feed.json", "/claimreview.json"]) {
      const body = await (await get(path)).text();
      expect(body, path).not.toMatch(/<script>alert|<img src=x|href="javascript:/i);
      expect(body, path).not.toMatch(/<script[^>]*>(?!\s*\{)/i); // the only script is JSON-LD data
    }
    const page = await readPage(`/verdicts/${verdict.slug}`);
    expect(page.document.querySelector("blockquote p")?.textContent).toBe(hostile.claimText);
    expect(page.jsonLd[0].claimReviewed).toBe(hostile.claimText);
  });

  it("builds feed HTML like the pages: summaries, correction notes and retraction reasons stay text", async () => {
    const payload = ']]><img src=x onerror="alert(1)"><script>alert(2)</script>';
    const { verdict, asChecker } = await publishVerdict(t.db, { ...hostile, summary: `Summary ${payload}` });
    const saved = await asChecker.verdict.save({
      claimId: verdict.claimId,
      baseRevision: 1,
      rating: "false",
      headline: `Headline ${payload}`.slice(0, 75),
      summary: `Summary ${payload}`,
      explanation: hostile.explanation,
      sourceIds: [],
      correctionNote: `Note ${payload}`,
    });
    const other = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    let current = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    current = await other.verdict.approve({ id: current.id, version: current.version });
    current = await other.verdict.publish({ id: current.id, version: current.version });
    await other.verdict.retract({ id: current.id, version: current.version, reason: `Reason ${payload}` });

    // What a feed reader renders: RSS titles, descriptions and content, JSON Feed content_html.
    const rss = new DOMParser().parseFromString(await (await get("/feed.xml")).text(), "text/xml");
    const rendered = [...rss.querySelectorAll("item")].flatMap((item) =>
      ["title", "description", "content:encoded"].map(
        (tag) => item.getElementsByTagName(tag)[0]?.textContent ?? "",
      ),
    );
    const json = (await (await get("/feed.json")).json()) as {
      items: { content_html: string; summary?: string }[];
    };
    rendered.push(...json.items.map((item) => item.content_html));
    expect(rendered.join(" ")).toContain("Note ]]&gt;&lt;img");
    for (const html of rendered) {
      const { document } = parseHTML(`<div id="r">${html}</div>`);
      const elements = [...(document.getElementById("r")?.querySelectorAll("*") ?? [])];
      expect(
        elements.filter((e) => ["SCRIPT", "IMG", "IFRAME"].includes(e.tagName)),
        html,
      ).toEqual([]);
      expect(
        elements.flatMap((e) => e.getAttributeNames()).filter((a) => a.startsWith("on")),
        html,
      ).toEqual([]);
    }
    expect(json.items.map((item) => item.summary)).toContain(`Reason ${payload}`);
  });

  it("reads well: attributions, quotes, plurals, a retraction's rating, JSON Feed 1.1, dateModified", async () => {
    const { verdict, asChecker, asEditor } = await publishVerdict(t.db, { claimant: "" });
    const path = `/verdicts/${verdict.slug}`;
    const first = await readPage(path);
    // No claimant: the quote says where the claim was seen, not "— claim".
    expect(first.document.querySelector("blockquote.claim footer")?.textContent).toBe(
      "Seen in Where the claim appeared (Example Times)",
    );
    // The source's title and its quoted excerpt are apart.
    expect(first.document.querySelector("#sources + ul li")?.textContent).toBe(
      // (a <q> element's quotation marks are drawn by the browser, not in the text)
      "Refutes: Britannica: Mujahideen-e-Khalq: founded in 1965 (archived copy)",
    );
    expect(first.jsonLd[0].dateModified).toBeUndefined();
    expect((await readPage("/verdicts")).document.querySelector("main p.muted")?.textContent).toBe(
      "1 verdict; page 1 of 1.",
    );

    // A correction: ClaimReview says when it was modified.
    const saved = await asChecker.verdict.save({
      claimId: verdict.claimId,
      baseRevision: 1,
      rating: "false",
      headline: "The MEK was founded in 1965, not 1963",
      summary: "Corrected.",
      explanation: "Britannica says **1965**.",
      sourceIds: [],
      correctionNote: "Clarified the date.",
    });
    const other = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    let current = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    current = await other.verdict.approve({ id: current.id, version: current.version });
    current = await other.verdict.publish({ id: current.id, version: current.version });
    const corrected = await readPage(path);
    expect(corrected.jsonLd[0].dateModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(corrected.jsonLd[0].datePublished).toBe(first.jsonLd[0].datePublished);

    // Retracted: the rating no longer reads as the verdict.
    await asEditor.verdict.retract({ id: current.id, version: current.version, reason: "Misquoted." });
    const retracted = await readPage(path);
    expect(retracted.document.querySelector(".rating-badge")).toBeNull();
    expect(retracted.document.querySelector(".rating-retracted")?.textContent).toBe(
      "Retracted (was rated False)",
    );

    const feed = (await (await get("/feed.json")).json()) as {
      version: string;
      items: { summary?: string; date_published?: string; title: string }[];
    };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((item) => item.title)).toContain(
      "Retracted: The MEK was founded in 1965, not 1963",
    );
    for (const item of feed.items) {
      expect(item.summary, item.title).toBeTruthy();
      expect(item.date_published, item.title).toMatch(/^\d{4}-/);
    }
  });

  it("types the claimant as a person or an organisation: as set on the claim, else as its name suggests", async () => {
    const { verdict } = await publishVerdict(t.db, { claimant: "transport department" });
    const guessed = await readPage(`/verdicts/${verdict.slug}`);
    expect(guessed.jsonLd[0].itemReviewed.author).toEqual({
      "@type": "Organization",
      name: "transport department",
    });

    const other = await publishVerdict(t.db, {
      claimText: "Jane Doe Ltd said unemployment halved in 2024.",
      headline: "Unemployment did not halve in 2024",
      claimant: "Jane Doe",
      beforeSubmit: async (claimId, caller) => {
        const claim = await caller.claim.get({ id: claimId });
        await caller.claim.update({
          id: claimId,
          version: claim.claim.version,
          claimantKind: "organisation",
        });
      },
    });
    const set = await readPage(`/verdicts/${other.verdict.slug}`);
    expect(set.jsonLd[0].itemReviewed.author).toEqual({ "@type": "Organization", name: "Jane Doe" });
  });

  it("revalidates with ETag and Last-Modified, and a correction changes the ETag at once", async () => {
    const { verdict, asChecker } = await publishVerdict(t.db);
    const path = `/verdicts/${verdict.slug}`;
    const first = await get(path);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toMatch(/public.*s-maxage=\d+/);
    expect(first.headers.get("last-modified")).toBeTruthy();
    expect((await get(path, { "if-none-match": etag })).status).toBe(304);
    for (const feed of ["/feed.xml", "/feed.json", "/claimreview.json", "/"]) {
      const response = await get(feed);
      expect((await get(feed, { "if-none-match": response.headers.get("etag") ?? "" })).status, feed).toBe(
        304,
      );
    }

    // A correction, reviewed by another editor, is published at the same address.
    const saved = await asChecker.verdict.save({
      claimId: verdict.claimId,
      baseRevision: 1,
      rating: "mostly_false",
      headline: "The MEK was founded in 1965, not 1963",
      summary: "Corrected summary.",
      explanation: "Britannica says **1965**; a 1963 founding meeting is disputed.",
      sourceIds: [],
      correctionNote: "We added the disputed 1963 founding meeting.",
    });
    const other = callerFor(t.db, await makeUser(t.db, { role: "editor", name: "Otto Other" }));
    let current = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    current = await other.verdict.approve({ id: current.id, version: current.version });
    current = await other.verdict.publish({ id: current.id, version: current.version });

    const after = await get(path, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    const corrected = await readPage(path);
    expect(corrected.document.querySelector(".rating-badge")?.textContent).toBe("Mostly false");
    expect(corrected.document.querySelector("#corrections + ol")?.textContent).toContain(
      "We added the disputed 1963 founding meeting.",
    );
    expect(corrected.html).toContain("approved by Otto Other");
    const rss = await (await get("/feed.xml")).text();
    expect(rss).toContain("Correction: The MEK was founded in 1965, not 1963");
    const json = (await (await get("/feed.json")).json()) as { items: { title: string }[] };
    expect(json.items.map((item: { title: string }) => item.title)).toEqual([
      "Correction: The MEK was founded in 1965, not 1963",
      "The MEK was founded in 1965, not 1963",
    ]);

    // A retraction keeps the address, with its notice; ClaimReview and the data feed drop it.
    await other.verdict.retract({
      id: current.id,
      version: current.version,
      reason: "The claim was misquoted.",
    });
    const retracted = await readPage(path);
    expect(retracted.response.status).toBe(200);
    expect(retracted.document.querySelector(".notice")?.textContent).toContain("The claim was misquoted.");
    expect(retracted.jsonLd).toEqual([]);
    expect(
      ((await (await get("/claimreview.json")).json()) as { dataFeedElement: unknown[] }).dataFeedElement,
    ).toEqual([]);
    expect(await (await get("/feed.xml")).text()).toContain(
      "Retracted: The MEK was founded in 1965, not 1963",
    );
  });

  it("redirects a renamed headline's old slug and lists, filters and searches verdicts", async () => {
    const { verdict, asChecker } = await publishVerdict(t.db);
    await publishVerdict(t.db, {
      claimText: "Albania hosts 3,000 MEK members.",
      headline: "Albania hosts about 2,900 MEK members",
      rating: "mostly_true",
    });
    const saved = await asChecker.verdict.save({
      claimId: verdict.claimId,
      baseRevision: 1,
      rating: "false",
      headline: "No, the MEK was not founded in 1963",
      summary: "Same finding, clearer headline.",
      explanation: "Britannica says **1965**.",
      sourceIds: [],
      correctionNote: "Headline reworded.",
    });
    const other = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    let current = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    current = await other.verdict.approve({ id: current.id, version: current.version });
    current = await other.verdict.publish({ id: current.id, version: current.version });
    expect(current.slug).toBe("no-the-mek-was-not-founded-in-1963");
    const old = await get(`/verdicts/${verdict.slug}`);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/verdicts/no-the-mek-was-not-founded-in-1963");
    expect((await get("/verdicts/never-published")).status).toBe(404);

    const titles = async (path: string) =>
      [...(await readPage(path)).document.querySelectorAll("ul.verdicts h2")].map((h) => h.textContent);
    // Newest first by first publication: a correction does not bump a verdict up.
    expect(await titles("/")).toEqual([
      "Albania hosts about 2,900 MEK members",
      "No, the MEK was not founded in 1963",
    ]);
    expect(await titles("/verdicts?rating=mostly_true")).toEqual(["Albania hosts about 2,900 MEK members"]);
    expect(await titles("/verdicts?q=albania")).toEqual(["Albania hosts about 2,900 MEK members"]);
    expect(await titles("/verdicts?q=founded")).toEqual(["No, the MEK was not founded in 1963"]);
    expect(await titles("/verdicts?page=abc")).toHaveLength(2);
  });

  it("offers published verdicts as data without signing in, never drafts", async () => {
    const { verdict } = await publishVerdict(t.db);
    const anonymous = callerFor(t.db, null);
    const list = await anonymous.published.list({});
    expect(list).toMatchObject({
      total: 1,
      page: 1,
      pages: 1,
      items: [{ slug: verdict.slug, rating: { label: "False" } }],
    });
    const one = await anonymous.published.get({ slug: verdict.slug ?? "" });
    expect(one).toMatchObject({
      headline: "The MEK was founded in 1965, not 1963",
      claimReview: { "@type": "ClaimReview" },
    });
    await expect(anonymous.published.get({ slug: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Over HTTP, as any client would call it.
    const response = await get(
      `/trpc/published.list?input=${encodeURIComponent(JSON.stringify({ q: "MEK" }))}`,
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { data: { total: number } } }).result.data.total).toBe(1);
  });

  it("shows the methodology and corrections policy admins write", async () => {
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }));
    const current = await admin.settings.get();
    await admin.settings.update({
      ...current,
      methodology: "## How we choose\nWe check **claims** <script>alert(1)</script>",
      correctionsPolicy: "We correct openly.",
      version: current.version,
    });
    const methodology = await readPage("/methodology");
    expect(methodology.document.querySelector("h2")?.textContent).toBe("How we choose");
    expect(methodology.html).not.toContain("<script>alert");
    expect((await readPage("/corrections-policy")).html).toContain("We correct openly.");
    // A stale save is refused, not applied.
    await expect(
      admin.settings.update({ ...current, methodology: "stale", version: current.version }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
