import { createHash } from "node:crypto";
import {
  analyseArticle,
  articleMetadata,
  authorFromByline,
  boilerplateRule,
  CHECKWORTHY_THRESHOLD,
  claimDateOf,
  detectLanguage,
  findClaimant,
  normalizeForMatching,
  refineCheckWorthiness,
  scoreCheckWorthiness,
  splitSentences,
} from "@factdesk/claims";
import { articles, claims, type DbOrTx, deskLanguages } from "@factdesk/db";
import { DomainError, type TActor, type TArticleLanguageInput } from "@factdesk/schema";
import { desc, eq, sql } from "drizzle-orm";
import type { TJobQueue } from "../jobs/queue";
import { recordEvents } from "./audit";
import { extractArticle } from "./fetch-article";
import { forgetDeskLanguages } from "./search";

export interface TArticleInput {
  title: string;
  body: string;
  url?: string | null;
  outlet?: string | null;
  author?: string | null;
  publishedAt?: Date | null;
  /** BCP 47; absent: detected from the text. */
  language?: string | undefined;
}

const looksLikeHtml = (text: string) => /^\s*<(!doctype|html|head|body|article|div|p)\b/i.test(text);

/**
 * A plain-text article: the title is its first line that is not boilerplate (a blog's
 * "Showing posts with label …", a dateline), the rest the body.
 */
export function splitTitle(text: string) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const at = lines.findIndex((line) => line.trim() !== "" && boilerplateRule(line) === null);
  if (at < 0) return { title: "Untitled", body: text.trim() };
  const body = [...lines.slice(0, at), ...lines.slice(at + 1)].join("\n").trim();
  return { title: lines[at]?.trim() ?? "Untitled", body };
}

/**
 * An article from text as it was pasted or uploaded: HTML goes through Readability (keeping
 * its title, author, outlet and date); plain text without a given title takes its first line.
 */
export function articleFromText(
  text: string,
  given: { title?: string | null; url?: string | null } = {},
): TArticleInput {
  const url = given.url ?? null;
  if (looksLikeHtml(text)) {
    const { text: body, ...extracted } = extractArticle(text, url ?? undefined);
    return withMetadata({ ...extracted, title: given.title || extracted.title, body, url });
  }
  return withMetadata(given.title ? { title: given.title, body: text, url } : { ...splitTitle(text), url });
}

/**
 * Fills what the page's markup did not say from the article's own first lines (a byline, a
 * credit line, a dateline), and keeps only the name of a byline ("By Jane Doe, Staff Reporter").
 */
export function withMetadata(article: TArticleInput): TArticleInput {
  const read = articleMetadata(article.body);
  return {
    ...article,
    author: authorFromByline(article.author) ?? read.author,
    outlet: article.outlet || read.outlet,
    publishedAt: article.publishedAt ?? read.publishedAt,
  };
}

export const contentHash = (text: string) =>
  createHash("sha256").update(text.normalize("NFC").trim()).digest("hex");

export interface TIngestOptions {
  /** Score from which a sentence becomes a claim; undefined: the model's threshold. */
  threshold?: number | undefined;
  /** Exactly these sentences (indexes from `previewArticle`) become claims. */
  sentenceIndexes?: number[];
}

/** What ingesting would do, without writing: the clean text's sentences and what was dropped. */
export async function previewArticle(
  input: { title: string; body: string },
  { threshold = CHECKWORTHY_THRESHOLD } = {},
) {
  const { sentences, removed } = await analyseArticle(input.body, { title: input.title, threshold });
  return { sentences, removed };
}

/**
 * Cleans and stores an article and turns its sentences into unverified claims, in one short
 * transaction that also queues the slow work as jobs: the sentence encoder's second look at
 * the sentences the fast model was unsure of (`refineArticleClaims`), and the matching of the
 * new claims; both show live when they have run. Claim offsets point into the stored (clean)
 * body. The same text ingested again returns the existing article and creates nothing.
 */
