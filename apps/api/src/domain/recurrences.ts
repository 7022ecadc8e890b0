import { articles, claims, type Db, factChecks, recurrences, verdicts } from "@factdesk/db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordEvents } from "./audit";
import { editorIds, notify } from "./notifications";
import { verdictPageUrl } from "./publishing";
import type { TSite } from "./settings";
import { enqueueWebhookEvent, type TWebhookQueue } from "./webhooks";

/**
 * Where on a rating scale (0 the worst rating, 1 the best) a rating counts as false or
 * misleading: the lower two fifths (false, mostly false, misleading on most desks' scales).
 */
export const FALSE_OR_MISLEADING = 0.4;

type TFound = { claimId: string; verdictId: string | null; factCheckId: string | null };

/**
 * New claims that repeat what was checked and found false or misleading: a restatement
 * (duplicate or related link, not rejected) of a claim whose verdict is published with such a
 * rating, or a claim matched to an archived fact-check so rated.
 */
async function repeatsOf(db: Db, claimIds: string[]): Promise<TFound[]> {
  const ids = sql.join(
    claimIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const { rows } = (await db.execute(sql`
    with scale as (select max(ordinal) as top from ratings where ordinal is not null)
    select c.id as "claimId", v.id as "verdictId", null::uuid as "factCheckId"
    from claims c
    join claim_links l on (l.claim_a_id = c.id or l.claim_b_id = c.id)
      and l.kind in ('duplicate', 'related') and l.state <> 'rejected'
    join verdicts v on v.claim_id = case when l.claim_a_id = c.id then l.claim_b_id else l.claim_a_id end
      and v.state = 'published'
    join verdict_revisions vr on vr.id = v.published_revision_id
    join ratings r on r.key = vr.rating and r.ordinal is not null, scale
    where c.id in (${ids}) and scale.top > 1
      and (r.ordinal - 1)::float8 / (scale.top - 1) <= ${FALSE_OR_MISLEADING}
    union
    select cf.claim_id, null, cf.fact_check_id
    from claim_fact_checks cf join fact_checks f on f.id = cf.fact_check_id
    where cf.claim_id in (${ids}) and f.rating_position <= ${FALSE_OR_MISLEADING}`)) as unknown as {
    rows: TFound[];
  };
  return rows;
}

/**
 * Raises one alert per new appearance and what it repeats: a notification to the verdict's
 * author and the editors, a `claim.recurred` webhook saying where and when it reappeared, and
 * an audit event; an alert already raised is not raised again. Run by the matching job.
 */
export async function recordRecurrences(db: Db, claimIds: string[], webhooks: TWebhookQueue, site: TSite) {
  if (claimIds.length === 0) return [];
  const found = await repeatsOf(db, claimIds);
  if (found.length === 0) return [];
  return db.transaction(async (tx) => {
    const raised = await tx.insert(recurrences).values(found).onConflictDoNothing().returning();
    if (raised.length === 0) return [];
    const editors = await editorIds(tx);
    const appearances = await tx
      .select({
        id: claims.id,
        text: claims.text,
        createdAt: claims.createdAt,
        article: { id: articles.id, title: articles.title, outlet: articles.outlet, url: articles.url },
      })
      .from(claims)
      .leftJoin(articles, eq(articles.id, claims.articleId))
      .where(inArray(claims.id, [...new Set(raised.map((r) => r.claimId))]));
    const verdictIds = raised.flatMap((r) => (r.verdictId ? [r.verdictId] : []));
    const repeated = verdictIds.length
      ? await tx
          .select({
            id: verdicts.id,
            authorId: verdicts.authorId,
            slug: verdicts.slug,
            headline: sql<string | null>`${verdicts.approvedSnapshot} #>> '{revision,headline}'`,
            rating: sql<string | null>`${verdicts.approvedSnapshot} #>> '{rating,label}'`,
          })
          .from(verdicts)
          .where(inArray(verdicts.id, verdictIds))
      : [];
    const factCheckIds = raised.flatMap((r) => (r.factCheckId ? [r.factCheckId] : []));
    const archived = factCheckIds.length
      ? await tx
          .select({
            id: factChecks.id,
            url: factChecks.url,
            rating: factChecks.rating,
            publisher: factChecks.publisher,
            text: factChecks.claimText,
          })
          .from(factChecks)
          .where(and(inArray(factChecks.id, factCheckIds)))
      : [];

    for (const alert of raised) {
      const appearance = appearances.find((a) => a.id === alert.claimId);
      if (!appearance) continue;
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
      const appearedIn = appearance.article?.id
        ? { kind: "article", ...appearance.article }
        : { kind: "tip or desk", id: null, title: null, outlet: null, url: null };
      const people = [...new Set([...(verdict ? [verdict.authorId] : []), ...editors])];
      await notify(
        tx,
        null,
        people.map((userId) => ({
          userId,
          kind: "recurred" as const,
          claimId: appearance.id,
          data: { repeats, appearedIn, at: appearance.createdAt.toISOString() },
        })),
      );
      await enqueueWebhookEvent(tx, webhooks, "claim.recurred", {
        claimId: appearance.id,
        text: appearance.text,
        at: appearance.createdAt.toISOString(),
        appearedIn,
        repeats,
      });
    }
    await recordEvents(
      tx,
      raised.map((alert) => ({
        actorId: null,
        entityType: "claim" as const,
        entityId: alert.claimId,
        action: "recurred",
        claimId: alert.claimId,
        data: alert.verdictId ? { verdictId: alert.verdictId } : { factCheckId: alert.factCheckId },
      })),
    );
    return raised;
  });
}
