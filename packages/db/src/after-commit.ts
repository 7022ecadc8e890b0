import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "./client";

/**
 * NOTIFY sent after the transaction that caused it has committed. Inside a transaction, a
 * NOTIFY makes Postgres take one cluster-wide lock at commit and hold it through the WAL
 * flush, so every notifying commit waits for the one before it to reach the disk: audited
 * writes ran one fsync at a time. Sent afterwards, the writes commit side by side and the
 * notices follow, batched, on their own tiny transactions (which need not wait for the
 * disk: a notice is lost in a crash anyway).
 *
 * A notice is at most once: if the process dies between the commit and the notice, the other
 * instances hear nothing. Everything that listens bounds that already (sessions and public
 * pages are trusted for seconds, clients refetch on reconnect).
 */

type TNotice = { channel: string; payload: string };

/** The notices of the transaction running in this async context, if it is tracked. */
const pendingNotices = new AsyncLocalStorage<TNotice[]>();

/**
 * Makes `db.transaction` collect the notices its callback raises and send them once it has
 * committed (none if it rolls back). Savepoints (`tx.transaction`) belong to their outermost
 * transaction; a notice raised in one that rolled back is still sent, which only makes a
 * listener look again.
 */
export function sendNoticesAfterCommit<TDb extends Db>(db: TDb): TDb {
  const plain: Db = db;
  const transaction = plain.transaction.bind(plain);
  const notifier = batchedNotifier(plain);
  plain.transaction = async (callback, config) => {
    const notices: TNotice[] = [];
    const result = await pendingNotices.run(notices, () => transaction(callback, config));
    // Waited for, so that whoever changed something has been announced when they hear back.
    if (notices.length) await notifier(notices);
    return result;
  };
  return db;
}

/** NOTIFY when `tx` commits: after it when it is a tracked transaction, else within it. */
export async function notifyOnCommit(tx: DbOrTx, channel: string, payload: string): Promise<void> {
  const pending = pendingNotices.getStore();
  if (pending) pending.push({ channel, payload });
  else await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/**
 * One NOTIFY transaction in flight at a time; notices raised meanwhile go out together in the
 * next. Each caller learns when its own have gone out.
 */
function batchedNotifier(db: Db) {
  let queued: { notices: TNotice[]; sent: () => void }[] = [];
  let sending = false;
  const send = async () => {
    sending = true;
    while (queued.length) {
      const batch = queued;
      queued = [];
      try {
        await db.execute(sql`
          select set_config('synchronous_commit', 'off', true), pg_notify(n.channel, n.payload)
          from jsonb_to_recordset(${JSON.stringify(batch.flatMap((b) => b.notices))}::jsonb)
            as n(channel text, payload text)`);
      } catch (error) {
        // The changes are committed; only their announcement is lost (see above).
        console.error("Could not announce committed changes:", (error as Error).message);
      }
      for (const { sent } of batch) sent();
    }
    sending = false;
  };
  return (notices: TNotice[]) =>
    new Promise<void>((sent) => {
      queued.push({ notices, sent });
      if (!sending) void send();
    });
}
