import {
  bm25,
  bm25FullMatch,
  cosine,
  embedSentences,
  idf,
  parseFactCheckFile,
  parseTsvector,
  postDate,
  postWords,
  type TFactCheckFormat,
  type TFactCheckRecord,
} from "@factdesk/claims";
import {
  articles,
  claimFactChecks,
  claims,
  type Db,
  type DbOrTx,
  factCheckCorpus,
  factChecks,
  factCheckTerms,
} from "@factdesk/db";
import { DomainError, sameClaimant } from "@factdesk/schema";
import { and, eq, getViewSelectedFields, inArray, isNull, sql } from "drizzle-orm";
import type { TJobQueue } from "../jobs/queue";
import { announceChanges, recordEvents } from "./audit";
import { candidateConditions, firstMatching, wordStatistics } from "./matching";

/** Fact-checks per job that looks for the queue's claims they cover. */
const IMPORTED_PER_JOB = 200;

/**
 * Adds past fact-checks to the archive in one transaction; ones already there are left alone.
 * Term statistics are refreshed afterwards so ranking sees the new vocabulary. With `jobs`,
 * the claims already in the queue are then checked against what was imported (a job).
 */
export async function importFactChecks(
  db: DbOrTx,
  records: TFactCheckRecord[],
  actorId: string | null,
  { jobs }: { jobs?: TJobQueue } = {},
) {
  const imported = await db.transaction(async (tx) => {
    const inserted: { id: string }[] = [];
    for (let i = 0; i < records.length; i += 1000) {
      const chunk = records.slice(i, i + 1000).map((record) => ({ ...record, importedBy: actorId }));
      inserted.push(
        ...(await tx.insert(factChecks).values(chunk).onConflictDoNothing().returning({ id: factChecks.id })),
      );
    }
    await recordEvents(
      tx,
      inserted.map(({ id }) => ({
        actorId,
        entityType: "fact_check" as const,
        entityId: id,
        action: "imported",
      })),
    );
    if (jobs)
      for (let i = 0; i < inserted.length; i += IMPORTED_PER_JOB)
        await jobs.enqueue(tx, "match-archive", {
          factCheckIds: inserted.slice(i, i + IMPORTED_PER_JOB).map(({ id }) => id),
        });
    return inserted.length;
  });
  await refreshArchiveStatistics(db);
  return { imported, alreadyPresent: records.length - imported };
}

/**
 * Imports a file of past fact-checks (ClaimReview JSON, or a CSV/TSV table): what the Archive
 * page and `factdesk import-factchecks` do. A file with nothing importable is refused.
 */
export async function importFactCheckFile(
  db: DbOrTx,
  content: string,
  options: {
    format?: TFactCheckFormat | undefined;
    baseUrl?: string | undefined;
    actorId: string | null;
    jobs?: TJobQueue;
  },
) {
  const parsed = parseFactCheckFile(content, options);
  if (parsed.records.length === 0) {
    const reason = parsed.skipped[0]?.reason ?? "it holds no fact-checks";
    throw new DomainError("BAD_REQUEST", `Nothing to import: ${reason}.`);
  }
  const jobs = options.jobs ? { jobs: options.jobs } : {};
  const result = await importFactChecks(db, parsed.records, options.actorId, jobs);
  return { ...result, skipped: parsed.skipped };
}

export async function refreshArchiveStatistics(db: DbOrTx) {
  // As the owner (the function is SECURITY DEFINER): the app's role does not own the views.
  await db.execute(sql`select refresh_archive_statistics()`);
}

/** Field weights: a word in the fact-check's headline counts half as much as one in its claim. */
const FIELD_WEIGHTS = { A: 1, B: 0.5 };
/** Candidates come from the query's rarest words: discriminating, and cheap on the GIN index. */
const CANDIDATE_TERMS = 8;
const CANDIDATES = 150;
/** Hits of the rarest words ranked per text; plenty, as they share a telling word. */
const SCANNED = 2000;
/**
 * Shares of the final score from BM25, trigram similarity, the cosine of sentence vectors,
 * how near the fact-check's date is to the text's, and whether it checked the same claimant
 * (the last two only when the text's is known; all chosen on the CLEF 2021 train queries
 * only: `evaluate-matching.ts --tune`).
 */
