import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { comparable, normalizeForMatching, scoreCheckWorthiness, similarityOf } from "@factdesk/claims";
import { claims, type DbOrTx, tips, verdicts } from "@factdesk/db";
import {
  DomainError,
  type TActor,
  type TTipListInput,
  type TTipSubmitInput,
  type ZTipAttachInput,
  type ZTipCreateClaimInput,
  type ZTipDeclineInput,
} from "@factdesk/schema";
import { and, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { TJobQueue } from "../jobs/queue";
import { purposeKey, recordEvents } from "./audit";
import { RELATED_SIMILARITY } from "./matching";
import { verdictPageUrl } from "./publishing";
import type { TRateLimits } from "./rate-limits";
import { repeatsOfTipsShown } from "./recurrences";
import { getSettings, type TSite } from "./settings";

/** What readers are told their contact address is for, unless the desk words it otherwise. */
export const DEFAULT_TIP_CONSENT =
  "We will use your contact address only to ask about this tip or tell you what we found. We never publish it or share it.";

/** A person takes longer than this to write a tip; a script posting at once does not. */
const TICKET_MIN_MS = 3_000;
/** A form left open longer than a day is served again rather than trusted. */
const TICKET_MAX_MS = 24 * 60 * 60 * 1000;

const sign = (issued: string) =>
  createHmac("sha256", purposeKey("tip form tickets")).update(issued).digest("base64url");

/** What the tip form is served with: when it was served, signed (the time check). */
export const tipTicket = (now = Date.now()) => `${now}.${sign(String(now))}`;

function checkTicket(ticket: string | null | undefined, now: number) {
  const [issued = "", signature = ""] = (ticket ?? "").split(".");
  const expected = Buffer.from(sign(issued));
  const given = Buffer.from(signature);
  if (!/^\d{1,16}$/.test(issued) || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new DomainError(
      "BAD_REQUEST",
      "This form could not be checked: reload the page and send it again.",
    );
  const age = now - Number(issued);
  if (age < TICKET_MIN_MS)
    throw new DomainError("BAD_REQUEST", "That was sent very quickly: wait a few seconds and send it again.");
  if (age > TICKET_MAX_MS)
    throw new DomainError(
      "BAD_REQUEST",
      "This form was opened more than a day ago: reload the page and send it again.",
    );
}

/**
 * Stores a reader's tip and returns its tracking code. The defences need no outside service:
 * a honeypot field, the signed time check, a budget per address (the caller draws it), and
 * the size limits of the input. Nothing of the tip goes into the audit log but that it came.
 */
export async function submitTip(
  db: DbOrTx,
  jobs: TJobQueue,
  input: TTipSubmitInput,
  { consentText, now = Date.now() }: { consentText: string; now?: number },
) {
  // Only robots fill a field people never see; they are told as little as anyone.
  if (input.website) throw new DomainError("BAD_REQUEST", "This form could not be sent.");
  checkTicket(input.ticket, now);
  const contact = input.contact || null;
  if (contact && !input.consent)
    throw new DomainError(
      "BAD_REQUEST",
      "Tick the box to agree to how we use your contact address, or leave the address empty.",
    );
  const code = randomBytes(16).toString("base64url");
  return db.transaction(async (tx) => {
    const [tip] = await tx
      .insert(tips)
      .values({
        code,
        statement: input.statement,
        url: input.url || null,
        seenWhere: input.seenWhere || null,
        contact,
        consentText: contact ? consentText : null,
      })
      .returning({ id: tips.id });
    if (!tip) throw new Error("Tip vanished on insert.");
    await recordEvents(tx, [
      {
        actorId: null,
        entityType: "tip",
        entityId: tip.id,
        action: "submitted",
        data: { contact: !!contact },
      },
    ]);
    // Whether it repeats something found false is looked into after the reader has their code.
    await jobs.enqueue(tx, "match-tips", { tipIds: [tip.id] });
    return { code };
  });
}

/** The consent wording readers are shown: the desk's own, or the default. */
export const tipConsentOf = async (db: DbOrTx) => (await getSettings(db)).tipConsent || DEFAULT_TIP_CONSENT;

/**
 * A tip as it arrives from the form, the JSON API or tRPC: the sender's address draws on its
 * budget first (refused tips count too, so probing costs the same as sending).
 */
export async function receiveTip(
  db: DbOrTx,
  { rateLimits, jobs }: { rateLimits: Pick<TRateLimits, "tipSubmitted">; jobs: TJobQueue },
  address: string,
  input: TTipSubmitInput,
) {
  await rateLimits.tipSubmitted(address);
  return submitTip(db, jobs, input, { consentText: await tipConsentOf(db) });
}

/** Where a tip stands, as its reader may see it. */
export type TTipProgress = "received" | "in_triage" | "being_checked" | "published" | "declined";
export const tipProgressLabels: Record<TTipProgress, string> = {
  received: "Received",
  in_triage: "In triage",
  being_checked: "Being checked",
  published: "Published",
  declined: "Declined",
};

/**
 * A tip's progress by its tracking code: derived from the tip, its claim and the claim's
 * verdict, so publishing moves every attached tip at once. Never the tip's text.
 */
export async function tipProgress(db: DbOrTx, code: string, site: TSite) {
  const [row] = await db
    .select({
      receivedAt: tips.createdAt,
      triagedAt: tips.triagedAt,
      declinedAt: tips.declinedAt,
      declinedReason: tips.declinedReason,
      claimId: tips.claimId,
      slug: verdicts.slug,
      published: isNotNull(verdicts.publishedRevisionId).mapWith(Boolean),
      publishedAt: verdicts.publishedAt,
    })
    .from(tips)
    .leftJoin(verdicts, eq(verdicts.claimId, tips.claimId))
    .where(eq(tips.code, code));
  if (!row) throw new DomainError("NOT_FOUND", "There is no tip with that tracking code.");
  const progress: TTipProgress = row.declinedAt
    ? "declined"
    : row.published && row.slug
      ? "published"
      : row.claimId
        ? "being_checked"
        : row.triagedAt
          ? "in_triage"
          : "received";
  return {
    progress,
    label: tipProgressLabels[progress],
    receivedAt: row.receivedAt,
    declinedReason: progress === "declined" ? row.declinedReason : null,
    verdictUrl: progress === "published" && row.slug ? verdictPageUrl(site.base, row.slug) : null,
    publishedAt: progress === "published" ? row.publishedAt : null,
  };
}

const stateFilter: Record<TTipListInput["state"], SQL | undefined> = {
  new: and(isNull(tips.triagedAt), isNull(tips.claimId), isNull(tips.declinedAt)),
  in_triage: and(isNotNull(tips.triagedAt), isNull(tips.claimId), isNull(tips.declinedAt)),
  on_claim: and(isNotNull(tips.claimId), isNull(tips.declinedAt)),
  declined: isNotNull(tips.declinedAt),
};

/**
 * Tips for the desk's triage, newest first, in groups of ones that say the same thing
 * (the claim matcher's similarity), largest group first: one group, one claim.
 */
export async function listTips(db: DbOrTx, { state, limit }: TTipListInput) {
  const rows = await db
    .select({
      id: tips.id,
      statement: tips.statement,
      url: tips.url,
      seenWhere: tips.seenWhere,
      contact: tips.contact,
      createdAt: tips.createdAt,
      declinedReason: tips.declinedReason,
      claim: { id: tips.claimId, text: claims.text },
    })
    .from(tips)
    .leftJoin(claims, eq(claims.id, tips.claimId))
    .where(stateFilter[state])
    .orderBy(desc(tips.createdAt), desc(tips.id))
    .limit(limit);
  const repeats = await repeatsOfTipsShown(
    db,
    rows.map((row) => row.id),
  );
  const groups: { lead: ReturnType<typeof comparable>; tips: typeof rows }[] = [];
  for (const row of rows) {
    const seen = comparable(row.statement);
    const group = groups.find((g) => similarityOf(g.lead, seen) >= RELATED_SIMILARITY);
    if (group) group.tips.push(row);
    else groups.push({ lead: seen, tips: [row] });
  }
  return groups
    .map((group) => ({
      tips: group.tips.map(({ claim, ...tip }) => ({
        ...tip,
        claim: claim?.id ? claim : null,
        repeats: repeats.filter((r) => r.tipId === tip.id),
      })),
    }))
    .sort((a, b) => b.tips.length - a.tips.length);
}

/** Locks the tips acted on; refuses ids that do not exist and, unless allowed, ones already decided. */
async function openTips(tx: DbOrTx, tipIds: string[]) {
  const found = await tx
    .select({ id: tips.id, claimId: tips.claimId, declinedAt: tips.declinedAt })
    .from(tips)
    .where(inArray(tips.id, tipIds))
    .for("update");
  if (found.length !== new Set(tipIds).size)
    throw new DomainError("NOT_FOUND", "Some of those tips do not exist.");
  const decided = found.filter((tip) => tip.claimId || tip.declinedAt);
  if (decided.length)
    throw new DomainError(
      "CONFLICT",
      `${decided.length === 1 ? "One of those tips was" : `${decided.length} of those tips were`} already attached to a claim or declined (perhaps by someone else just now); reload the tips.`,
    );
  return found;
}

/** Marks tips as seen by the desk ("In triage" for their readers); already-seen ones stay as they were. */
export async function triageTips(db: DbOrTx, actor: TActor, { tipIds }: { tipIds: string[] }) {
  return db.transaction(async (tx) => {
    const seen = await tx
      .update(tips)
      .set({ triagedAt: sql`now()`, triagedBy: actor.id })
      .where(and(inArray(tips.id, tipIds), isNull(tips.triagedAt)))
      .returning({ id: tips.id });
    await recordEvents(
      tx,
      seen.map(({ id }) => ({
        actorId: actor.id,
        entityType: "tip" as const,
        entityId: id,
        action: "triaged",
      })),
    );
    return { triaged: seen.length };
  });
}

async function attach(tx: DbOrTx, actor: TActor, tipIds: string[], claimId: string, action: string) {
  await tx
    .update(tips)
    .set({
      claimId,
      triagedAt: sql`coalesce(${tips.triagedAt}, now())`,
      triagedBy: sql`coalesce(${tips.triagedBy}, ${actor.id}::uuid)`,
    })
    .where(inArray(tips.id, tipIds));
  await recordEvents(
    tx,
    tipIds.map((id) => ({ actorId: actor.id, entityType: "tip" as const, entityId: id, action, claimId })),
  );
}

/** Attaches tips to a claim already in the queue: its readers will follow that claim's verdict. */
export async function attachTips(db: DbOrTx, actor: TActor, input: z.output<typeof ZTipAttachInput>) {
  return db.transaction(async (tx) => {
    await openTips(tx, input.tipIds);
    const [claim] = await tx.select({ id: claims.id }).from(claims).where(eq(claims.id, input.claimId));
    if (!claim) throw new DomainError("NOT_FOUND", "That claim does not exist.");
    await attach(tx, actor, input.tipIds, claim.id, "attached");
    return { claimId: claim.id, attached: input.tipIds.length };
  });
}

/** Makes one claim of a group of tips (worded by the desk) and attaches them to it. */
export async function claimFromTips(
  db: DbOrTx,
  jobs: TJobQueue,
  actor: TActor,
  input: z.output<typeof ZTipCreateClaimInput>,
) {
  return db.transaction(async (tx) => {
    await openTips(tx, input.tipIds);
    const { score, reasons } = scoreCheckWorthiness(input.text);
    const [claim] = await tx
      .insert(claims)
      .values({
        text: input.text,
        normalizedText: normalizeForMatching(input.text),
        score,
        scoreReasons: reasons,
      })
      .returning({ id: claims.id });
    if (!claim) throw new Error("Claim vanished on insert.");
    await recordEvents(tx, [
      {
        actorId: actor.id,
        entityType: "claim",
        entityId: claim.id,
        action: "created",
        to: "unverified",
        data: { fromTips: input.tipIds.length },
        claimId: claim.id,
      },
    ]);
    await attach(tx, actor, input.tipIds, claim.id, "attached");
    await jobs.enqueue(tx, "match-claims", { claimIds: [claim.id], actorId: actor.id });
    return { claimId: claim.id, attached: input.tipIds.length };
  });
}

/** Declines tips with the reason their readers will read on the tracking page. */
export async function declineTips(db: DbOrTx, actor: TActor, input: z.output<typeof ZTipDeclineInput>) {
  return db.transaction(async (tx) => {
    await openTips(tx, input.tipIds);
    await tx
      .update(tips)
      .set({
        declinedAt: sql`now()`,
        declinedReason: input.reason,
        triagedAt: sql`coalesce(${tips.triagedAt}, now())`,
      })
      .where(inArray(tips.id, input.tipIds));
    await recordEvents(
      tx,
      input.tipIds.map((id) => ({
        actorId: actor.id,
        entityType: "tip" as const,
        entityId: id,
        action: "declined",
      })),
    );
    return { declined: input.tipIds.length };
  });
}

/** How many readers asked about each of these claims: the queue's "asked by N readers". */
export async function readersAsking(db: DbOrTx, claimIds: string[]) {
  if (claimIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ claimId: tips.claimId, count: sql<number>`count(*)::int` })
    .from(tips)
    .where(and(inArray(tips.claimId, claimIds), isNull(tips.declinedAt)))
    .groupBy(tips.claimId);
  return new Map(rows.map((row) => [row.claimId as string, row.count]));
}
