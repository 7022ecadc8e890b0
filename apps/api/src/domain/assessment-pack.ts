import { assessmentPacks, type Db, type DbOrTx, policyPages, type TPolicyPage } from "@factdesk/db";
import { DomainError, type TActor, type TAssessmentPackInput, type TVerdictSnapshot } from "@factdesk/schema";
import { desc, eq, type SQL, sql } from "drizzle-orm";
import type { TJobQueue } from "../jobs/queue";
import { recordEvent } from "./audit";
import { verdictPageUrl } from "./publishing";
import { policyHistory, type TSite } from "./settings";

// The IFCN / EFCSN assessment pack: what assessors ask a signatory for, over a period (by
// default the last three months). This module gathers it; exports/assessment-pack.tsx writes
// it as HTML and CSV in a zip; a job makes it, so a large period never holds up a request.

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const DAY_MS = 86_400_000;

/** The period asked for, as whole UTC days [from, to): by default the three months up to today. */
export function packPeriod(input: TAssessmentPackInput, now = new Date()) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = input.to ? new Date(Date.parse(input.to) + DAY_MS) : new Date(today.getTime() + DAY_MS);
  const from = input.from
    ? new Date(Date.parse(input.from))
    : new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 3, today.getUTCDate()));
  if (to.getTime() - from.getTime() > 3 * 366 * DAY_MS)
    throw new DomainError("BAD_REQUEST", "Ask for three years at most in one pack.");
  return { from, to };
}

/** An admin asks for a pack: it is made by a job; its row says when it is ready to download. */
export async function requestAssessmentPack(
  db: DbOrTx,
  jobs: TJobQueue,
  actor: TActor,
  input: TAssessmentPackInput,
) {
  const { from, to } = packPeriod(input);
  return db.transaction(async (tx) => {
    const [pack] = await tx
      .insert(assessmentPacks)
      .values({ periodFrom: from, periodTo: to, requestedBy: actor.id })
      .returning({ id: assessmentPacks.id });
    if (!pack) throw new Error("Pack vanished on insert.");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "settings",
      entityId: pack.id,
      action: "assessment_pack_requested",
      data: { from: from.toISOString(), to: to.toISOString() },
    });
    await jobs.enqueue(tx, "assessment-pack", { packId: pack.id });
    return pack;
  });
}

/** The packs asked for, newest first, with their size once made (never the bytes). */
export async function listAssessmentPacks(db: DbOrTx) {
  return db
    .select({
      id: assessmentPacks.id,
      from: assessmentPacks.periodFrom,
      to: assessmentPacks.periodTo,
      createdAt: assessmentPacks.createdAt,
      readyAt: assessmentPacks.readyAt,
      error: assessmentPacks.error,
      bytes: sql<number | null>`octet_length(${assessmentPacks.zip})`,
    })
    .from(assessmentPacks)
    .orderBy(desc(assessmentPacks.createdAt))
    .limit(50);
}

/** A made pack's zip and period, for its download. */
export async function assessmentPackFile(db: DbOrTx, id: string) {
  const [pack] = await db
    .select({ zip: assessmentPacks.zip, from: assessmentPacks.periodFrom, to: assessmentPacks.periodTo })
    .from(assessmentPacks)
    .where(eq(assessmentPacks.id, id));
  if (!pack?.zip) throw new DomainError("NOT_FOUND", "There is no finished pack with that id.");
  return { ...pack, zip: pack.zip };
}

export interface TPackCheck {
  slug: string;
  url: string;
  publishedAt: Date;
  lastPublishedAt: Date;
  retractedAt: Date | null;
  retractionReason: string | null;
  corrections: number;
  author: string;
  approver: string;
  affiliation: string | null;
  fromReaders: number;
  snapshot: TVerdictSnapshot;
}

export interface TPackSource {
  slug: string;
  id: string;
  title: string;
  url: string;
  stance: string;
  linkState: string | null;
  archivedAt: Date | null;
  archivedSha256: string | null;
  archivedUrl: string | null;
}