export const MATCH_WEIGHTS = { bm25: 0.5, trigram: 0.2, dense: 0.3, near: 0.15, claimant: 0.05 };
export type TMatchWeights = typeof MATCH_WEIGHTS;
/** Dates a year apart are e⁻¹ as near as the same day (chosen with the weights). */
const NEAR_DAYS = 365;

/** How a candidate compares with the text, each in [0, 1]; dense is null until the fact-check has its vector. */
export interface TMatchFeatures {
  lexical: number;
  trigram: number;
  dense: number | null;
  /** How near the fact-check's date is to the text's (0 without one); null when the text's is unknown. */
  near: number | null;
  /** 1 when the fact-check's claimant is the text's (`sameClaimant`), else 0; null when the text's is unknown. */
  claimant: number | null;
}

/** Nearness in time of two days (YYYY-MM-DD), 1 for the same day; 0 when the second is unknown. */
export const nearness = (day: string, other: string | null) =>
  other ? Math.exp(-Math.abs(Date.parse(day) - Date.parse(other)) / 86_400_000 / NEAR_DAYS) : 0;

/**
 * A fact-check not yet given its vector is scored by its words alone, and a text of unknown
 * date or claimant without those parts, each on the same scale.
 */
export function matchScore(
  { lexical, trigram, dense, near, claimant }: TMatchFeatures,
  weights: TMatchWeights = MATCH_WEIGHTS,
) {
  const words = weights.bm25 * lexical + weights.trigram * trigram;
  const said =
    dense === null ? words / (weights.bm25 + weights.trigram) : words + weights.dense * Math.max(0, dense);
  const known = [
    [near, weights.near],
    [claimant, weights.claimant],
  ].filter((part): part is [number, number] => part[0] !== null);
  const score =
    known.reduce((sum, [value, weight]) => sum + weight * value, said) /
    known.reduce((sum, [, weight]) => sum + weight, 1);
  return Math.round(score * 1000) / 1000;
}

/** What is known of the text beside its words: the day it was said, who said it. */
export interface TMatchContext {
  /** YYYY-MM-DD. */
  on?: string | null;
  claimant?: string | null;
}

export interface TArchiveMatch {
  id: string;
  text: string;
  score: number;
  url: string | null;
  rating: string | null;
  publisher: string | null;
  reviewedOn: string | null;
  /** Share of the archived claim's (idf-weighted) words that the text also uses, 0–1. */
  coverage: number;
}

/**
 * Past fact-checks most like a text, best first, scored in [0, 1] by `matchScore` over the
 * candidates `archiveCandidates` finds.
 */
