import { type DbOrTx, verdictPublications, verdicts } from "@factdesk/db";
import type {
  TApiCorrectionsQuery,
  TApiFactCheck,
  TApiFactCheckQuery,
  TClaimsSearchAnswer,
  TClaimsSearchQuery,
  TVerdictSnapshot,
} from "@factdesk/schema";
import { and, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { verdictPageUrl } from "../../domain/publishing";
import { deskSearch } from "../../domain/search";
import type { TSite } from "../../domain/settings";

// The published fact-checks as the public API gives them: read from the publications' frozen
// snapshots like the pages, paged by an opaque cursor (the last item's time and id), so a page
// costs the same however deep a client reads.

const DAY = 86_400_000;
const validDate = (value: string | null | undefined) => Boolean(value && !Number.isNaN(Date.parse(value)));

/** The cursor of a page: where the next one starts, opaque to clients. */
const cursorOf = (at: Date, id: string) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
function afterCursor(
  cursor: string | undefined,
  at: SQL | typeof verdicts.publishedAt,
  id: SQL | typeof verdicts.id,
) {
  if (!cursor) return undefined;
  try {
    const [time, key] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (Number.isNaN(Date.parse(time)) || typeof key !== "string") throw new Error();
    return sql`(${at}, ${id}::text) < (${new Date(time)}::timestamptz, ${key})`;
  } catch {
    throw new ApiError(400, "BAD_REQUEST", "That cursor is not one this API gave.");
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const currentPublication = and(
  eq(verdictPublications.verdictId, verdicts.id),
  eq(verdictPublications.revisionId, verdicts.publishedRevisionId),
);
/** What an API entry is made of: the verdict and the publication readers see. */
const factCheckColumns = {
  id: verdicts.id,
  slug: verdicts.slug,
  publishedAt: verdicts.publishedAt,
  retractedAt: verdicts.retractedAt,
  retractionReason: verdicts.retractionReason,
  modifiedAt: verdictPublications.publishedAt,
  snapshot: verdictPublications.snapshot,
};
const snapshotText = (path: string) => sql<string | null>`${verdictPublications.snapshot} #>> ${`{${path}}`}`;

/** Published fact-checks, newest first, filtered; retracted ones are listed and say so. */
export async function listFactChecks(
  db: DbOrTx,
  site: TSite,
  query: TApiFactCheckQuery & { withoutRetracted?: boolean },
) {
  const search = await deskSearch(db, query.q);
  const filters: (SQL | undefined)[] = [
    isNotNull(verdicts.publishedRevisionId),
    query.withoutRetracted ? isNull(verdicts.retractedAt) : undefined,
    search ? sql`${verdictPublications.search} @@ ${search}` : undefined,
    query.rating ? sql`${snapshotText("rating,key")} = ${query.rating}` : undefined,
    // Snapshots from before claims had a language are English.
    query.language
      ? sql`split_part(coalesce(${snapshotText("claim,language")}, 'en'), '-', 1) = ${query.language.split("-")[0]}`
      : undefined,
    query.claimant ? sql`lower(${snapshotText("claim,claimant")}) = lower(${query.claimant})` : undefined,
    query.from ? sql`${verdicts.publishedAt} >= ${new Date(`${query.from}T00:00:00Z`)}` : undefined,
    query.to
      ? sql`${verdicts.publishedAt} < ${new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY)}`
      : undefined,
    afterCursor(query.cursor, verdicts.publishedAt, verdicts.id),
  ];
  const rows = await db
    .select(factCheckColumns)
    .from(verdicts)
    .innerJoin(verdictPublications, currentPublication)
    .where(and(...filters))
    .orderBy(desc(verdicts.publishedAt), desc(sql`${verdicts.id}::text`))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const corrections = await correctionsOf(
    db,
    page.map((row) => row.id),
  );
  const items = page.map((row) => factCheckOf(site, row, corrections.get(row.id) ?? []));
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last?.publishedAt ? cursorOf(last.publishedAt, last.id) : null,
  };
}

/** One published fact-check by its slug (current or former), or null. */
export async function factCheckBySlug(db: DbOrTx, site: TSite, slug: string) {
  const [row] = await db
    .select(factCheckColumns)
    .from(verdicts)
    .innerJoin(verdictPublications, currentPublication)
    .where(eq(verdicts.slug, slug));
  if (!row) return null;
  return factCheckOf(site, row, (await correctionsOf(db, [row.id])).get(row.id) ?? []);
}

type TCorrection = TApiFactCheck["corrections"][number];

/** Each verdict's publications after its first (corrections), oldest first. */
async function correctionsOf(db: DbOrTx, verdictIds: string[]) {
  const byVerdict = new Map<string, TCorrection[]>();
  if (verdictIds.length === 0) return byVerdict;
  const rows = await db
    .select({
      verdictId: verdictPublications.verdictId,
      at: verdictPublications.publishedAt,
      note: snapshotText("revision,correctionNote"),
    })
    .from(verdictPublications)
    .where(inArray(verdictPublications.verdictId, verdictIds))
    .orderBy(verdictPublications.publishedAt);
  const seen = new Set<string>();
  for (const row of rows) {
    if (!seen.has(row.verdictId)) {
      seen.add(row.verdictId); // the first publication is not a correction
      continue;
    }
    const list = byVerdict.get(row.verdictId) ?? [];
    list.push({ kind: "correction", at: row.at.toISOString(), note: row.note });
    byVerdict.set(row.verdictId, list);
  }
  return byVerdict;
}

function factCheckOf(
  site: TSite,
  row: {
    slug: string | null;
    publishedAt: Date | null;
    retractedAt: Date | null;
    retractionReason: string | null;
    modifiedAt: Date;
    snapshot: TVerdictSnapshot;
  },
  corrections: TCorrection[],
): TApiFactCheck {
  const { snapshot } = row;
  const slug = row.slug ?? "";
  const retraction: TCorrection[] = row.retractedAt
    ? [{ kind: "retraction", at: row.retractedAt.toISOString(), note: row.retractionReason }]
    : [];
  const modified = Math.max(row.modifiedAt.getTime(), row.retractedAt?.getTime() ?? 0);
  return {
    slug,
    url: verdictPageUrl(site.base, slug),
    headline: snapshot.revision.headline ?? snapshot.claim.text,
    summary: snapshot.revision.summary,
    rating: snapshot.rating && {
      key: snapshot.rating.key,
      label: snapshot.rating.label,
      ordinal: snapshot.rating.ordinal,
      best: snapshot.rating.best,
    },
    claim: {
      text: snapshot.claim.text,
      claimant: snapshot.claim.claimant,
      statedOn: snapshot.claim.statedOn,
      appearance: snapshot.appearance
        ? {
            url: snapshot.appearance.url,
            title: snapshot.appearance.title,
            outlet: snapshot.appearance.outlet,
            publishedAt: snapshot.appearance.publishedAt,
          }
        : null,
    },
    language: snapshot.claim.language,
    publishedAt: (row.publishedAt ?? row.modifiedAt).toISOString(),
    modifiedAt: new Date(modified).toISOString(),
    retracted: row.retractedAt !== null,
    corrections: [...corrections, ...retraction],
  };
}

/** Every correction and retraction of the desk, newest first. */
export async function listCorrections(db: DbOrTx, site: TSite, query: TApiCorrectionsQuery) {
  const headline = sql<string>`coalesce(cur.snapshot #>> '{revision,headline}', cur.snapshot #>> '{claim,text}')`;
  const events = sql`(
    select 'correction' as kind, vp.published_at as at, vp.id::text as key, v.slug,
           vp.snapshot #>> '{revision,correctionNote}' as note, ${headline} as headline
    from ${verdictPublications} vp
    join ${verdicts} v on v.id = vp.verdict_id
    join ${verdictPublications} cur on cur.verdict_id = v.id and cur.revision_id = v.published_revision_id
    where vp.published_at > (select min(f.published_at) from ${verdictPublications} f where f.verdict_id = vp.verdict_id)
    union all
    select 'retraction', v.retracted_at, v.id::text, v.slug, v.retraction_reason, ${headline}
    from ${verdicts} v
    join ${verdictPublications} cur on cur.verdict_id = v.id and cur.revision_id = v.published_revision_id
    where v.retracted_at is not null
  ) e`;
  const after = afterCursor(query.cursor, sql`e.at`, sql`e.key`);
  const result = (await db.execute(sql`
    select kind, at, key, slug, note, headline from ${events}
    ${after ? sql`where ${after}` : sql``}
    order by at desc, key desc limit ${query.limit + 1}`)) as unknown as {
    rows: {
      kind: "correction" | "retraction";
      at: string | Date;
      key: string;
      slug: string;
      note: string | null;
      headline: string;
    }[];
  };
  const page = result.rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      kind: row.kind,
      at: new Date(row.at).toISOString(),
      note: row.note,
      slug: row.slug,
      url: verdictPageUrl(site.base, row.slug),
      headline: row.headline,
    })),
    nextCursor: result.rows.length > query.limit && last ? cursorOf(new Date(last.at), last.key) : null,
  };
}

