import { type Db, type DbOrTx, feedItems, feeds } from "@factdesk/db";
import { DomainError, isDomainError, type TActor } from "@factdesk/schema";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { fetchAddress, type TFetchRules } from "../fetcher";
import type { TJobQueue } from "../jobs/queue";
import { ingestArticle } from "./articles";
import { recordEvents } from "./audit";
import { feedEntries } from "./feed-entries";
import { fetchArticle } from "./fetch-article";

/** A failing feed waits longer after each failure, up to a day; it is never dropped. */
const MAX_BACKOFF_MINUTES = 24 * 60;
/** Feeds polled per run of the every-minute job. */
const FEEDS_PER_RUN = 20;

export const backoffMinutes = (intervalMinutes: number, failures: number) =>
  Math.min(intervalMinutes * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MINUTES);

export async function addFeed(
  db: DbOrTx,
  actor: TActor,
  input: { url: string; title?: string | null; intervalMinutes?: number },
) {
  return db.transaction(async (tx) => {
    const [feed] = await tx
      .insert(feeds)
      .values({
        url: input.url,
        title: input.title ?? null,
        intervalMinutes: input.intervalMinutes ?? 30,
        createdBy: actor.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!feed) throw new DomainError("CONFLICT", "That feed is already watched.");
    await recordEvents(tx, [
      {
        actorId: actor.id,
        entityType: "feed",
        entityId: feed.id,
        action: "feed_added",
        data: { url: feed.url },
      },
    ]);
    return feed;
  });
}

export async function removeFeed(db: DbOrTx, actor: TActor, id: string) {
  return db.transaction(async (tx) => {
    const [feed] = await tx.delete(feeds).where(eq(feeds.id, id)).returning();
    if (!feed) throw new DomainError("NOT_FOUND", "That feed does not exist.");
    await recordEvents(tx, [
      {
        actorId: actor.id,
        entityType: "feed",
        entityId: id,
        action: "feed_removed",
        data: { url: feed.url },
      },
    ]);
  });
}

/** The watched feeds with how they are doing: failing ones first, then by address. */
export async function listFeeds(db: DbOrTx) {
  const rows = await db
    .select({
      id: feeds.id,
      url: feeds.url,
      title: feeds.title,
      intervalMinutes: feeds.intervalMinutes,
      active: feeds.active,
      lastPolledAt: feeds.lastPolledAt,
      lastSuccessAt: feeds.lastSuccessAt,
      nextPollAt: feeds.nextPollAt,
      failures: feeds.failures,
      lastError: feeds.lastError,
      // Qualified by hand: drizzle leaves a one-table select's columns bare, which the subquery would read as its own.
      items: sql<number>`(select count(*)::int from ${feedItems} i where i.feed_id = "feeds"."id")`,
      ingested: sql<number>`(select count(*)::int from ${feedItems} i where i.feed_id = "feeds"."id" and i.article_id is not null)`,
    })
    .from(feeds)
    .orderBy(desc(sql`${feeds.failures} > 0`), asc(feeds.url));
  return rows.map((row) => ({ ...row, failing: row.failures > 0 }));
}

function readEntries(body: string, type: string, url: string) {
  try {
    return feedEntries(body, type, url);
  } catch {
    throw new DomainError("BAD_REQUEST", "The answer is not an RSS, Atom or JSON feed, nor a sitemap.");
  }
}

/**
 * Polls one feed: a conditional request (an unchanged feed answers 304 and costs nothing),
 * then each item not seen before is claimed (the unique key: exactly once, whichever worker
 * gets there first), fetched through the ingest fetcher and ingested with the claim threshold;
 * ingest's content hash drops an article already taken from elsewhere.
 */
async function pollFeed(
  db: Db,
  jobs: TJobQueue,
  feed: typeof feeds.$inferSelect,
  { rules, threshold }: { rules: TFetchRules; threshold?: number | undefined },
) {
  try {
    const response = await fetchAddress(
      feed.url,
      {
        headers: {
          accept:
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5",
          ...(feed.etag ? { "if-none-match": feed.etag } : {}),
          ...(feed.lastModified ? { "if-modified-since": feed.lastModified } : {}),
        },
      },
      rules,
    );
    if (response.status !== 304 && response.status !== 200)
      throw new DomainError("BAD_REQUEST", `The feed answered ${response.status}.`);
    let ingested = 0;
    if (response.status === 200) {
      for (const entry of readEntries(response.body, response.type, response.url)) {
        const [claimed] = await db
          .insert(feedItems)
          .values({ feedId: feed.id, itemKey: entry.key, url: entry.url, title: entry.title })
          .onConflictDoNothing()
          .returning({ id: feedItems.id });
        if (!claimed) continue;
        try {
          const article = await fetchArticle(entry.url, rules);
          const result = await ingestArticle(
            db,
            jobs,
            {
              title: entry.title || article.title,
              body: article.text,
              url: article.url,
              outlet: article.outlet,
              author: article.author,
              publishedAt: article.publishedAt,
            },
            null,
            { threshold },
          );
          if (result.created) ingested++;
          await db
            .update(feedItems)
            .set({ articleId: result.article.id })
            .where(eq(feedItems.id, claimed.id));
        } catch (error) {
          // One unreadable article is noted on its item; the rest of the feed goes on.
          if (!isDomainError(error)) throw error;
          await db.update(feedItems).set({ error: error.message }).where(eq(feedItems.id, claimed.id));
        }
      }
    }
    await db
      .update(feeds)
      .set({
        etag: response.status === 200 ? (response.etag ?? null) : feed.etag,
        lastModified: response.status === 200 ? (response.lastModified ?? null) : feed.lastModified,
        failures: 0,
        lastError: null,
        lastSuccessAt: sql`now()`,
        nextPollAt: sql`now() + ${`${feed.intervalMinutes} minutes`}::interval`,
      })
      .where(eq(feeds.id, feed.id));
    return { feedId: feed.id, ok: true as const, ingested };
  } catch (error) {
    // What the feed did wrong is recorded on it; anything else (the database) is the job's failure.
    if (!isDomainError(error)) throw error;
    const message = error.message;
    const failures = feed.failures + 1;
    await db
      .update(feeds)
      .set({
        failures,
        lastError: message,
        nextPollAt: sql`now() + ${`${backoffMinutes(feed.intervalMinutes, failures)} minutes`}::interval`,
      })
      .where(eq(feeds.id, feed.id));
    return { feedId: feed.id, ok: false as const, error: message };
  }
}

/**
 * The every-minute job: claims the feeds that are due (moving their next poll on in the same
 * statement, so two workers never poll one feed at once) and polls each.
 */
export async function pollDueFeeds(
  db: Db,
  jobs: TJobQueue,
  options: { rules: TFetchRules; threshold?: number | undefined },
) {
  const due = await db
    .update(feeds)
    .set({
      lastPolledAt: sql`now()`,
      nextPollAt: sql`now() + ${feeds.intervalMinutes} * interval '1 minute'`,
    })
    .where(
      sql`${feeds.id} in (select id from ${feeds} where ${and(eq(feeds.active, true), lte(feeds.nextPollAt, sql`now()`))}
        order by next_poll_at limit ${FEEDS_PER_RUN} for update skip locked)`,
    )
    .returning();
  const results = [];
  for (const feed of due) results.push(await pollFeed(db, jobs, feed, options));
  return results;
}
