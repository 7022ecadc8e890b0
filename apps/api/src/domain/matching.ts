import { anyWordQuery, claimSimilarity, contradictionReason } from "@factdesk/claims";
import { articles, claimLinks, claims, type DbOrTx, verdicts } from "@factdesk/db";
import {
  assertTransition,
  DomainError,
  type TActor,
  type TClaimDecideLinksInput,
  type TClaimLinkKind,
} from "@factdesk/schema";
import { aliasedTable, and, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { recordEvents } from "./audit";

/** Share of content words (of the shorter claim) from which a pair is a duplicate / related. */
export const DUPLICATE_SIMILARITY = 0.8;
export const RELATED_SIMILARITY = 0.5;
const CANDIDATES = 30;

/**
 * Suggests links from each new claim to existing claims of other articles: candidates come
 * from the full-text index (fast at any size), then each pair is compared in code. A
 * disagreement on a year or figure about the same subject is a contradiction, with the reason.
 */
export async function suggestLinks(tx: DbOrTx, claimIds: string[], actorId: string | null) {
  const suggested: (typeof claimLinks.$inferSelect)[] = [];
  for (const id of claimIds) {
    const [claim] = await tx.select().from(claims).where(eq(claims.id, id));
    const query = claim && anyWordQuery(claim.text);
    if (!claim || !query) continue;
    const tsquery = sql`to_tsquery('english', ${query})`;
    const candidates = await tx
      .select({ id: claims.id, text: claims.text })
      .from(claims)
      .where(
        and(
          sql`${claims.search} @@ ${tsquery}`,
          ne(claims.id, claim.id),
          isNull(claims.archivedAt),
          claim.articleId ? or(isNull(claims.articleId), ne(claims.articleId, claim.articleId)) : undefined,
        ),
      )
      .orderBy(desc(sql`ts_rank(${claims.search}, ${tsquery})`))
      .limit(CANDIDATES);
    for (const candidate of candidates) {
      const score = claimSimilarity(claim.text, candidate.text);
      const reason = contradictionReason(claim.text, candidate.text);
      const kind = reason
        ? "contradiction"
        : score >= DUPLICATE_SIMILARITY
          ? "duplicate"
          : score >= RELATED_SIMILARITY
            ? "related"
            : null;
      if (!kind) continue;
      const [claimAId, claimBId] = [claim.id, candidate.id].sort() as [string, string];
      const [link] = await tx
        .insert(claimLinks)
        .values({ claimAId, claimBId, kind, score: Math.round(score * 1000) / 1000, reason })
        .onConflictDoNothing()
        .returning();
      if (link) suggested.push(link);
    }
  }
  await recordEvents(
    tx,
    suggested.map((link) => ({
      actorId,
      entityType: "claim_link" as const,
      entityId: link.id,
      action: "link_suggested",
      to: link.kind,
      claimId: link.claimAId,
      data: { other: link.claimBId, reason: link.reason },
    })),
  );
  return suggested;
}

/** A claim's links, each with the other claim and, when it has one, its published verdict. */
export async function listLinks(db: DbOrTx, claimId: string) {
  const links = await db
    .select()
    .from(claimLinks)
    .where(or(eq(claimLinks.claimAId, claimId), eq(claimLinks.claimBId, claimId)))
    .orderBy(desc(claimLinks.score));
  const otherIds = links.map((l) => (l.claimAId === claimId ? l.claimBId : l.claimAId));
  const others = otherIds.length
    ? await db
        .select({
          id: claims.id,
          text: claims.text,
          status: claims.status,
          article: articles.title,
          verdictState: verdicts.state,
          verdictSlug: verdicts.slug,
        })
        .from(claims)
        .leftJoin(articles, eq(articles.id, claims.articleId))
        .leftJoin(verdicts, eq(verdicts.claimId, claims.id))
        .where(inArray(claims.id, otherIds))
    : [];
  const order = { contradiction: 0, duplicate: 1, related: 2 } as const;
  return links
    .map((link) => {
      const other = others.find((o) => o.id === (link.claimAId === claimId ? link.claimBId : link.claimAId));
      return {
        id: link.id,
        version: link.version,
        kind: link.kind,
        state: link.state,
        score: link.score,
        reason: link.reason,
        other: other && {
          id: other.id,
          text: other.text,
          status: other.status,
          article: other.article,
          // "Already fact-checked": the other claim's verdict is public.
          publishedVerdictSlug: other.verdictState === "published" ? other.verdictSlug : null,
        },
      };
    })
    .sort((a, b) => order[a.kind] - order[b.kind] || b.score - a.score);
}

/**
 * Confirms or rejects links, one or many at once, all or none: each is judged by the
 * workflow (claimLinkTransitions) at the version the person saw.
 */
export async function decideLinks(db: DbOrTx, actor: TActor, input: TClaimDecideLinksInput) {
  return db.transaction(async (tx) => {
    const seen = new Map(input.links.map((link) => [link.id, link.version]));
    const rows = await tx
      .select()
      .from(claimLinks)
      .where(inArray(claimLinks.id, [...seen.keys()]))
      .orderBy(claimLinks.id)
      .for("update");
    if (rows.length !== seen.size) throw new DomainError("NOT_FOUND", "Some of those links do not exist.");
    for (const link of rows) {
      if (link.version !== seen.get(link.id))
        throw new DomainError(
          "CONFLICT",
          `Someone decided a link meanwhile (it is now ${link.state}); nothing was changed. Review it and try again.`,
          { current: link },
        );
      assertTransition(actor, { kind: "claim_link", state: link.state }, input.state);
    }
    const updated = await tx
      .update(claimLinks)
      .set({ state: input.state, decidedBy: actor.id, version: sql`${claimLinks.version} + 1` })
      .where(inArray(claimLinks.id, [...seen.keys()]))
      .returning();
    const before = new Map(rows.map((link) => [link.id, link.state]));
    await recordEvents(
      tx,
      updated.map((link) => ({
        actorId: actor.id,
        entityType: "claim_link" as const,
        entityId: link.id,
        action: `link_${input.state}`,
        from: before.get(link.id) ?? null,
        to: input.state,
        claimId: link.claimAId,
        data: { other: link.claimBId, kind: link.kind },
      })),
    );
    return { updated: updated.length };
  });
}

/** Every link between claims (optionally of one kind), strongest first, with both claims' texts. */
export async function listAllLinks(db: DbOrTx, { kind }: { kind?: TClaimLinkKind } = {}) {
  const a = aliasedTable(claims, "a");
  const b = aliasedTable(claims, "b");
  return db
    .select({
      kind: claimLinks.kind,
      state: claimLinks.state,
      a: { id: a.id, text: a.text },
      b: { id: b.id, text: b.text },
      score: claimLinks.score,
      reason: claimLinks.reason,
    })
    .from(claimLinks)
    .innerJoin(a, eq(a.id, claimLinks.claimAId))
    .innerJoin(b, eq(b.id, claimLinks.claimBId))
    .where(kind ? eq(claimLinks.kind, kind) : undefined)
    .orderBy(desc(claimLinks.score), claimLinks.id);
}
