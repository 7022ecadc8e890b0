import {
  articles,
  claimCountDeltas,
  claimFactChecks,
  claimLinks,
  claims,
  type DbOrTx,
  recurrences,
  tips,
  users,
  verdicts,
} from "@factdesk/db";
import {
  claimStatuses,
  DomainError,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type TActor,
  type TClaimPriority,
  type TClaimSort,
  type TClaimStatus,
  type TQueueFlag,
  type TVerdictState,
  ZClaimListInput,
  ZQueueFilter,
} from "@factdesk/schema";
import { and, asc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { presentColumn, type TPresent } from "./presence";
import { deskSearch } from "./search";

type TFilter = z.output<typeof ZQueueFilter>;

// ── Conditions ───────────────────────────────────────────────────────────────────────────

/**
 * Claims touched by a live link of these kinds, as two selects of ids (each side of a link
 * has its own index); `other` may ask something of the claim at the link's other end.
 */
const linkedClaimIds = (kinds: SQL, other: (id: SQL) => SQL = () => sql`true`) => [
  sql`select l.claim_a_id from ${claimLinks} l where l.kind in ${kinds} and l.state <> 'rejected' and ${other(sql`l.claim_b_id`)}`,
  sql`select l.claim_b_id from ${claimLinks} l where l.kind in ${kinds} and l.state <> 'rejected' and ${other(sql`l.claim_a_id`)}`,
];

/**
 * The claim is among these selects' ids. Read from their own tables, a condition few claims
 * meet costs its matches: tested claim by claim instead (EXISTS per row), a page walked the
 * queue until it had found enough, and a count tested every claim (0.5 s at 100,000 claims).
 */
const claimIn = (...selects: SQL[]) => sql`${claims.id} in (${sql.join(selects, sql` union all `)})`;

const publishedVerdict = (claimId: SQL) =>
  sql`exists (select 1 from ${verdicts} v where v.claim_id = ${claimId} and v.state = 'published')`;

/** The claim restates a past fact-check of the archive (kept by a job, see recordArchiveMatches). */
const archiveMatched = sql`exists (select 1 from ${claimFactChecks} f where f.claim_id = ${claims.id})`;

/** Readers who asked about the claim (tips attached and not declined), by the tips' claim index. */
const readersAsking = sql`(select count(*)::int from ${tips} t where t.claim_id = ${claims.id} and t.declined_at is null)`;

/** The queue's flags as filters; each row shows the same (rowFlags). */
const flagConditions: Record<TQueueFlag, SQL> = {
  contradiction: claimIn(...linkedClaimIds(sql`('contradiction')`)),
  duplicate: claimIn(...linkedClaimIds(sql`('duplicate')`)),
  // A restatement of a claim whose verdict is public, or of a past fact-check in the archive.
  fact_checked: claimIn(
    ...linkedClaimIds(sql`('duplicate', 'related')`, publishedVerdict),
    sql`select f.claim_id from ${claimFactChecks} f`,
  ),
  recurring: claimIn(sql`select r.claim_id from ${recurrences} r`),
  asked_by_readers: claimIn(sql`select t.claim_id from ${tips} t where t.declined_at is null`),
};

/**
 * The claim's verdict is in one of these states ("none": it has none yet). With "none", as the
 * claims with no verdict outside the states: one anti-join, not an OR tested claim by claim.
 */
function verdictIn(states: readonly (TVerdictState | "none")[]) {
  const some = states.filter((state) => state !== "none");
  if (!states.includes("none"))
    return claimIn(sql`select v.claim_id from ${verdicts} v where v.state in ${some}`);
  return sql`not exists (select 1 from ${verdicts} v where v.claim_id = ${claims.id}${
    some.length ? sql` and v.state not in ${some}` : sql``
  })`;
}

const utcDay = (day: string) => sql`(${day}::date)::timestamp at time zone 'UTC'`;

/**
 * Everything the filter asks, except the status (the counts are per status). Each condition
 * stands alone (subqueries, no joins), so counting and bulk selection read `claims` only.
 */
function filterConditions(actor: TActor, filter: TFilter, search: SQL | undefined): (SQL | undefined)[] {
  const assignee = filter.assignee === "me" ? actor.id : filter.assignee;
  return [
    filter.archived === "exclude"
      ? isNull(claims.archivedAt)
      : filter.archived === "only"
        ? isNotNull(claims.archivedAt)
        : undefined,
    assignee === "unassigned"
      ? isNull(claims.assigneeId)
      : assignee
        ? eq(claims.assigneeId, assignee)
        : undefined,
    filter.priority?.length ? inArray(claims.priority, filter.priority) : undefined,
    filter.scoreMin !== undefined ? sql`${claims.score} >= ${filter.scoreMin}` : undefined,
    filter.scoreMax !== undefined ? sql`${claims.score} <= ${filter.scoreMax}` : undefined,
    filter.articleId ? eq(claims.articleId, filter.articleId) : undefined,
    filter.outlet
      ? sql`${claims.articleId} in (select a.id from ${articles} a where lower(a.outlet) = lower(${filter.outlet}))`
      : undefined,
    ...(filter.flags ?? []).map((flag) => flagConditions[flag]),
    filter.verdict?.length ? verdictIn(filter.verdict) : undefined,
    filter.createdFrom ? sql`${claims.createdAt} >= ${utcDay(filter.createdFrom)}` : undefined,
    filter.createdTo ? sql`${claims.createdAt} < ${utcDay(filter.createdTo)} + interval '1 day'` : undefined,
    search ? sql`${claims.search} @@ ${search}` : undefined,
  ];
}

const statusCondition = (filter: TFilter) =>
  filter.status?.length ? inArray(claims.status, filter.status) : undefined;

// ── Sort keys and cursors ────────────────────────────────────────────────────────────────

/**
 * Each sort is one direction over a unique key, so a page boundary is a single row
 * comparison the index answers (mixed directions would need an OR or a UNION per column).
 * `nullsFirst`: where the index serving a descending sort keeps nulls (see sortOrder).
 */
const sortKeys: Record<
  TClaimSort,
  { direction: "asc" | "desc"; nullsFirst?: true; columns: [PgColumn | SQL, string][] }
> = {
  priority: {
    direction: "desc",
    columns: [
      [claims.priority, "claim_priority"],
      [claims.score, "float8"],
      [claims.seq, "int8"],
    ],
  },
  score: {
    direction: "desc",
    columns: [
      [claims.score, "float8"],
      [claims.seq, "int8"],
    ],
  },
  // seq's unique index, read backwards.
  newest: { direction: "desc", nullsFirst: true, columns: [[claims.seq, "int8"]] },
  oldest: { direction: "asc", columns: [[claims.seq, "int8"]] },
  activity: {
    direction: "desc",
    columns: [
      [claims.updatedAt, "timestamptz"],
      [claims.seq, "int8"],
    ],
  },
};

/** The last row's sort key, as text so timestamps keep their microseconds. */
const ZCursor = z.array(z.string().max(64)).min(1).max(3);

const encodeCursor = (key: string[]) => Buffer.from(JSON.stringify(key)).toString("base64url");

function decodeCursor(cursor: string, sort: TClaimSort): string[] {
  try {
    const key = ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (key.length === sortKeys[sort].columns.length) return key;
  } catch {}
  throw new DomainError("BAD_REQUEST", "The page cursor is not valid; reload the queue.");
}

function afterCursor(sort: TClaimSort, key: string[]) {
  const { direction, columns } = sortKeys[sort];
  const left = sql.join(
    columns.map(([column]) => column),
    sql`, `,
  );
  const right = sql.join(
    columns.map(([, type], i) => sql`${key[i]}::${sql.raw(type)}`),
    sql`, `,
  );
  return direction === "desc" ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

// ── Listing ──────────────────────────────────────────────────────────────────────────────

const highlightOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;

/**
 * The flags of one row, from its live links looked up by each side's index: one subquery
 * per row that the planner cannot turn into a scan of every link (as EXISTS in a select list
 * may become at scale). The same conditions as flagConditions, which filter.
 */
const rowFlags = sql<{ contradiction: boolean; duplicate: boolean; factChecked: boolean }>`(
  select json_build_object(
    'contradiction', coalesce(bool_or(l.kind = 'contradiction'), false),
    'duplicate', coalesce(bool_or(l.kind = 'duplicate'), false),
    'factChecked', coalesce(bool_or(l.kind in ('duplicate', 'related') and ${publishedVerdict(sql`l.other`)}), false)
      or ${archiveMatched})
  from (
    select kind, claim_b_id as other from ${claimLinks} where claim_a_id = ${claims.id} and state <> 'rejected'
    union all
    select kind, claim_a_id from ${claimLinks} where claim_b_id = ${claims.id} and state <> 'rejected'
  ) l)`;

/** A timestamp as JSON would carry a JavaScript Date: UTC, milliseconds, "Z". */
const isoTime = (column: PgColumn) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One queue row, as the page's JSON carries it. */
export interface TQueueRow {
  id: string;
  text: string;
  /** The text with search hits between HIGHLIGHT_START and HIGHLIGHT_END, when searching. */
  highlighted: string | null;
  status: TClaimStatus;
  priority: TClaimPriority;
  score: number;
  claimant: string | null;
  version: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  article: { id: string; title: string; outlet: string | null; url: string | null } | null;
  assignee: { id: string; name: string } | null;
  verdictState: TVerdictState | null;
  flags: { contradiction: boolean; duplicate: boolean; factChecked: boolean };
  /** How many readers asked about it (their tips are attached): a priority signal. */
  readers: number;
  /** It repeats something already found false or misleading (see recurrences.ts). */
  recurring: boolean;
  present: TPresent[];
}

/**
 * The page's rows built as JSON by Postgres in one value: the server then neither parses nor
 * maps a cell, which was most of a page's cost. The last row also carries its sort key (every
 * sort's columns as text, so timestamps keep their microseconds) for the next cursor.
 */
const pageJson = (actor: TActor, search: SQL | undefined, order: SQL) => sql`json_build_object(
  'id', ${claims.id},
  'text', ${claims.text},
  'highlighted', ${search ? sql`ts_headline(text_search_config(${claims.language}), ${claims.text}, ${search}, ${highlightOptions})` : sql`null`},
  'status', ${claims.status},
  'priority', ${claims.priority},
  'score', ${claims.score},
  'claimant', ${claims.claimant},
  'version', ${claims.version},
  'archivedAt', ${isoTime(claims.archivedAt)},
  'createdAt', ${isoTime(claims.createdAt)},
  'updatedAt', ${isoTime(claims.updatedAt)},
  'article', case when ${articles.id} is null then null else json_build_object(
    'id', ${articles.id}, 'title', ${articles.title}, 'outlet', ${articles.outlet}, 'url', ${articles.url}) end,
  'assignee', case when ${users.id} is null then null else json_build_object('id', ${users.id}, 'name', ${users.name}) end,
  'verdictState', ${verdicts.state},
  'flags', ${rowFlags},
  'readers', ${readersAsking},
  'recurring', exists (select 1 from ${recurrences} r where r.claim_id = ${claims.id}),
  'present', ${presentColumn(actor)},
  'sortKey', array[${sql.join(
    [claims.priority, claims.score, claims.seq, claims.updatedAt].map((c) => sql`${c}::text`),
    sql`, `,
  )}]
) order by ${order}`;

const sortKeyIndexes: Record<TClaimSort, number[]> = {
  priority: [0, 1, 2],
  score: [1, 2],
  newest: [2],
  oldest: [2],
  activity: [3, 2],
};

/**
 * The sort's order exactly as its index reads it: Postgres uses an index only for its exact
 * order, nulls included (these columns hold none). The queue, score and activity indexes are
 * built "desc nulls last"; newest reads seq's unique index backwards, "desc nulls first" (asked
 * "nulls last", no index served it and every page sorted the whole table: 87 ms at 100,000).
 */
function sortOrder(sort: TClaimSort) {
  const { direction, nullsFirst, columns } = sortKeys[sort];
  const way = direction === "asc" ? sql`asc` : nullsFirst ? sql`desc nulls first` : sql`desc nulls last`;
  return sql.join(
    columns.map(([column]) => sql`${column} ${way}`),
    sql`, `,
  );
}

/**
 * The ids of a page and one more (to know there is a next), from `claims` alone, so the sort
 * key's index answers and stops after one page; joins and flags are then computed for those
 * rows only. The limit is written into the text (a validated integer): with it as a parameter
 * Postgres's generic plan expects a tenth of the table and sorts it, so every request would
 * be planned afresh.
 */
export function pageIdsQuery(
  actor: TActor,
  { filter, sort, cursor, limit }: z.output<typeof ZClaimListInput>,
  search: SQL | undefined,
) {
  return sql`select ${claims.id} from ${claims}
    where ${
      and(
        ...filterConditions(actor, filter, search),
        statusCondition(filter),
        cursor ? afterCursor(sort, decodeCursor(cursor, sort)) : undefined,
      ) ?? sql`true`
    }
    order by ${sortOrder(sort)} limit ${sql.raw(String(limit + 1))}`;
}

/** One page of the queue, in the chosen order, and the cursor of the next. */
export async function listClaims(db: DbOrTx, actor: TActor, rawInput: z.input<typeof ZClaimListInput>) {
  const input = ZClaimListInput.parse(rawInput);
  const { sort, limit } = input;
  const search = await deskSearch(db, input.filter.q);
  const result = await db.execute(sql`
    select coalesce(json_agg(${pageJson(actor, search, sortOrder(sort))}), '[]') as rows
    from ${claims}
    left join ${articles} on ${articles.id} = ${claims.articleId}
    left join ${verdicts} on ${verdicts.claimId} = ${claims.id}
    left join ${users} on ${users.id} = ${claims.assigneeId}
    where ${claims.id} in (${pageIdsQuery(actor, input, search)})`);
  type TPage = { rows: [{ rows: (TQueueRow & { sortKey: string[] })[] }] };
  const { rows } = (result as unknown as TPage).rows[0];

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey: _key, ...row }): TQueueRow => row),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(sortKeyIndexes[sort].map((i) => last.sortKey[i] ?? ""))
        : null,
  };
}

