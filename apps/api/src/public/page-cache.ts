import { createHash } from "node:crypto";
import type { TChange } from "../live";

/** A rendered public response, with the validators a revalidation is answered from. */
export interface TPublicPage {
  body: string;
  type: string;
  lastModified: Date;
  etag: string;
}

/** Changes of these can alter what readers see (snapshots, names, the site, the rating scale). */
const PUBLIC_ENTITIES = new Set<TChange["entityType"]>([
  "verdict",
  "settings",
  "rating_scale",
  "user",
  "bulk",
]);
export const changesPublicPages = (change: TChange) => PUBLIC_ENTITIES.has(change.entityType);

/**
 * Rendered public pages, kept until something public changes: a page or a 304 is then served
 * without a query. Every instance hears every change through NOTIFY and drops its pages; in
 * case a notification is lost (a dropped listening connection), a page also expires after
 * `ttlMs`, as long as a CDN may keep it anyway. A render that began before a change is not
 * kept, so a change is never papered over by a page read just before it; with `settleMs`
 * (a replica that may lag), neither is one rendered that soon after a change.
 */
export function createPageCache({ maxBytes = 32_000_000, ttlMs = 60_000, settleMs = 0 } = {}) {
  const pages = new Map<string, TPublicPage & { at: number }>();
  let bytes = 0;
  let generation = 0;
  let changedAt = 0;
  const drop = (key: string) => {
    const page = pages.get(key);
    if (!page) return;
    pages.delete(key);
    bytes -= page.body.length;
  };
  return {
    invalidate() {
      generation++;
      changedAt = Date.now();
      pages.clear();
      bytes = 0;
    },
    /** The page for `key`, rendered by `render` when it is not kept (null: not a page to keep). */
    async get(
      key: string,
      render: () => Promise<Omit<TPublicPage, "etag"> | null>,
    ): Promise<TPublicPage | null> {
      const kept = pages.get(key);
      if (kept && Date.now() - kept.at < ttlMs) {
        pages.delete(key); // most recently used last: the first key is the one to evict
        pages.set(key, kept);
        return kept;
      }
      drop(key);
      const started = generation;
      const rendered = await render();
      if (!rendered) return null;
      const page = {
        ...rendered,
        etag: `"${createHash("sha256").update(rendered.body).digest("base64url").slice(0, 32)}"`,
        at: Date.now(),
      };
      const settled = Date.now() - changedAt >= settleMs;
      if (started === generation && settled && page.body.length <= maxBytes / 4) {
        pages.set(key, page);
        bytes += page.body.length;
        for (const oldest of pages.keys()) {
          if (bytes <= maxBytes) break;
          drop(oldest);
        }
      }
      return page;
    },
  };
}
export type TPageCache = ReturnType<typeof createPageCache>;
