import type { DbOrTx } from "@factdesk/db";
import { claimStatuses, type TClaimStatus } from "@factdesk/schema";
import { type SQL, sql } from "drizzle-orm";

// The newsroom's numbers, each one SQL aggregate; code here only pivots rows into series.

/** Both drivers (pg and PGlite) answer a raw query with `{ rows }`. */
async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Monday 00:00 UTC of each of the last `weeks` weeks, oldest first, as SQL. */
const weekStarts = (weeks: number) => sql`generate_series(
  date_trunc('week', now() at time zone 'UTC') - ${weeks - 1} * interval '1 week',
  date_trunc('week', now() at time zone 'UTC'),
  interval '1 week') as w(week_start)`;
const sinceFirstWeek = (weeks: number) =>
  sql`(date_trunc('week', now() at time zone 'UTC') - ${weeks - 1} * interval '1 week') at time zone 'UTC'`;
const weekOf = (column: SQL) => sql`to_char(date_trunc('week', ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;

type TStatusCounts = Record<TClaimStatus, number>;
const noStatuses = (): TStatusCounts =>
  Object.fromEntries(claimStatuses.map((status) => [status, 0])) as TStatusCounts;

/** Rows of (key, column, count) as one object per key with a count per column. */
export function pivot<K extends string>(
  rows: { key: string; column: string; count: number }[],
  keys: K[],
  empty: () => Record<string, number>,
) {
  const byKey = new Map<string, Record<string, number>>(keys.map((key) => [key, empty()]));
  for (const row of rows) {
    const entry = byKey.get(row.key) ?? empty();
    entry[row.column] = (entry[row.column] ?? 0) + row.count;
    byKey.set(row.key, entry);
  }
  return [...byKey].map(([key, counts]) => ({ key, ...counts }));
}

export async function dashboard(db: DbOrTx, { weeks = 12 } = {}) {
  const weekList = (
    await rows<{ week: string }>(
      db,
      sql`select to_char(week_start, 'YYYY-MM-DD') as week from ${weekStarts(weeks)}`,
    )
  ).map((row) => row.week);

  // Each claim's status at the end of each week, replayed from the audit log in one pass: every
  // claim's statuses as intervals (unverified from creation, then each status_changed event until
  // the next, or until archived); an interval adds 1 from the week it starts and takes it away
  // from the week it ends, and a running sum gives each week's counts. Only claims created,
  // re-statused or archived within the weeks are replayed: any other claim stood in every week
  // as it stands now, so those come from the running totals the queue's counts keep, less the
  // replayed ones (reading only the weeks' changes, the cost follows the desk's activity, not
  // its size: replaying every claim took 0.7 s at 100,000 claims).
  const since = sinceFirstWeek(weeks);
  const backlog = await rows<{ key: string; column: string; count: number }>(
    db,
    sql`with changed as (
        select c.id from claims c where c.created_at >= ${since}
        union select c.id from claims c where c.archived_at >= ${since}
        union select e.entity_id from events e
        where e.entity_type = 'claim' and e.action = 'status_changed' and e.created_at >= ${since}
      ), spans as (
        select c.id, c.created_at as since, 'unverified'::text as status, 0::bigint as seq
        from claims c where c.id in (select id from changed)
        union all
        select e.entity_id, e.created_at, e."to", e.id from events e
        where e.entity_type = 'claim' and e.action = 'status_changed' and e.entity_id in (select id from changed)
      ), intervals as (
        select s.status, s.since, least(lead(s.since) over (partition by s.id order by s.since, s.seq), c.archived_at) as until
        from spans s join claims c on c.id = s.id
      ), deltas as (
        select date_trunc('week', since at time zone 'UTC') as week, status, 1 as delta
        from intervals where until is null or until > since
        union all
        select date_trunc('week', until at time zone 'UTC'), status, -1
        from intervals where until > since
      ), by_week as (
        select week, status, sum(delta) as delta from deltas group by 1, 2
      ), unchanged as (
        select status::text, sum(n) as count from (
          select status, n from claim_count_deltas where not archived
          union all
          select status, -count(*) from claims where archived_at is null and id in (select id from changed)
          group by status
        ) totals group by status
      )
      select to_char(w.week_start, 'YYYY-MM-DD') as key, d.status as column, sum(d.delta)::int as count
      from ${weekStarts(weeks)}
      join by_week d on d.week <= w.week_start
      group by 1, 2
      union all
      select to_char(w.week_start, 'YYYY-MM-DD'), u.status, u.count::int
      from ${weekStarts(weeks)} cross join unchanged u`,
  );

  const timeToVerdict = await rows<{ week: string; medianDays: number; published: number }>(
    db,
    sql`select ${weekOf(sql`v.published_at`)} as week,
        round((percentile_cont(0.5) within group (
          order by extract(epoch from v.published_at - c.created_at)) / 86400)::numeric, 1)::float8 as "medianDays",
        count(*)::int as published
      from verdicts v join claims c on c.id = v.claim_id
      where v.published_at >= ${sinceFirstWeek(weeks)} and v.retracted_at is null
      group by 1 order by 1`,
  );

  // Published and still standing: a retracted verdict no longer counts.
  const byRating = await rows<{ key: string; column: string; colour: string; count: number }>(
    db,
    sql`select ${weekOf(sql`v.published_at`)} as key, coalesce(r.label, vr.rating, 'No rating') as column,
        coalesce(r.colour, '#8a94a3') as colour, count(*)::int as count
      from verdicts v
      join verdict_revisions vr on vr.id = v.published_revision_id
      left join ratings r on r.key = vr.rating
      where v.published_at >= ${sinceFirstWeek(weeks)} and v.retracted_at is null
      group by 1, 2, 3`,
  );
  const ratingLabels = [...new Set(byRating.map((row) => row.column))];
  const ratingColours = Object.fromEntries(byRating.map((row) => [row.column, row.colour]));

  // Open work: claims not archived and without a public verdict yet.
  const workload = await rows<{ key: string; column: string; count: number }>(
    db,
    sql`select u.name as key, c.status as column, count(*)::int as count
      from claims c join users u on u.id = c.assignee_id
      where c.archived_at is null
        and not exists (select 1 from verdicts v where v.claim_id = c.id and v.state in ('published', 'retracted'))
      group by 1, 2`,
  );

  const disputedByOutlet = await rows<{ outlet: string; disputed: number }>(
    db,
    sql`select a.outlet, count(*)::int as disputed
      from claims c join articles a on a.id = c.article_id
      where c.status = 'disputed' and c.archived_at is null and a.outlet is not null
      group by 1 order by 2 desc, 1 limit 10`,
  );

  // What assessors of the IFCN code ask: how many readers asked, how fast they had an answer,
  // and how much of the published work began with a reader.
  const readerTips = await rows<{
    week: string;
    tipsReceived: number;
    publishedFromTips: number;
    published: number;
    percentFromTips: number | null;
    medianDaysTipToVerdict: number | null;
  }>(
    db,
    sql`select week, "tipsReceived", "publishedFromTips", published,
        round(100.0 * "publishedFromTips" / nullif(published, 0))::int as "percentFromTips", "medianDaysTipToVerdict"
      from (select to_char(w.week_start, 'YYYY-MM-DD') as week,
        (select count(*)::int from tips t
          where date_trunc('week', t.created_at at time zone 'UTC') = w.week_start) as "tipsReceived",
        (select count(*)::int from verdicts v
          where date_trunc('week', v.published_at at time zone 'UTC') = w.week_start and v.retracted_at is null
            and exists (select 1 from tips t where t.claim_id = v.claim_id and t.declined_at is null)) as "publishedFromTips",
        (select count(*)::int from verdicts v
          where date_trunc('week', v.published_at at time zone 'UTC') = w.week_start and v.retracted_at is null) as published,
        (select round((percentile_cont(0.5) within group (
            order by extract(epoch from v.published_at - t.created_at)) / 86400)::numeric, 1)::float8
          from tips t join verdicts v on v.claim_id = t.claim_id
          where date_trunc('week', v.published_at at time zone 'UTC') = w.week_start
            and v.retracted_at is null and t.declined_at is null) as "medianDaysTipToVerdict"
      from ${weekStarts(weeks)}) per_week order by week`,
  );

  // Claims found false coming back: from articles and feeds, and from readers before triage.
  const alerts = await rows<{ week: string; fromArticles: number; fromTips: number }>(
    db,
    sql`select to_char(w.week_start, 'YYYY-MM-DD') as week,
        count(r.claim_id)::int as "fromArticles", count(r.tip_id)::int as "fromTips"
      from ${weekStarts(weeks)}
      left join recurrences r on date_trunc('week', r.created_at at time zone 'UTC') = w.week_start
      group by w.week_start order by w.week_start`,
  );

  return {
    weeks: weekList,
    readerTips,
    alerts,
    backlog: pivot(backlog, weekList, noStatuses).map(({ key, ...counts }) => ({ week: key, ...counts })),
    timeToVerdict,
    ratings: ratingLabels.map((label) => ({ label, colour: ratingColours[label] ?? "#8a94a3" })),
    publishedByRating: pivot(byRating, weekList, () =>
      Object.fromEntries(ratingLabels.map((label) => [label, 0])),
    ).map(({ key, ...counts }) => ({ week: key, ...counts })),
    workload: pivot(workload, [...new Set(workload.map((row) => row.key))].sort(), noStatuses).map(
      ({ key, ...counts }) => ({ name: key, ...counts }),
    ),
    disputedByOutlet,
  };
}
