import { once } from "node:events";
import { claims, type DbOrTx } from "@factdesk/db";
import { isDomainError, queueViewFromParams } from "@factdesk/schema";
import { stringify } from "csv-stringify";
import { inArray } from "drizzle-orm";
import express from "express";
import { userForSession } from "../domain/auth";
import { listClaims } from "../domain/queue";
import type { TRateLimits } from "../domain/rate-limits";

/**
 * A spreadsheet opens a cell starting with = + - @ (or a tab or return) as a formula: prefix
 * those with an apostrophe so claim text can never run in the reader's spreadsheet.
 */
export const spreadsheetSafe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const flag = (on: boolean) => (on ? "yes" : "");

/**
 * GET /export/claims.csv?<queue view>: the queue as the browser shows it, every page of it,
 * streamed page by page (keyset), so a large export holds one page in memory at a time.
 */
export function claimsCsvRoute(
  db: DbOrTx,
  sessionToken: (req: express.Request) => string | null,
  publicUrl: URL,
  rateLimits: TRateLimits,
) {
  const router = express.Router();
  router.get("/export/claims.csv", async (req, res) => {
    const token = sessionToken(req);
    const user = token ? await userForSession(db, token) : null;
    if (!user) return void res.status(401).type("text").send("Log in to export claims.");
    try {
      await rateLimits.spend("export", user.id);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return void res.status(429).type("text").send(error.message);
    }

    const view = queueViewFromParams(new URL(req.originalUrl, publicUrl).searchParams);
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="factdesk-claims-${day}.csv"`);
    res.setHeader("Cache-Control", "private, no-store");

    const csv = stringify({
      header: true,
      bom: true, // so spreadsheet programs read UTF-8
      columns: [
        "id",
        "url",
        "claim",
        "status",
        "priority",
        "score",
        "claimant",
        "said on",
        "assignee",
        "verdict",
        "contradiction",
        "duplicate",
        "already fact-checked",
        "archived",
        "article",
        "article url",
        "outlet",
        "created",
        "last activity",
      ],
      cast: { string: spreadsheetSafe, date: (d) => d.toISOString() },
    });
    csv.pipe(res);
    let closed = false;
    res.on("close", () => {
      closed = true;
    });
    try {
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listClaims>> = await listClaims(db, user, {
          ...view,
          cursor,
          limit: 200,
        });
        // What the queue's rows leave out (to stay small), read once per page.
        const saidOn = new Map(
          page.items.length
            ? (
                await db
                  .select({ id: claims.id, statedOn: claims.statedOn })
                  .from(claims)
                  .where(
                    inArray(
                      claims.id,
                      page.items.map((claim) => claim.id),
                    ),
                  )
              ).map((claim) => [claim.id, claim.statedOn])
            : [],
        );
        for (const claim of page.items) {
          const row = [
            claim.id,
            new URL(`app/claims/${claim.id}`, publicUrl).toString(),
            claim.text,
            claim.status,
            claim.priority,
            claim.score,
            claim.claimant ?? "",
            saidOn.get(claim.id) ?? "",
            claim.assignee?.name ?? "",
            claim.verdictState ?? "",
            flag(claim.flags.contradiction),
            flag(claim.flags.duplicate),
            flag(claim.flags.factChecked),
            claim.archivedAt ?? "",
            claim.article?.title ?? "",
            claim.article?.url ?? "",
            claim.article?.outlet ?? "",
            claim.createdAt,
            claim.updatedAt,
          ];
          if (!csv.write(row)) await once(csv, "drain");
        }
        cursor = page.nextCursor;
      } while (cursor && !closed);
      csv.end();
    } catch (error) {
      // Headers are gone: all that is left is to cut the download short, visibly.
      console.error("CSV export failed", error);
      res.destroy(error instanceof Error ? error : undefined);
    }
  });
  return router;
}