export async function matchFactChecks(
  db: DbOrTx,
  text: string,
  limit = 5,
  { weights = MATCH_WEIGHTS, ...context }: TMatchContext & { weights?: TMatchWeights } = {},
): Promise<TArchiveMatch[]> {
  const found = await archiveCandidates(db, text, context);
  if (!found) return [];
  const best = found.candidates
    .map(({ features, ...candidate }) => ({ ...candidate, score: matchScore(features, weights) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  const coverage = await coverageOf(db, found, best);
  return best.map(({ lexemes: _lexemes, ...match }, i) => ({ ...match, coverage: coverage[i] ?? 0 }));
}

/**
 * The archive's candidates for a text: the full-text index proposes those sharing the text's
 * rarest words; the best-ranked of those get BM25 (idf from the archive's term statistics),
 * pg_trgm word similarity (which forgives spelling and word forms) and the cosine of their
 * sentence vectors (which sees restatements in other words). The cost per text stays flat as
 * the archive grows.
 */
export async function archiveCandidates(
  db: DbOrTx,
  given: string,
  { on = null, claimant = null }: TMatchContext = {},
) {
  // A post copied with its handles, hashtags, links and signature is read as its words.
  const text = postWords(given);
  // When the text was said (YYYY-MM-DD): given, or read from a copied post's signature.
  const said = on ?? postDate(given);
  // The text's vector is made on the encoder's thread while the database works.
  const textVector = embedSentences([text]).then(([vector]) => vector);
  textVector.catch(() => undefined);
  // The corpus view has exactly one row; the query's lexemes come from the same stemmer as the index.
  const [stats] = await db
    .select({
      ...getViewSelectedFields(factCheckCorpus),
      lexemes: sql<string>`to_tsvector('english', ${text})::text`,
    })
    .from(factCheckCorpus);
  const terms = [...parseTsvector(stats?.lexemes ?? "").tf.keys()].filter((term) =>
    /^[\p{L}\p{N}]+$/u.test(term),
  );
  if (terms.length === 0) return null;
  const dfRows = await db.select().from(factCheckTerms).where(inArray(factCheckTerms.word, terms));
  const corpus = {
    docs: stats?.docs ?? 0,
    avgLength: stats?.avgLength ?? 1,
    df: new Map(dfRows.map((r) => [r.word, r.ndoc])),
  };
  const rarest = dfRows
    .sort((a, b) => a.ndoc - b.ndoc)
    .slice(0, CANDIDATE_TERMS)
    .map((r) => `'${r.word}'`);
  if (rarest.length === 0) return null;

  const tsquery = sql`${rarest.join(" | ")}::tsquery`;
  const hits = db
    .select({ id: factChecks.id, search: factChecks.search })
    .from(factChecks)
    .where(sql`${factChecks.search} @@ ${tsquery}`)
    .limit(SCANNED)
    .as("hits");
  const ranked = db
    .select({ id: hits.id })
    .from(hits)
    .orderBy(sql`ts_rank(${hits.search}, ${tsquery}) desc`)
    .limit(CANDIDATES);
  const rows = await db
    .select({
      id: factChecks.id,
      text: factChecks.claimText,
      url: factChecks.url,
      rating: factChecks.rating,
      publisher: factChecks.publisher,
      reviewedOn: factChecks.reviewedOn,
      claimant: factChecks.claimant,
      lexemes: sql<string>`${factChecks.search}::text`,
      trigram: sql<number>`word_similarity(${factChecks.claimText}, ${text})`,
      embedding: factChecks.embedding,
    })
    .from(factChecks)
    .where(inArray(factChecks.id, ranked));
  // Without the encoder (it failed), candidates are ranked by their words, as before it existed.
  const vector = await textVector.catch(() => undefined);

  const fullMatch = bm25FullMatch(corpus, terms) || 1;
  const candidates = rows.map(({ lexemes, trigram, embedding, claimant: checked, ...candidate }) => {
    const { tf, length } = parseTsvector(lexemes, FIELD_WEIGHTS);
    const features: TMatchFeatures = {
      lexical: Math.min(1, bm25(corpus, terms, tf, length) / fullMatch),
      trigram: Number(trigram),
      dense: vector && embedding ? cosine(vector, embedding) : null,
      near: said ? nearness(said, candidate.reviewedOn) : null,
      claimant: claimant ? Number(checked !== null && sameClaimant(claimant, checked)) : null,
    };
    return { ...candidate, lexemes, features };
  });
  return { corpus, terms, candidates };
}

/** How much of each archived claim the text restates: coverage looks the other way. */
async function coverageOf(
  db: DbOrTx,
  { corpus, terms }: NonNullable<Awaited<ReturnType<typeof archiveCandidates>>>,
  matches: { lexemes: string }[],
) {
  const claimTerms = matches.map(({ lexemes }) =>
    [...parseTsvector(lexemes, { B: 0 }).tf].filter(([, f]) => f > 0).map(([t]) => t),
  );
  const unseen = [...new Set(claimTerms.flat())].filter((t) => !corpus.df.has(t));
  if (unseen.length)
    for (const row of await db.select().from(factCheckTerms).where(inArray(factCheckTerms.word, unseen)))
      corpus.df.set(row.word, row.ndoc);
  const asked = new Set(terms);
  return claimTerms.map((own) => {
    const total = own.reduce((sum, t) => sum + idf(corpus, t), 0);
    const shared = own.filter((t) => asked.has(t)).reduce((sum, t) => sum + idf(corpus, t), 0);
    return total ? Math.round((shared / total) * 1000) / 1000 : 0;
  });
}

/** Vectors made per statement when the job gives fact-checks theirs. */
const EMBEDDED_PER_STATEMENT = 64;

/**
 * Gives these fact-checks (or, without ids, every one still missing it) their sentence
 * vector: a job after each import, so importing stays fast. Returns how many it embedded.
 */
export async function embedFactChecks(db: DbOrTx, factCheckIds?: string[]) {
  let embedded = 0;
  for (;;) {
    const missing = await db
      .select({ id: factChecks.id, text: factChecks.claimText })
      .from(factChecks)
      .where(
        and(isNull(factChecks.embedding), factCheckIds ? inArray(factChecks.id, factCheckIds) : undefined),
      )
      .limit(EMBEDDED_PER_STATEMENT);
    if (missing.length === 0) return embedded;
    const vectors = await embedSentences(missing.map(({ text }) => text));
    await db.transaction(async (tx) => {
      for (const [i, { id }] of missing.entries())
        await tx
          .update(factChecks)
          .set({ embedding: vectors[i] as Float32Array })
          .where(eq(factChecks.id, id));
    });
    embedded += missing.length;
  }
}

/**
 * From this coverage a match is shown on the claim as "already fact-checked": the new claim
 * restates most of what the archived one said (weighted by how telling each word is).
 */
export const ARCHIVE_COVERAGE_THRESHOLD = 0.6;

/** The day a claim was made, as far as known: its own date, else its article's, else when it came in. */
const claimDay = sql<string>`coalesce(${claims.statedOn},
  (select (a.published_at at time zone 'UTC')::date from ${articles} a where a.id = ${claims.articleId}),
  (${claims.createdAt} at time zone 'UTC')::date)::text`;

/** Past fact-checks of (nearly) this claim, for the claim page. */
export async function archiveMatchesForClaim(db: DbOrTx, claimId: string) {
  const [claim] = await db
    .select({ text: claims.text, on: claimDay, claimant: claims.claimant })
    .from(claims)
    .where(eq(claims.id, claimId));
  if (!claim) throw new DomainError("NOT_FOUND", "That claim does not exist.");
  return (await matchFactChecks(db, claim.text, 3, { on: claim.on, claimant: claim.claimant })).filter(
    (match) => match.coverage >= ARCHIVE_COVERAGE_THRESHOLD,
  );
}

/**
 * Records which past fact-checks each of these claims restates, replacing what was known:
 * the queue's "Already fact-checked". Matches are read outside any transaction; one short
 * transaction stores them and tells open screens.
 */
export async function recordArchiveMatches(db: Db, claimIds: string[]) {
  if (claimIds.length === 0) return;
  const open = await db
    .select({ id: claims.id, text: claims.text, on: claimDay, claimant: claims.claimant })
    .from(claims)
    .where(and(inArray(claims.id, claimIds), isNull(claims.archivedAt)));
  const found: { claimId: string; factCheckId: string; coverage: number }[] = [];
  for (const claim of open)
    for (const match of await matchFactChecks(db, claim.text, 3, { on: claim.on, claimant: claim.claimant }))
      if (match.coverage >= ARCHIVE_COVERAGE_THRESHOLD)
        found.push({ claimId: claim.id, factCheckId: match.id, coverage: match.coverage });
  await db.transaction(async (tx) => {
    const ids = open.map(({ id }) => id);
    const before = ids.length
      ? await tx.delete(claimFactChecks).where(inArray(claimFactChecks.claimId, ids)).returning()
      : [];
    if (found.length) await tx.insert(claimFactChecks).values(found).onConflictDoNothing();
    const key = (row: { claimId: string; factCheckId: string }) => `${row.claimId} ${row.factCheckId}`;
    const was = new Set(before.map(key));
    const changed = new Set([
      ...found.filter((row) => !was.has(key(row))).map((row) => row.claimId),
      ...before.filter((row) => !found.some((f) => key(f) === key(row))).map((row) => row.claimId),
    ]);
    if (changed.size)
      await announceChanges(
        tx,
        [...changed].map((id) => ({
          entityType: "claim" as const,
          entityId: id,
          action: "fact_checked",
          claimId: id,
        })),
      );
  });
}

/** Claims in the queue that past fact-checks may cover: they share the fact-check's rarest words. */
export async function claimsCoveredBy(db: DbOrTx, factCheckIds: string[]) {
  const checks = await db
    .select({
      text: factChecks.claimText,
      lexemes: sql<string>`to_tsvector('english', ${factChecks.claimText})::text`,
    })
    .from(factChecks)
    .where(inArray(factChecks.id, factCheckIds));
  const statistics = await wordStatistics(db);
  const ids = new Set<string>();
  for (const check of checks) {
    const conditions = candidateConditions(
      claims,
      check.text,
      [...parseTsvector(check.lexemes).tf.keys()],
      statistics,
    );
    const hits = await firstMatching<{ id: string }>(
      db,
      conditions,
      (shares) =>
        sql`select ${claims.id} as id from ${claims} where ${and(shares, isNull(claims.archivedAt))}`,
      100,
    );
    for (const { id } of hits) ids.add(id);
  }
  return [...ids];
}
