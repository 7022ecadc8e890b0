import { claimLinks, claims, type DbOrTx } from "@factdesk/db";
import {
  BULK_LIMIT,
  DomainError,
  type TActor,
  type TClaimBulkAction,
  type TDomainErrorCode,
  type TWords,
  ZClaimBulkInput,
} from "@factdesk/schema";
import { and, eq, inArray, or } from "drizzle-orm";
import type { z } from "zod";
import { archiveClaim, assignClaim, findClaim, transitionClaim, updateClaim } from "./claims";
import { decideLinks } from "./matching";
import { matchingClaimIds } from "./queue";

export type TBulkOutcome =
  | { id: string; text: string; ok: true }
  | { id: string; text: string; ok: false; code: TDomainErrorCode; message: string; words?: TWords };

/** One claim's share of a bulk action: the same operation, and rules, as doing it by hand. */
async function applyToClaim(db: DbOrTx, actor: TActor, id: string, action: TClaimBulkAction) {
  const { version, archivedAt } = await findClaim(db, id);
  switch (action.kind) {
    case "assign":
      return assignClaim(db, actor, { id, version, assigneeId: action.assigneeId });
    case "priority":
      return updateClaim(db, actor, { id, version, priority: action.priority });
    case "transition":
      return transitionClaim(db, actor, { id, version, to: action.to, reason: action.reason });
    case "archive":
    case "restore":
      // Already where the user wants it: nothing to do, and nothing wrong.
      if ((archivedAt !== null) === (action.kind === "archive")) return;
      return archiveClaim(db, actor, {
        id,
        version,
        archived: action.kind === "archive",
        reason: action.kind === "archive" ? action.reason : undefined,
      });
    case "links": {
      const suggested = await db
        .select({ id: claimLinks.id, version: claimLinks.version })
        .from(claimLinks)
        .where(
          and(
            or(eq(claimLinks.claimAId, id), eq(claimLinks.claimBId, id)),
            eq(claimLinks.state, "suggested"),
            action.linkKind ? eq(claimLinks.kind, action.linkKind) : undefined,
          ),
        );
      if (!suggested.length) throw new DomainError("CONFLICT", "It has no suggested links to decide.");
      return decideLinks(db, actor, { links: suggested, state: action.state });
    }
  }
}

/**
 * Applies one action to many claims, each in its own transaction and judged by the workflow
 * on its own: some may succeed while others are refused, and the outcome says which and why.
 * A filter target is refused whole if it no longer matches the count the user confirmed.
 */
export async function bulkUpdateClaims(db: DbOrTx, actor: TActor, rawInput: z.input<typeof ZClaimBulkInput>) {
  const { target, action } = ZClaimBulkInput.parse(rawInput);
  let ids: string[];
  if ("ids" in target) {
    ids = [...new Set(target.ids)];
  } else {
    ids = await matchingClaimIds(db, actor, target.filter, BULK_LIMIT);
    if (ids.length !== target.expectedCount)
      throw new DomainError(
        "CONFLICT",
        `The filter now matches ${ids.length.toLocaleString("en")} claims, not the ${target.expectedCount.toLocaleString("en")} you confirmed; check the queue and try again.`,
        { count: ids.length },
      );
  }
  const texts = new Map(
    (await db.select({ id: claims.id, text: claims.text }).from(claims).where(inArray(claims.id, ids))).map(
      (row) => [row.id, row.text],
    ),
  );

  const outcomes: TBulkOutcome[] = [];
  for (const id of ids) {
    const text = texts.get(id) ?? "";
    try {
      await applyToClaim(db, actor, id, action);
      outcomes.push({ id, text, ok: true });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({
        id,
        text,
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.words ? { words: error.words } : {}),
      });
    }
  }
  return { succeeded: outcomes.filter((o) => o.ok).length, outcomes };
}
