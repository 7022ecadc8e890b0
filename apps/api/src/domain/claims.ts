import { sentenceContext } from "@factdesk/claims";
import { articles, claimLinks, claims, type DbOrTx, sources, users } from "@factdesk/db";
import {
  allowedTransitions,
  assertTransition,
  claimStatusLabels,
  DomainError,
  type TActor,
  type TClaimFacts,
  type TClaimTransitionInput,
  ZClaimListInput,
  ZClaimPriority,
} from "@factdesk/schema";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { recordEvent } from "./audit";

// ── The review queue ────────────────────────────────────────────────────────────────────

/** Keyset cursor: the sort key of the last row on the page, opaque to the client. */
const ZCursor = z.object({ p: ZClaimPriority, s: z.number(), q: z.number().int() });
type TCursor = z.infer<typeof ZCursor>;

const encodeCursor = (cursor: TCursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(cursor: string): TCursor {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new DomainError("BAD_REQUEST", "The page cursor is not valid; reload the queue.");
  }
}

export async function listClaims(db: DbOrTx, actor: TActor, rawInput: z.input<typeof ZClaimListInput>) {
  const input = ZClaimListInput.parse(rawInput);
  const filters = [
    input.status?.length ? inArray(claims.status, input.status) : undefined,
    input.articleId ? eq(claims.articleId, input.articleId) : undefined,
    input.includeArchived ? undefined : isNull(claims.archivedAt),
    input.assignee === "unassigned"
      ? isNull(claims.assigneeId)
      : input.assignee
        ? eq(claims.assigneeId, input.assignee === "me" ? actor.id : input.assignee)
        : undefined,
  ];
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    filters.push(
      input.sort === "newest"
        ? sql`${claims.seq} < ${after.q}`
        : sql`(${claims.priority}, ${claims.score}, ${claims.seq}) < (${after.p}::claim_priority, ${after.s}, ${after.q})`,
    );
  }
  const order =
    input.sort === "newest"
      ? [desc(claims.seq)]
      : [desc(claims.priority), desc(claims.score), desc(claims.seq)];

  const rows = await db
    .select({
      id: claims.id,
      seq: claims.seq,
      text: claims.text,
      status: claims.status,
      priority: claims.priority,
      score: claims.score,
      claimant: claims.claimant,
      version: claims.version,
      archivedAt: claims.archivedAt,
      createdAt: claims.createdAt,
      article: { id: articles.id, title: articles.title },
      assignee: { id: users.id, name: users.name },
    })
    .from(claims)
    .leftJoin(articles, eq(articles.id, claims.articleId))
    .leftJoin(users, eq(users.id, claims.assigneeId))
    .where(and(...filters))
    .orderBy(...order)
    .limit(input.limit + 1);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ seq: _seq, ...row }) => row),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ p: last.priority, s: last.score, q: last.seq })
        : null,
  };
}

// ── One claim ───────────────────────────────────────────────────────────────────────────

async function findClaim(db: DbOrTx, id: string, lock = false) {
  const query = db.select().from(claims).where(eq(claims.id, id));
  const [claim] = lock ? await query.for("update") : await query;
  if (!claim) throw new DomainError("NOT_FOUND", "No claim with that id exists.");
  return claim;
}

/** What the workflow needs to know about a claim to judge a transition. */
async function claimFacts(db: DbOrTx, claim: typeof claims.$inferSelect): Promise<TClaimFacts> {
  const [evidence] = await db
    .select({
      sourceCount: sql<number>`count(*)::int`,
      refutingSourceCount: sql<number>`(count(*) filter (where ${sources.stance} = 'refutes'))::int`,
    })
    .from(sources)
    .where(eq(sources.claimId, claim.id));
  const [links] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(claimLinks)
    .where(
      and(
        eq(claimLinks.kind, "contradiction"),
        eq(claimLinks.state, "confirmed"),
        or(eq(claimLinks.claimAId, claim.id), eq(claimLinks.claimBId, claim.id)),
      ),
    );
  return {
    status: claim.status,
    archived: claim.archivedAt !== null,
    sourceCount: evidence?.sourceCount ?? 0,
    refutingSourceCount: evidence?.refutingSourceCount ?? 0,
    confirmedContradictionCount: links?.count ?? 0,
  };
}

export async function getClaim(db: DbOrTx, actor: TActor, id: string) {
  const claim = await findClaim(db, id);
  const [article] = claim.articleId
    ? await db.select().from(articles).where(eq(articles.id, claim.articleId))
    : [];
  const [assignee] = claim.assigneeId
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, claim.assigneeId))
    : [];
  const claimSources = await db
    .select()
    .from(sources)
    .where(eq(sources.claimId, claim.id))
    .orderBy(asc(sources.createdAt));
  const facts = await claimFacts(db, claim);
  const { search: _search, normalizedText: _normalized, ...fields } = claim;

  return {
    claim: fields,
    assignee: assignee ?? null,
    article: article
      ? {
          id: article.id,
          title: article.title,
          url: article.url,
          outlet: article.outlet,
          author: article.author,
          publishedAt: article.publishedAt,
          context:
            claim.sentenceStart !== null && claim.sentenceEnd !== null
              ? sentenceContext(article.body, claim.sentenceStart, claim.sentenceEnd)
              : null,
        }
      : null,
    sources: claimSources,
    transitions: allowedTransitions(actor, { kind: "claim", ...facts }),
  };
}

/**
 * Moves a claim to another research status, if the workflow allows it for this actor and
 * the version is the one the actor saw. One transaction: guarded update, audit event, NOTIFY.
 */
export async function transitionClaim(db: DbOrTx, actor: TActor, input: TClaimTransitionInput) {
  return db.transaction(async (tx) => {
    const claim = await findClaim(tx, input.id, true);
    if (claim.version !== input.version) {
      throw new DomainError(
        "CONFLICT",
        `Someone changed this claim since you opened it: it is now ${claimStatusLabels[claim.status].toLowerCase()} (version ${claim.version}). Review it and try again.`,
        { current: { status: claim.status, version: claim.version } },
      );
    }
    assertTransition(actor, { kind: "claim", ...(await claimFacts(tx, claim)) }, input.to, input.reason);

    const [updated] = await tx
      .update(claims)
      .set({ status: input.to, version: sql`${claims.version} + 1` })
      .where(and(eq(claims.id, claim.id), eq(claims.version, input.version)))
      .returning({ id: claims.id, status: claims.status, version: claims.version });
    if (!updated)
      throw new DomainError("CONFLICT", "Someone changed this claim at the same moment; try again.");

    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: claim.id,
      action: "status_changed",
      from: claim.status,
      to: input.to,
      data: input.reason ? { reason: input.reason } : {},
    });
    return updated;
  });
}