/** Whether a filter narrows by nothing but archiving (and status, which counts ignore). */
const onlyArchiving = ({ archived: _archived, status: _status, ...rest }: TFilter) =>
  Object.values(rest).every((value) => value === undefined);

/**
 * How many claims the filter matches in each status (ignoring its own status choice). The
 * whole queue's counts come from the running totals the database keeps (claim_count_deltas),
 * so they cost the same at any size; a narrower filter counts its matches through the indexes.
 */
export async function countClaimsByStatus(db: DbOrTx, actor: TActor, rawFilter: unknown) {
  const filter = ZQueueFilter.parse(rawFilter ?? {});
  const rows = onlyArchiving(filter)
    ? await db
        .select({ status: claimCountDeltas.status, count: sql<number>`sum(${claimCountDeltas.n})::int` })
        .from(claimCountDeltas)
        .where(
          filter.archived === "include"
            ? undefined
            : eq(claimCountDeltas.archived, filter.archived === "only"),
        )
        .groupBy(claimCountDeltas.status)
    : await db
        .select({ status: claims.status, count: sql<number>`count(*)::int` })
        .from(claims)
        .where(and(...filterConditions(actor, filter, await deskSearch(db, filter.q))))
        .groupBy(claims.status);
  const counts = Object.fromEntries(claimStatuses.map((status) => [status, 0])) as Record<
    TClaimStatus,
    number
  >;
  for (const row of rows) counts[row.status] = row.count;
  const chosen: readonly TClaimStatus[] = filter.status?.length ? filter.status : claimStatuses;
  return { byStatus: counts, total: chosen.reduce((sum, status) => sum + counts[status], 0) };
}

/** Folds the running counts' deltas into one row per status and archiving (a scheduled job). */
export async function compactClaimCounts(db: DbOrTx) {
  await db.execute(sql`select compact_claim_counts()`);
}

/** The ids of every claim the filter matches, oldest first, refusing more than `max`. */
export async function matchingClaimIds(db: DbOrTx, actor: TActor, rawFilter: unknown, max: number) {
  const filter = ZQueueFilter.parse(rawFilter ?? {});
  const rows = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(...filterConditions(actor, filter, await deskSearch(db, filter.q)), statusCondition(filter)))
    .orderBy(asc(claims.seq))
    .limit(max + 1);
  if (rows.length > max)
    throw new DomainError(
      "BAD_REQUEST",
      `That filter matches more than ${max.toLocaleString("en")} claims; narrow it down and try again.`,
    );
  return rows.map((row) => row.id);
}