export async function ingestArticle(
  db: DbOrTx,
  jobs: TJobQueue,
  input: TArticleInput,
  actorId: string | null,
  options: TIngestOptions = {},
) {
  // The hash is of the text as given, so re-ingesting stays idempotent as cleaning improves.
  const hash = contentHash(input.body);
  // Cleaning and the fast scores happen before the transaction, which then only writes; the
  // encoder (tens of milliseconds a sentence) waits for the job, so ingest answers at once.
  const threshold = options.threshold ?? CHECKWORTHY_THRESHOLD;
  const {
    text: body,
    removed,
    sentences,
  } = await analyseArticle(input.body, { title: input.title, threshold, encoder: false });
  const language = input.language ?? detectLanguage(body);
  return db.transaction(async (tx) => {
    const [article] = await tx
      .insert(articles)
      .values({ ...input, language, body, contentHash: hash, createdBy: actorId })
      .onConflictDoNothing({ target: articles.contentHash })
      .returning();
    if (!article) {
      const [existing] = await tx.select().from(articles).where(eq(articles.contentHash, hash));
      if (!existing) throw new Error("Article vanished between insert and select.");
      return { article: existing, created: false, claimCount: 0 };
    }

    const created = await storeClaims(
      tx,
      jobs,
      article,
      sentences.filter((sentence) =>
        options.sentenceIndexes ? options.sentenceIndexes.includes(sentence.index) : sentence.suggested,
      ),
      actorId,
    );
    await addDeskLanguage(tx, language);
    await jobs.enqueue(tx, "refine-claims", {
      articleId: article.id,
      actorId,
      // A person's own choice of sentences is kept: the encoder re-scores them, adds none.
      threshold: options.sentenceIndexes ? null : threshold,
    });
    await recordEvents(tx, [
      {
        actorId,
        entityType: "article",
        entityId: article.id,
        action: "ingested",
        data: { claims: created.length, boilerplateLinesRemoved: removed.length },
      },
      ...created,
    ]);
    return { article, created: true, claimCount: created.length };
  });
}

type TScoredSentence = {
  text: string;
  start: number;
  end: number;
  claimant: string | null;
  score: number;
  reasons: string[];
};

/**
 * Stores sentences of an article as unverified claims and queues their matching, in the
 * caller's transaction; returns their "created" audit events for the caller to record.
 */
async function storeClaims(
  tx: DbOrTx,
  jobs: TJobQueue,
  article: { id: string; language: string; publishedAt: Date | null },
  sentences: TScoredSentence[],
  actorId: string | null,
  data: Record<string, unknown> = {},
) {
  if (sentences.length === 0) return [];
  const created = await tx
    .insert(claims)
    .values(
      sentences.map((sentence) => ({
        text: sentence.text,
        normalizedText: normalizeForMatching(sentence.text),
        articleId: article.id,
        language: article.language,
        sentenceStart: sentence.start,
        sentenceEnd: sentence.end,
        claimant: sentence.claimant,
        statedOn: claimDateOf(sentence.text, article.publishedAt),
        score: sentence.score,
        scoreReasons: sentence.reasons,
      })),
    )
    .returning({ id: claims.id });
  await jobs.enqueue(tx, "match-claims", { claimIds: created.map(({ id }) => id), actorId });
  return created.map(({ id }) => ({
    actorId,
    entityType: "claim" as const,
    entityId: id,
    action: "created",
    to: "unverified",
    data: { articleId: article.id, ...data },
  }));
}

const ENCODER_ARCHIVE_REASON = "The sentence encoder scored it under the claim threshold.";

/**
 * The encoder's second look at an ingested article, run as a job: the sentences the fast
 * model was unsure of are scored again; their claims take the new score and reasons, and,
 * unless the person chose the sentences (`threshold` null), sentences the encoder lifts over
 * the threshold become claims too (matched by their own job), and claims it puts under the
 * threshold are archived with the reason if nobody has touched them yet.
 * Idempotent: a claim is known by its offsets, so a retry changes and adds nothing twice.
 */
