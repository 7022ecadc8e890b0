import { EventEmitter, on } from "node:events";
import type { DbHandle } from "@factdesk/db";
import type { TEntityType } from "@factdesk/schema";
import { CHANGES_CHANNEL } from "./domain/audit";

export interface TChange {
  entityType: TEntityType | "bulk";
  entityId: string;
  action: string;
  claimId?: string;
}

/**
 * Fans committed changes out to subscribers in this process. Changes arrive through
 * Postgres NOTIFY, so every API instance hears every other's writes.
 */
export function createChangeFeed() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    /** A NOTIFY payload as `recordEvents` writes it. */
    publish(payload: string) {
      try {
        const message = JSON.parse(payload) as { changed?: TChange[]; bulk?: number; marker?: string };
        if (message.marker) emitter.emit(`marker:${message.marker}`);
        for (const change of message.changed ?? []) emitter.emit("change", change);
        if (message.bulk) emitter.emit("change", { entityType: "bulk", entityId: "", action: "bulk" });
      } catch {
        // Not ours: another writer on the channel. Ignore it.
      }
    },
    /**
     * Resolves when the NOTIFY `{"marker": id}` arrives. Notifications arrive in commit order,
     * so every change committed before the marker was sent has been heard by then.
     */
    marker(id: string) {
      return new Promise<void>((resolve) => emitter.once(`marker:${id}`, () => resolve()));
    },
    /** Calls `listener` with every change; the returned function stops it. */
    onChange(listener: (change: TChange) => void) {
      emitter.on("change", listener);
      return () => void emitter.off("change", listener);
    },
    async *subscribe(signal?: AbortSignal): AsyncGenerator<TChange> {
      try {
        for await (const [change] of on(emitter, "change", { signal })) yield change as TChange;
      } catch (error) {
        if (!signal?.aborted) throw error;
      }
    },
  };
}
export type TChangeFeed = ReturnType<typeof createChangeFeed>;

/** A feed fed by the database's NOTIFY channel; `stop` unlistens. */
export async function listenForChanges(database: DbHandle) {
  const feed = createChangeFeed();
  const stop = await database.listen(CHANGES_CHANNEL, feed.publish);
  return { feed, stop };
}
