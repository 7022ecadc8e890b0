import { createHash } from "node:crypto";
import { type DbOrTx, ratings } from "@factdesk/db";
import { renderMarkdown } from "@factdesk/schema";
import express, { type Request, type Response } from "express";
import { Feed } from "feed";
import { z } from "zod";
import { currentSlugFor, verdictPageUrl } from "../domain/publishing";
import { siteOf } from "../domain/settings";
import { feedItemHtml, indexPage, notFoundPage, policyPage, safeJson, verdictPage } from "./pages";
import { currentClaimReviews, lastPublicChange, listPublicVerdicts, publicVerdict } from "./verdicts";

/**
 * Browsers revalidate every time (cheap: 304 on an unchanged ETag); a CDN may serve a page
 * for a minute, so a correction reaches everyone within one.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=60";

/** Sends with a strong ETag of the body and Last-Modified; Express answers 304 when fresh. */
function sendCached(req: Request, res: Response, body: string, type: string, lastModified: Date) {
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.setHeader("ETag", `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`);
  if (lastModified.getTime() > 0) res.setHeader("Last-Modified", lastModified.toUTCString());
  res.type(type);
  if (req.fresh) return void res.status(304).end();
  res.send(body);
}

const ZListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  rating: z.string().max(100).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const latest = (...dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

/** Readers' pages, feeds and the ClaimReview data feed: server-rendered, no JavaScript. */
export function publicRoutes(db: DbOrTx, configuredPublicUrl: URL) {
  const router = express.Router();
  const site = () => siteOf(db, configuredPublicUrl);

  const list = async (req: Request, res: Response) => {
    const filters = ZListQuery.parse(req.query);
    const [current, verdicts, scale, changed] = await Promise.all([
      site(),
      listPublicVerdicts(db, filters),
      db.select({ key: ratings.key, label: ratings.label }).from(ratings).orderBy(ratings.position),
      lastPublicChange(db),
    ]);
    const html = indexPage(current, verdicts, filters, scale);
    sendCached(req, res, html, "html", latest(changed, current.settings.updatedAt));
  };
  router.get("/", list);
  router.get("/verdicts", list);

  router.get("/verdicts/:slug", async (req, res) => {
    const current = await site();
    const verdict = await publicVerdict(db, req.params.slug, current);
    if (!verdict) {
      const moved = await currentSlugFor(db, req.params.slug);
      if (moved) return res.redirect(301, `/verdicts/${encodeURIComponent(moved)}`);
      return res.status(404).type("html").send(notFoundPage(current, req.path));
    }
    sendCached(
      req,
      res,
      verdictPage(current, verdict),
      "html",
      latest(verdict.changedAt, current.settings.updatedAt),
    );
  });

  for (const [path, title, field] of [
    ["/methodology", "Methodology", "methodology"],
    ["/corrections-policy", "Corrections policy", "correctionsPolicy"],
  ] as const) {
    router.get(path, async (req, res) => {
      const current = await site();
      const html = policyPage(current, title, path, renderMarkdown(current.settings[field]));
      sendCached(req, res, html, "html", current.settings.updatedAt);
    });
  }

  /**
   * Feed entries. `summary` is plain text, `html` is rendered like the pages; RSS readers
   * render titles and descriptions as HTML, so there the text is escaped or rendered first.
   */
  const feed = async (format: "rss" | "json") => {
    const current = await site();
    const name = current.settings.organisationName ?? "Factdesk";
    const { items } = await listPublicVerdicts(db, { page: 1 });
    const entries: { title: string; id: string; link: string; summary: string; html: string; date: Date }[] =
      [];
    for (const item of items) {
      const verdict = await publicVerdict(db, item.slug, current);
      if (!verdict) continue;
      const link = verdictPageUrl(current.base, verdict.slug);
      const summary = verdict.summary ?? `${verdict.rating?.label ?? "Verdict"}: ${verdict.claim.text}`;
      const { explanationHtml } = verdict;
      entries.push({
        title: verdict.headline,
        id: link,
        link,
        summary,
        html: feedItemHtml({ text: summary, explanationHtml }),
        date: verdict.publishedAt,
      });
      for (const correction of verdict.corrections) {
        const note = correction.correctionNote ?? "Corrected.";
        entries.push({
          title: `Correction: ${verdict.headline}`,
          id: `${link}#correction-${correction.number}`,
          link: `${link}#corrections`,
          summary: note,
          html: feedItemHtml({ text: note, explanationHtml }),
          date: correction.publishedAt,
        });
      }
      if (verdict.retraction) {
        const reason = verdict.retraction.reason ?? "Retracted.";
        entries.push({
          title: `Retracted: ${verdict.headline}`,
          id: `${link}#retraction`,
          link,
          summary: reason,
          html: feedItemHtml({ text: reason }),
          date: verdict.retraction.at,
        });
      }
    }
    entries.sort((a, b) => b.date.getTime() - a.date.getTime());
    const updated = latest(new Date(0), ...entries.map((e) => e.date));
    const result = new Feed({
      title: `${name}: fact-checks`,
      description: `Verdicts and corrections published by ${name}.`,
      id: current.base.href,
      link: current.base.href,
      language: "en",
      updated,
      generator: "Factdesk",
      copyright: `© ${name}`,
      feedLinks: {
        rss: new URL("/feed.xml", current.base).href,
        json: new URL("/feed.json", current.base).href,
      },
      ...(current.settings.logoUrl ? { image: current.settings.logoUrl } : {}),
    });
    for (const { title, summary, html, ...entry } of entries.slice(0, 50))
      result.addItem(
        format === "rss"
          ? { ...entry, title: escapeHtml(title), description: html, content: html }
          : { ...entry, title, description: summary, content: html },
      );
    return { feed: result, updated };
  };
  router.get("/feed.xml", async (req, res) => {
    const { feed: built, updated } = await feed("rss");
    sendCached(req, res, built.rss2(), "application/rss+xml; charset=utf-8", updated);
  });
  router.get("/feed.json", async (req, res) => {
    const { feed: built, updated } = await feed("json");
    sendCached(req, res, safeJson(built.json1()), "application/feed+json; charset=utf-8", updated);
  });

  router.get("/claimreview.json", async (req, res) => {
    const current = await site();
    const reviews = await currentClaimReviews(db, current);
    const updated = latest(new Date(0), ...reviews.map((r) => r.publishedAt), await lastPublicChange(db));
    const body = safeJson({
      "@context": "https://schema.org",
      "@type": "DataFeed",
      name: `${current.settings.organisationName ?? "Factdesk"} ClaimReview feed`,
      dateModified: updated.toISOString(),
      dataFeedElement: reviews.map(({ claimReview }) => {
        const { "@context": _context, ...item } = claimReview;
        return { "@type": "DataFeedItem", dateCreated: claimReview.datePublished, item: [item] };
      }),
    });
    sendCached(req, res, body, "application/ld+json; charset=utf-8", updated);
  });
  return router;
}