export async function refineArticleClaims(
  db: DbOrTx,
  jobs: TJobQueue,
  { articleId, actorId, threshold }: { articleId: string; actorId: string | null; threshold: number | null },
) {
  const [article] = await db
    .select({ body: articles.body, language: articles.language, publishedAt: articles.publishedAt })
    .from(articles)
    .where(eq(articles.id, articleId));
  if (!article) return { rescored: 0, added: 0, archived: 0 };
  // The stored body is the clean text ingest split, so the sentences and offsets are the same.
  const sentences = splitSentences(article.body);
  const texts = sentences.map((sentence) => sentence.text);
  const fast = texts.map(scoreCheckWorthiness);
  const refined = await refineCheckWorthiness(texts, fast);
  const changed = refined.flatMap((result, i) => (result === fast[i] ? [] : [i]));
  if (changed.length === 0) return { rescored: 0, added: 0, archived: 0 };

  return db.transaction(async (tx) => {
    // One refinement of an article at a time: a retry racing a slow first run adds nothing twice.
    await tx.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).for("update");
    const stored = await tx
      .select({ id: claims.id, start: claims.sentenceStart, end: claims.sentenceEnd })
      .from(claims)
      .where(eq(claims.articleId, articleId));
    const claimAt = new Map(stored.map((claim) => [`${claim.start}:${claim.end}`, claim.id]));
    const rescore: { id: string; score: number; reasons: string[] }[] = [];
    const add: TScoredSentence[] = [];
    const dropped: string[] = [];
    for (const i of changed) {
      const sentence = sentences[i] as (typeof sentences)[number];
      const { score, reasons } = refined[i] as { score: number; reasons: string[] };
      const id = claimAt.get(`${sentence.start}:${sentence.end}`);
      if (id) rescore.push({ id, score, reasons });
      if (threshold === null) continue;
      if (!id && score >= threshold)
        add.push({ ...sentence, score, reasons, claimant: findClaimant(sentence.text) });
      if (id && score < threshold && (fast[i] as { score: number }).score >= threshold) dropped.push(id);
    }
    if (rescore.length)
      // Only the score moves: not the claim's version (nobody's edit conflicts) nor its activity.
      await tx.execute(sql`update claims set score = r.score, score_reasons = r.reasons
        from jsonb_to_recordset(${JSON.stringify(rescore)}::jsonb) as r(id uuid, score float8, reasons jsonb)
        where claims.id = r.id`);
    // A claim the fast model stored and the encoder reads as no claim (a heading, an aside) is
    // archived with the reason, as a person would dismiss it, unless someone has touched it:
    // visible under "archived" and restorable, never deleted.
    const archived = dropped.length
      ? (
          (await tx.execute(sql`update claims set archived_at = now(), archive_reason = ${ENCODER_ARCHIVE_REASON},
            version = version + 1
          where id = any(${sql.param(dropped)}::uuid[]) and version = 1 and archived_at is null
            and assignee_id is null and status = 'unverified'
            and not exists (select 1 from sources where sources.claim_id = claims.id)
          returning id`)) as unknown as { rows: { id: string }[] }
        ).rows
      : [];
    const created = await storeClaims(tx, jobs, { id: articleId, ...article }, add, actorId, {
      by: "sentence encoder",
    });
    await recordEvents(tx, [
      {
        actorId,
        entityType: "article",
        entityId: articleId,
        action: "refined",
        data: { rescored: rescore.length, added: created.length, archived: archived.length },
      },
      ...archived.map(({ id }) => ({
        actorId: null,
        entityType: "claim" as const,
        entityId: id,
        action: "archived",
        data: { reason: ENCODER_ARCHIVE_REASON },
      })),
      ...created,
    ]);
    return { rescored: rescore.length, added: created.length, archived: archived.length };
  });
}

/**
 * Corrects an article's language: its claims take it (search stems them in it, matching
 * compares them within it) and are matched again; audited with before and after.
 */
export async function setArticleLanguage(
  db: DbOrTx,
  jobs: TJobQueue,
  actor: TActor,
  input: TArticleLanguageInput,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ language: articles.language })
      .from(articles)
      .where(eq(articles.id, input.id))
      .for("update");
    if (!before) throw new DomainError("NOT_FOUND", "No article with that id exists.");
    if (before.language === input.language) return { id: input.id, language: input.language };
    await tx.update(articles).set({ language: input.language }).where(eq(articles.id, input.id));
    const moved = await tx
      .update(claims)
      .set({ language: input.language })
      .where(eq(claims.articleId, input.id))
      .returning({ id: claims.id });
    await addDeskLanguage(tx, input.language);
    if (moved.length)
      await jobs.enqueue(tx, "match-claims", { claimIds: moved.map(({ id }) => id), actorId: actor.id });
    await recordEvents(tx, [
      {
        actorId: actor.id,
        entityType: "article",
        entityId: input.id,
        action: "language_changed",
        from: before.language,
        to: input.language,
        data: { claims: moved.length },
      },
    ]);
    return { id: input.id, language: input.language };
  });
}

/** The newest articles (id, title, outlet), plus `include` when it is older, newest first. */
export async function listArticles(db: DbOrTx, { limit, include }: { limit: number; include?: string }) {
  const fields = {
    id: articles.id,
    title: articles.title,
    outlet: articles.outlet,
    createdAt: articles.createdAt,
  };
  const newest = await db
    .select(fields)
    .from(articles)
    .orderBy(desc(articles.createdAt), desc(articles.id))
    .limit(limit);
  if (!include || newest.some((article) => article.id === include)) return newest;
  const chosen = await db.select(fields).from(articles).where(eq(articles.id, include));
  return [...newest, ...chosen];
}

/** Searches stem their words in this language too from now on. */
async function addDeskLanguage(tx: DbOrTx, language: string) {
  const added = await tx.insert(deskLanguages).values({ language }).onConflictDoNothing().returning();
  if (added.length) forgetDeskLanguages();
}