/**
 * Google Fact Check Tools' `claims:search` over this desk's archive: tools written for that
 * API work against the desk's own fact-checks (retracted ones are left out, as there).
 */
export async function claimsSearch(
  db: DbOrTx,
  site: TSite,
  query: TClaimsSearchQuery,
): Promise<TClaimsSearchAnswer> {
  const host = site.base.hostname;
  const filter = query.reviewPublisherSiteFilter
    ?.replace(/^https?:\/\//, "")
    .replace(/\/.*$/, "")
    .toLowerCase();
  if (filter && filter !== host && !host.endsWith(`.${filter}`)) return { claims: [] };
  const from = query.maxAgeDays
    ? new Date(Date.now() - query.maxAgeDays * DAY).toISOString().slice(0, 10)
    : undefined;
  const found = await listFactChecks(db, site, {
    q: query.query,
    language: query.languageCode,
    from,
    cursor: query.pageToken,
    limit: query.pageSize,
    withoutRetracted: true,
  });
  const publisher = { name: site.settings.organisationName ?? host, site: host };
  return {
    claims: found.items.map((item) => ({
      text: item.claim.text,
      ...(item.claim.claimant ? { claimant: item.claim.claimant } : {}),
      ...(validDate(item.claim.appearance?.publishedAt)
        ? { claimDate: new Date(item.claim.appearance?.publishedAt ?? "").toISOString() }
        : {}),
      claimReview: [
        {
          publisher,
          url: item.url,
          title: item.headline,
          reviewDate: item.publishedAt,
          textualRating: item.rating?.label ?? "Unrated",
          languageCode: item.language,
        },
      ],
    })),
    ...(found.nextCursor ? { nextPageToken: found.nextCursor } : {}),
  };
}
