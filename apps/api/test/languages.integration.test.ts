import { articles, claimLinks, claims } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { HIGHLIGHT_END, HIGHLIGHT_START, stemmedLanguages } from "@factdesk/schema";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runUntilIdle } from "../src/jobs/workers";
import { callerFor, configureOrganisation, makeUser, testConfig } from "./factories";

const t = useTestDb();

const spanish = `Refugiados del campamento llegan a Albania
Los refugiados iraníes del campamento Ashraf llegaron a Albania en 2013, según el Gobierno albanés.
El Congreso de Estados Unidos destinó 20 millones de dólares al reasentamiento de los refugiados en 2016.
La organización fue fundada en 1965 por estudiantes universitarios de Teherán.`;

const spanishAgain = `Otra crónica sobre el campamento
El Congreso de Estados Unidos destinó 20 millones de dólares al reasentamiento de los refugiados en 2016, informó la agencia.
Los vecinos de Manëz dicen que nadie les consultó antes de la construcción.`;

const french = `Les réfugiés du camp arrivent en Albanie
Les réfugiés iraniens du camp Ashraf sont arrivés en Albanie en 2013, selon le gouvernement albanais.
Le Congrès des États-Unis a alloué 20 millions de dollars à la réinstallation des réfugiés en 2016.`;

describe("articles and claims in several languages", () => {
  it("detects each article's language, searches by its own word forms, matches within it, and follows a correction", async () => {
    const checker = await makeUser(t.db);
    const asChecker = callerFor(t.db, checker);
    const ingest = (text: string) => asChecker.article.ingest({ text, sentenceIndexes: [0, 1, 2, 3] });

    const preview = await asChecker.article.preview({ text: spanish });
    expect(preview.language).toBe("es");
    const es = await ingest(spanish);
    const fr = await ingest(french);
    const languageOf = async (id: string) =>
      (await t.db.select({ language: articles.language }).from(articles).where(eq(articles.id, id)))[0]
        ?.language;
    expect(await languageOf(es.articleId)).toBe("es");
    expect(await languageOf(fr.articleId)).toBe("fr");
    const claimLanguages = await t.db
      .select({ language: claims.language })
      .from(claims)
      .where(eq(claims.articleId, es.articleId));
    expect(claimLanguages.length).toBeGreaterThan(0);
    expect(claimLanguages.every(({ language }) => language === "es")).toBe(true);

    // Each found by a form of its words it does not contain: Spanish and French stemming.
    const search = async (q: string) =>
      (await asChecker.claim.list({ filter: { q } })).items.map((item) => item.text);
    expect(await search("refugiado fundó")).toEqual([]);
    expect(await search("reasentamientos")).toEqual([
      expect.stringContaining("reasentamiento de los refugiados"),
    ]);
    expect(await search("réinstallations")).toEqual([expect.stringContaining("réinstallation des réfugiés")]);
    const [highlighted] = (await asChecker.claim.list({ filter: { q: "reasentamientos" } })).items;
    expect(highlighted?.highlighted).toContain(`${HIGHLIGHT_START}reasentamiento${HIGHLIGHT_END}`);

    // A Spanish restatement of a Spanish claim is found; the French one, another language, is not linked.
    const again = await ingest(spanishAgain);
    await runUntilIdle(t.handle, { config: testConfig });
    const [restated] = await t.db.select().from(claims).where(eq(claims.articleId, again.articleId));
    const links = await t.db.select().from(claimLinks);
    const linkedTo = (id: string) =>
      links
        .filter((link) => link.claimAId === id || link.claimBId === id)
        .map((link) => (link.claimAId === id ? link.claimBId : link.claimAId));
    const spanishIds = (
      await t.db.select({ id: claims.id }).from(claims).where(eq(claims.articleId, es.articleId))
    ).map((c) => c.id);
    const frenchIds = (
      await t.db.select({ id: claims.id }).from(claims).where(eq(claims.articleId, fr.articleId))
    ).map((c) => c.id);
    expect(restated?.language).toBe("es");
    expect(linkedTo(restated?.id ?? "").some((id) => spanishIds.includes(id))).toBe(true);
    expect(linkedTo(restated?.id ?? "").some((id) => frenchIds.includes(id))).toBe(false);

    // A correction of the language moves its claims with it, audited.
    await asChecker.article.setLanguage({ id: fr.articleId, language: "it" });
    const moved = await t.db
      .select({ language: claims.language })
      .from(claims)
      .where(eq(claims.articleId, fr.articleId));
    expect(moved.every(({ language }) => language === "it")).toBe(true);
    await expect(
      asChecker.article.setLanguage({ id: fr.articleId, language: "not a language" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("stems each language as the shared table says, where the server has that configuration", async () => {
    const rows = async <T>(query: ReturnType<typeof sql>) =>
      ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
    const present = new Set(
      (await rows<{ name: string }>(sql`select cfgname as name from pg_ts_config`)).map((r) => r.name),
    );
    const configs = Object.entries({
      ...stemmedLanguages,
      "pt-BR": "portuguese",
      xx: "simple",
      ko: "simple",
    });
    for (const [language, config] of configs) {
      const [row] = await rows<{ config: string }>(
        sql`select text_search_config(${language})::text as config`,
      );
      // Estonian stemming came with PostgreSQL 17 (PGlite has it; Debian 12's PostgreSQL 15 does not).
      expect({ language, config: row?.config }).toEqual({
        language,
        config: present.has(config) ? config : "simple",
      });
    }
  });

  it("publishes a Spanish verdict whose ClaimReview says it is in Spanish", async () => {
    await configureOrganisation(t.db);
    const checker = await makeUser(t.db);
    const editor = await makeUser(t.db, { role: "editor" });
    const asChecker = callerFor(t.db, checker);
    const asEditor = callerFor(t.db, editor);
    const { articleId } = await asChecker.article.ingest({ text: spanish, sentenceIndexes: [1] });
    const [claim] = await t.db.select().from(claims).where(eq(claims.articleId, articleId));
    const source = await asChecker.source.add({
      claimId: claim?.id ?? "",
      url: "https://www.example.org/asentamiento",
      title: "Informe del Gobierno",
      excerpt: "llegaron en 2016",
      stance: "refutes",
    });
    await asChecker.claim.transition({ id: claim?.id ?? "", to: "sourced", version: 1 });
    const saved = await asChecker.verdict.save({
      claimId: claim?.id ?? "",
      baseRevision: 0,
      rating: "false",
      headline: "Llegaron en 2016, no en 2013",
      summary: "El traslado empezó en 2016.",
      explanation: "Según el informe del Gobierno.",
      sourceIds: [source.id],
    });
    let verdict = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    verdict = await asEditor.verdict.approve({ id: verdict.id, version: verdict.version });
    verdict = await asEditor.verdict.publish({ id: verdict.id, version: verdict.version });
    const page = await callerFor(t.db, null).published.get({ slug: verdict.slug ?? "" });
    expect(page?.claimReview).toMatchObject({ inLanguage: "es", claimReviewed: claim?.text });
    // Readers' search and the API find it by a Spanish word form it does not contain.
    const found = await callerFor(t.db, null).published.list({ q: "llegaran" });
    expect(found.items.map((item) => item.slug)).toEqual([verdict.slug]);
  });
});
