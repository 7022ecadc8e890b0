import { createHash } from "node:crypto";
import { type DbOrTx, sourceSnapshots, sources, verdictRevisions, verdicts } from "@factdesk/db";
import { DomainError, isDomainError } from "@factdesk/schema";
import { and, asc, desc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { fetchAddress, type TFetchRules } from "../fetcher";
import { extractArticle } from "./fetch-article";
import { notify } from "./notifications";

/** Enough of any page's readable text to stand as evidence; longer pages are cut here. */
const TEXT_MAX = 200_000;
/** A published verdict's sources are checked again after this long. */
const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
/** Sources checked per run of the hourly job. */
const CHECKED_PER_RUN = 50;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type TSnapshot = Omit<typeof sourceSnapshots.$inferInsert, "id" | "sourceId" | "fetchedAt">;
export type TLinkState = "live" | "dead" | "changed";

/** What an address serves now, read through the one fetcher (its address rules, deadline and size cap). */
async function snapshotOf(address: string, rules: TFetchRules): Promise<TSnapshot> {
  try {
    const response = await fetchAddress(
      address,
      { headers: { accept: "text/html,text/plain;q=0.9" } },
      rules,
    );
    const ok = response.status === 200;
    const readable =
      ok && response.type.includes("html") ? extractArticle(response.body, response.url) : null;
    const text = readable?.text ?? (ok && response.type.startsWith("text/") ? response.body : null);
    return {
      httpStatus: response.status,
      title: readable?.title ?? null,
      text: text?.slice(0, TEXT_MAX) ?? null,
      bodySha256: sha256(response.body),
      textSha256: text ? sha256(text) : null,
      error: null,
    };
  } catch (error) {
    // The fetcher says in words why nothing could be read (refused address, deadline, size).
    if (!isDomainError(error)) throw error;
    return {
      httpStatus: null,
      title: null,
      text: null,
      bodySha256: null,
      textSha256: null,
      error: error.message,
    };
  }
}

/** Dead when nothing or an error answers; changed when its text is not the text first kept. */
export const linkStateOf = (now: TSnapshot, first: TSnapshot | undefined): TLinkState =>
  now.httpStatus == null || now.httpStatus >= 400
    ? "dead"
    : first?.textSha256 && now.textSha256 && now.textSha256 !== first.textSha256
      ? "changed"
      : "live";

/** Fetches a source's address, keeps what it served, and records the link's state. */
async function takeSnapshot(db: DbOrTx, source: { id: string; url: string }, rules: TFetchRules) {
  const [first] = await db
    .select()
    .from(sourceSnapshots)
    .where(and(eq(sourceSnapshots.sourceId, source.id), isNotNull(sourceSnapshots.textSha256)))
    .orderBy(asc(sourceSnapshots.fetchedAt))
    .limit(1);
  const snapshot = await snapshotOf(source.url, rules);
  const state = linkStateOf(snapshot, first);
  await db.transaction(async (tx) => {
    await tx.insert(sourceSnapshots).values({ sourceId: source.id, ...snapshot });
    await tx
      .update(sources)
      .set({ linkState: state, linkCheckedAt: sql`now()` })
      .where(eq(sources.id, source.id));
  });
  return { snapshot, state };
}

/** A source is public when the published revision of its claim's verdict cites it (two joins). */
const ofPublishedVerdict = and(
  eq(verdicts.claimId, sources.claimId),
  isNotNull(verdicts.publishedRevisionId),
);
const citedByPublishedRevision = and(
  eq(verdictRevisions.id, verdicts.publishedRevisionId),
  sql`${sources.id} = any(${verdictRevisions.sourceIds})`,
);

/** The job after a source is added: its first snapshot, the copy the pages link as "archived". */
export async function archiveSource(db: DbOrTx, sourceId: string, rules: TFetchRules) {
  const [source] = await db
    .select({ id: sources.id, url: sources.url })
    .from(sources)
    .where(eq(sources.id, sourceId));
  return source ? takeSnapshot(db, source, rules) : null;
}

/**
 * The hourly link check: the sources of published verdicts not checked for a day are fetched
 * again; a source that died or changed is marked so, and the verdict's author is told once.
 */
export async function checkPublishedSources(
  db: DbOrTx,
  rules: TFetchRules,
  { limit = CHECKED_PER_RUN } = {},
) {
  const due = await db
    .select({
      id: sources.id,
      url: sources.url,
      title: sources.title,
      was: sources.linkState,
      claimId: sources.claimId,
      authorId: verdicts.authorId,
    })
    .from(sources)
    .innerJoin(verdicts, ofPublishedVerdict)
    .innerJoin(verdictRevisions, citedByPublishedRevision)
    .where(
      or(
        isNull(sources.linkCheckedAt),
        lt(sources.linkCheckedAt, sql`now() - ${`${CHECK_EVERY_MS} milliseconds`}::interval`),
      ),
    )
    .orderBy(sql`${sources.linkCheckedAt} nulls first`)
    .limit(limit);
  const found: { sourceId: string; state: TLinkState }[] = [];
  for (const source of due) {
    const { snapshot, state } = await takeSnapshot(db, source, rules);
    found.push({ sourceId: source.id, state });
    if (state !== "live" && state !== source.was)
      await notify(db, null, [
        {
          userId: source.authorId,
          kind: "source_changed",
          claimId: source.claimId,
          data: {
            sourceId: source.id,
            url: source.url,
            title: source.title,
            state,
            httpStatus: snapshot.httpStatus,
          },
        },
      ]);
  }
  return found;
}

/** What the archived copy is: the first copy kept with readable text (later ones only tell whether it changed). */
const keptCopy = {
  fetchedAt: sourceSnapshots.fetchedAt,
  httpStatus: sourceSnapshots.httpStatus,
  title: sourceSnapshots.title,
  text: sourceSnapshots.text,
  bodySha256: sourceSnapshots.bodySha256,
};
const withKeptCopy = and(eq(sourceSnapshots.sourceId, sources.id), isNotNull(sourceSnapshots.textSha256));

/** The copy kept of a public source (one cited by a published verdict), for its "archived copy" page. */
export async function publicSnapshot(db: DbOrTx, sourceId: string) {
  const [row] = await db
    .select({ url: sources.url, title: sources.title, linkState: sources.linkState, snapshot: keptCopy })
    .from(sources)
    .innerJoin(verdicts, ofPublishedVerdict)
    .innerJoin(verdictRevisions, citedByPublishedRevision)
    .leftJoin(sourceSnapshots, withKeptCopy)
    .where(eq(sources.id, sourceId))
    .orderBy(asc(sourceSnapshots.fetchedAt))
    .limit(1);
  if (!row) return null;
  return { ...row, snapshot: row.snapshot?.fetchedAt ? row.snapshot : null };
}

/** Checks of a source's address shown to the desk, newest first. */
const CHECKS_SHOWN = 10;

/** A source's archive for the desk's workspace: its kept copy, whether cited or not, and the latest checks of its address. */
export async function sourceArchive(db: DbOrTx, sourceId: string) {
  const [row] = await db
    .select({ linkState: sources.linkState, kept: keptCopy })
    .from(sources)
    .leftJoin(sourceSnapshots, withKeptCopy)
    .where(eq(sources.id, sourceId))
    .orderBy(asc(sourceSnapshots.fetchedAt))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "That source does not exist.");
  const checks = await db
    .select({
      fetchedAt: sourceSnapshots.fetchedAt,
      httpStatus: sourceSnapshots.httpStatus,
      error: sourceSnapshots.error,
    })
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId))
    .orderBy(desc(sourceSnapshots.fetchedAt))
    .limit(CHECKS_SHOWN);
  return { linkState: row.linkState, kept: row.kept?.fetchedAt ? row.kept : null, checks };
}
