import { comparable, parseTsvector } from "@factdesk/claims";
import {
  articles,
  claims,
  type Db,
  type DbOrTx,
  factChecks,
  PLAN_EACH_TIME,
  ratings,
  recurrences,
  tips,
  verdictRevisions,
  verdicts,
} from "@factdesk/db";
import { and, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { recordEvents } from "./audit";
import { ARCHIVE_COVERAGE_THRESHOLD, matchFactChecks } from "./fact-checks";
import { candidateConditions, linkBetween, wordStatistics } from "./matching";
import { editorIds, notify } from "./notifications";
import { verdictPageUrl } from "./publishing";
import type { TSite } from "./settings";
import { enqueueWebhookEvent, type TWebhookQueue } from "./webhooks";

/**
 * Where on a rating scale (0 the worst rating, 1 the best) a rating counts as false or
 * misleading: the lower two fifths (false, mostly false, misleading on most desks' scales).
 */
export const FALSE_OR_MISLEADING = 0.4;

/** Where it appeared (a claim or a reader's tip) and what it repeats (a verdict or a fact-check). */
type TFound = {
  claimId: string | null;
  tipId: string | null;
  verdictId: string | null;
  factCheckId: string | null;
};

/** Published verdicts rated false or misleading, with their claims: `published_false(verdict_id, claim_id)`. */
const publishedFalse = sql`published_false as (
  select v.id as verdict_id, v.claim_id
  from verdicts v
  join verdict_revisions vr on vr.id = v.published_revision_id
  join ratings r on r.key = vr.rating and r.ordinal is not null,
  (select max(ordinal) as top from ratings where ordinal is not null) scale
  where v.state = 'published' and scale.top > 1
    and (r.ordinal - 1)::float8 / (scale.top - 1) <= ${FALSE_OR_MISLEADING})`;

async function rows<T>(db: DbOrTx, query: SQL) {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * New claims that repeat what was checked and found false or misleading: a restatement
 * (duplicate or related link, not rejected) of a claim whose verdict is published with such a
 * rating, or a claim matched to an archived fact-check so rated.
 */
function repeatsOfClaims(db: DbOrTx, claimIds: string[]) {
  const ids = uuidList(claimIds);
  return rows<TFound>(
    db,
    sql`with ${publishedFalse}
    select c.id as "claimId", null::uuid as "tipId", pf.verdict_id as "verdictId", null::uuid as "factCheckId"
    from claims c
    join claim_links l on (l.claim_a_id = c.id or l.claim_b_id = c.id)
      and l.kind in ('duplicate', 'related') and l.state <> 'rejected'
    join published_false pf on pf.claim_id = case when l.claim_a_id = c.id then l.claim_b_id else l.claim_a_id end
    where c.id in (${ids})
    union
    select cf.claim_id, null, null, cf.fact_check_id
    from claim_fact_checks cf join fact_checks f on f.id = cf.fact_check_id
    where cf.claim_id in (${ids}) and f.rating_position <= ${FALSE_OR_MISLEADING}`,
  );
}

/** Claims with a published false verdict a text may restate: a bounded index lookup. */
const FALSE_CANDIDATES = 100;

/**
 * Tips that repeat what was checked and found false or misleading, judged as a new claim is:
 * a restatement (duplicate or related, by the claim matcher) of a claim with such a verdict,
 * or the archive's fact-check so rated that it covers.
 */
async function repeatsOfTips(db: DbOrTx, tipIds: string[]) {
  const open = await db
    .select({
      id: tips.id,
      statement: tips.statement,
      // A reader sends what they have just seen: the tip's day is when it was said.
      on: sql<string>`(${tips.createdAt} at time zone 'UTC')::date::text`,
      lexemes: sql<string>`to_tsvector('english', ${tips.statement})::text`,
    })
    .from(tips)
    .where(and(inArray(tips.id, tipIds), isNull(tips.declinedAt)));
  const statistics = await wordStatistics(db);
  const found: TFound[] = [];
  for (const tip of open) {
    // All conditions at once: only the claims of published false verdicts are searched.
    const shares = or(
      ...candidateConditions(
        { search: sql`c.search`, text: sql`c.text` },
        tip.statement,
        [...parseTsvector(tip.lexemes).tf.keys()],
        statistics,
      ),
    );
    const candidates = shares
      ? await rows<{ verdictId: string; text: string }>(
          db,
          sql`${sql.raw(PLAN_EACH_TIME)} with ${publishedFalse}
          select pf.verdict_id as "verdictId", c.text
          from published_false pf join claims c on c.id = pf.claim_id
          where ${shares} limit ${FALSE_CANDIDATES}`,
        )
      : [];
    const self = comparable(tip.statement);
    for (const candidate of candidates) {
      const link = linkBetween(self, comparable(candidate.text));
      if (link && link.kind !== "contradiction")
        found.push({ claimId: null, tipId: tip.id, verdictId: candidate.verdictId, factCheckId: null });
    }
    const covered = (await matchFactChecks(db, tip.statement, 3, { on: tip.on })).filter(
      (match) => match.coverage >= ARCHIVE_COVERAGE_THRESHOLD,
    );
    if (covered.length === 0) continue;
    const rated = await db
      .select({ id: factChecks.id })
      .from(factChecks)
      .where(
        and(
          inArray(
            factChecks.id,
            covered.map((match) => match.id),
          ),
          sql`${factChecks.ratingPosition} <= ${FALSE_OR_MISLEADING}`,
        ),
      );
    for (const { id } of rated)
      found.push({ claimId: null, tipId: tip.id, verdictId: null, factCheckId: id });
  }
  return found;
}

/** The distinct ids the rows hold in one of their (nullable) id fields. */
const idsOf = <K extends keyof TFound>(rows: Pick<TFound, K>[], key: K) => [
  ...new Set(rows.flatMap((row) => (row[key] ? [row[key] as string] : []))),
];

/** The published verdicts (as published) and archived fact-checks that these alerts repeat. */
async function whatTheyRepeat(db: DbOrTx, alerts: Pick<TFound, "verdictId" | "factCheckId">[]) {
  const verdictIds = idsOf(alerts, "verdictId");
  const factCheckIds = idsOf(alerts, "factCheckId");
  const repeated = verdictIds.length
    ? await db
        .select({
          id: verdicts.id,
          authorId: verdicts.authorId,
          slug: verdicts.slug,
          headline: verdictRevisions.headline,
          rating: sql<string | null>`coalesce(${ratings.label}, ${verdictRevisions.rating})`,
        })
        .from(verdicts)
        .leftJoin(verdictRevisions, eq(verdictRevisions.id, verdicts.publishedRevisionId))
        .leftJoin(ratings, eq(ratings.key, verdictRevisions.rating))
        .where(inArray(verdicts.id, verdictIds))
    : [];
  const archived = factCheckIds.length
    ? await db
        .select({
          id: factChecks.id,
          url: factChecks.url,
          rating: factChecks.rating,
          publisher: factChecks.publisher,
          text: factChecks.claimText,
        })
        .from(factChecks)
        .where(inArray(factChecks.id, factCheckIds))
    : [];
  return { repeated, archived };
}

/** What these readers' tips repeat that was found false or misleading, for the triage screen. */
export async function repeatsOfTipsShown(db: DbOrTx, tipIds: string[]) {
  if (tipIds.length === 0) return [];
  const alerts = await db.select().from(recurrences).where(inArray(recurrences.tipId, tipIds));
  const { repeated, archived } = await whatTheyRepeat(db, alerts);
  return alerts.flatMap((alert) => {
    const verdict = repeated.find((v) => v.id === alert.verdictId);
    const factCheck = archived.find((f) => f.id === alert.factCheckId);
    const shown = verdict
      ? {
          headline: verdict.headline,
          rating: verdict.rating,
          url: verdict.slug && `/verdicts/${verdict.slug}`,
        }
      : factCheck && { headline: factCheck.text, rating: factCheck.rating, url: factCheck.url };
    return shown ? [{ tipId: alert.tipId as string, ...shown }] : [];
  });
}

/** What a reader's tip may say of where it appeared: where it was seen, never what it said or who sent it. */
const tipAppearance = (tip: { id: string; seenWhere: string | null; url: string | null }) => ({
  kind: "reader tip" as const,
  id: tip.id,
  title: null,
  outlet: tip.seenWhere,
  url: tip.url,
});

/**
 * Raises one alert per appearance and what it repeats: a notification to the verdict's author
 * and the editors, a `claim.recurred` webhook saying where and when it reappeared, and an audit
 * event; an alert already raised is not raised again. A claim made of readers' tips is the
 * same appearance as they: it is flagged in the queue, but nobody is told twice.
 */
async function raiseAlerts(db: Db, found: TFound[], webhooks: TWebhookQueue, site: TSite) {
  if (found.length === 0) return [];
  return db.transaction(async (tx) => {
    const raised = await tx.insert(recurrences).values(found).onConflictDoNothing().returning();
    if (raised.length === 0) return [];
    const editors = await editorIds(tx);
    const claimIds = idsOf(raised, "claimId");
    const tipIds = idsOf(raised, "tipId");
    const appearedClaims = claimIds.length
      ? await tx
          .select({
            id: claims.id,
            text: claims.text,
            createdAt: claims.createdAt,
            article: { id: articles.id, title: articles.title, outlet: articles.outlet, url: articles.url },
          })
          .from(claims)
          .leftJoin(articles, eq(articles.id, claims.articleId))
          .where(inArray(claims.id, claimIds))
      : [];
    const appearedTips = tipIds.length
      ? await tx
          .select({ id: tips.id, seenWhere: tips.seenWhere, url: tips.url, createdAt: tips.createdAt })
          .from(tips)
          .where(inArray(tips.id, tipIds))
      : [];
    // What the readers behind a claim already raised: the claim repeats their alert, not a new one.
    const toldByTips = claimIds.length
      ? await tx
          .select({
            claimId: tips.claimId,
            verdictId: recurrences.verdictId,
            factCheckId: recurrences.factCheckId,
          })
          .from(recurrences)
          .innerJoin(tips, eq(tips.id, recurrences.tipId))
          .where(inArray(tips.claimId, claimIds))
      : [];
    const { repeated, archived } = await whatTheyRepeat(tx, raised);

    for (const alert of raised) {
      const claim = appearedClaims.find((a) => a.id === alert.claimId);
      const tip = appearedTips.find((a) => a.id === alert.tipId);
      const appearance = claim
        ? {
            claimId: claim.id,
            text: claim.text as string | null,
            at: claim.createdAt,
            appearedIn: claim.article?.id
              ? { kind: "article", ...claim.article }
              : { kind: "desk", id: null, title: null, outlet: null, url: null },
          }
        : tip && { claimId: null, text: null, at: tip.createdAt, appearedIn: tipAppearance(tip) };
      if (!appearance) continue;
      if (
        toldByTips.some(
          (told) =>
            told.claimId === alert.claimId &&
            told.verdictId === alert.verdictId &&
            told.factCheckId === alert.factCheckId,
        )
      )
        continue;
      const verdict = repeated.find((v) => v.id === alert.verdictId);
      const factCheck = archived.find((f) => f.id === alert.factCheckId);
      const repeats = verdict
        ? {
            kind: "verdict" as const,
            verdictId: verdict.id,
            headline: verdict.headline,
            rating: verdict.rating,
            url: verdict.slug ? verdictPageUrl(site.base, verdict.slug) : null,
          }
        : {
            kind: "fact_check" as const,
            factCheckId: factCheck?.id,
            text: factCheck?.text,
            rating: factCheck?.rating,
            publisher: factCheck?.publisher,
            url: factCheck?.url,
          };
      const { claimId, text, at, appearedIn } = appearance;
      const people = [...new Set([...(verdict ? [verdict.authorId] : []), ...editors])];
      await notify(
        tx,
        null,
        people.map((userId) => ({
          userId,
          kind: "recurred" as const,
          claimId,
          data: { repeats, appearedIn, at: at.toISOString() },
        })),
      );
      await enqueueWebhookEvent(tx, webhooks, "claim.recurred", {
        claimId,
        // A tip's words are the reader's: they stay on the desk's own screens.
        ...(text === null ? {} : { text }),
        at: at.toISOString(),
        appearedIn,
        repeats,
      });
    }
    await recordEvents(
      tx,
      raised.map((alert) => ({
        actorId: null,
        entityType: alert.claimId ? ("claim" as const) : ("tip" as const),
        entityId: (alert.claimId ?? alert.tipId) as string,
        action: "recurred",
        claimId: alert.claimId ?? undefined,
        data: alert.verdictId ? { verdictId: alert.verdictId } : { factCheckId: alert.factCheckId },
      })),
    );
    return raised;
  });
}

/** Alerts for new claims (from an article, a feed or the desk): run by the matching job. */
export async function recordRecurrences(db: Db, claimIds: string[], webhooks: TWebhookQueue, site: TSite) {
  if (claimIds.length === 0) return [];
  return raiseAlerts(db, await repeatsOfClaims(db, claimIds), webhooks, site);
}

/** Alerts for readers' tips as they arrive, before anyone has made a claim of them: run by the tip's job. */
export async function recordTipRecurrences(db: Db, tipIds: string[], webhooks: TWebhookQueue, site: TSite) {
  if (tipIds.length === 0) return [];
  return raiseAlerts(db, await repeatsOfTips(db, tipIds), webhooks, site);
}