/** Everything the pack holds for the period, read from the publications (what readers saw). */
export async function assessmentPackData(db: DbOrTx, { from, to }: { from: Date; to: Date }, site: TSite) {
  const inPeriod = (column: SQL) =>
    sql`${column} >= ${from.toISOString()}::timestamptz and ${column} < ${to.toISOString()}::timestamptz`;

  // Checks first published in the period, as last published (a correction included).
  const checks = (
    await rows<
      Omit<TPackCheck, "url"> & { publishedAt: string; lastPublishedAt: string; retractedAt: string | null }
    >(
      db,
      sql`select v.slug, v.published_at as "publishedAt", v.retracted_at as "retractedAt",
        v.retraction_reason as "retractionReason", p.published_at as "lastPublishedAt", p.snapshot,
        (select count(*) - 1 from verdict_publications q where q.verdict_id = v.id)::int as corrections,
        author.name as author, approver.name as approver, c.claimant_affiliation as affiliation,
        (select count(*) from tips t where t.claim_id = v.claim_id and t.declined_at is null)::int as "fromReaders"
      from verdicts v
      join lateral (select * from verdict_publications q where q.verdict_id = v.id
        order by q.published_at desc limit 1) p on true
      join claims c on c.id = v.claim_id
      join users author on author.id = v.author_id
      join users approver on approver.id = p.approver_id
      where v.slug is not null and ${inPeriod(sql`v.published_at`)}
      order by v.published_at, v.slug`,
    )
  ).map((row) => ({
    ...row,
    url: verdictPageUrl(site.base, row.slug),
    publishedAt: new Date(row.publishedAt),
    lastPublishedAt: new Date(row.lastPublishedAt),
    retractedAt: row.retractedAt ? new Date(row.retractedAt) : null,
  }));

  // Every source the checks cite, with the copy kept of it.
  const cited = checks.flatMap((check) =>
    check.snapshot.sources.map((source) => ({ slug: check.slug, ...source })),
  );
  const kept = cited.length
    ? await rows<{ id: string; linkState: string | null; fetchedAt: string | null; sha256: string | null }>(
        db,
        sql`select s.id, s.link_state as "linkState", k.fetched_at as "fetchedAt", k.body_sha256 as sha256
        from sources s
        left join lateral (select fetched_at, body_sha256 from source_snapshots k
          where k.source_id = s.id and k.text_sha256 is not null order by k.fetched_at limit 1) k on true
        where s.id in (${sql.join(
          [...new Set(cited.map((source) => source.id))].map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      )
    : [];
  const sources: TPackSource[] = cited.map((source) => {
    const copy = kept.find((row) => row.id === source.id);
    return {
      slug: source.slug,
      id: source.id,
      title: source.title,
      url: source.url,
      stance: source.stance,
      linkState: copy?.linkState ?? null,
      archivedAt: copy?.fetchedAt ? new Date(copy.fetchedAt) : null,
      archivedSha256: copy?.sha256 ?? null,
      archivedUrl: copy?.fetchedAt ? new URL(`/sources/${source.id}/archived`, site.base).href : null,
    };
  });

  // Corrections and retractions made in the period, whenever the check was first published.
  const corrections = (
    await rows<{ slug: string; kind: "correction" | "retraction"; at: string; note: string | null }>(
      db,
      sql`select v.slug, 'correction' as kind, p.published_at as at, p.snapshot #>> '{revision,correctionNote}' as note
      from verdict_publications p join verdicts v on v.id = p.verdict_id
      where ${inPeriod(sql`p.published_at`)}
        and exists (select 1 from verdict_publications e where e.verdict_id = p.verdict_id and e.published_at < p.published_at)
      union all
      select v.slug, 'retraction', v.retracted_at, v.retraction_reason from verdicts v
      where v.retracted_at is not null and ${inPeriod(sql`v.retracted_at`)}
      order by at, slug`,
    )
  ).map((row) => ({ ...row, url: verdictPageUrl(site.base, row.slug), at: new Date(row.at) }));

  // Readers' requests in the period.
  const [tips] = await rows<{
    received: number;
    triaged: number;
    declined: number;
    onClaims: number;
    publishedFromTips: number;
    medianDaysToVerdict: number | null;
  }>(
    db,
    sql`select count(*)::int as received,
      (count(*) filter (where t.triaged_at is not null))::int as triaged,
      (count(*) filter (where t.declined_at is not null))::int as declined,
      (count(*) filter (where t.claim_id is not null and t.declined_at is null))::int as "onClaims",
      (count(*) filter (where v.published_at is not null and t.declined_at is null))::int as "publishedFromTips",
      round((percentile_cont(0.5) within group (order by extract(epoch from v.published_at - t.created_at))
        filter (where v.published_at is not null and t.declined_at is null) / 86400)::numeric, 1)::float8 as "medianDaysToVerdict"
    from tips t left join verdicts v on v.claim_id = t.claim_id and v.slug is not null
    where ${inPeriod(sql`t.created_at`)}`,
  );

  const policies = await Promise.all(
    policyPages.map(async (page: TPolicyPage) => ({
      page,
      current: site.settings[page],
      history: await policyHistory(db, page),
    })),
  );

  return { from, to, checks, sources, corrections, tips, policies };
}
export type TAssessmentPackData = Awaited<ReturnType<typeof assessmentPackData>>;

/** The job: gathers the period's data, writes the zip, and keeps it (or the reason it failed). */
export async function makeAssessmentPack(
  db: Db,
  packId: string,
  site: TSite,
  write: (data: TAssessmentPackData, site: TSite) => Uint8Array,
) {
  const [pack] = await db.select().from(assessmentPacks).where(eq(assessmentPacks.id, packId));
  if (!pack || pack.readyAt) return;
  const data = await assessmentPackData(db, { from: pack.periodFrom, to: pack.periodTo }, site);
  await db
    .update(assessmentPacks)
    .set({ zip: write(data, site), readyAt: sql`now()`, error: null })
    .where(eq(assessmentPacks.id, packId));
}
