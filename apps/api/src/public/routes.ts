import { type DbOrTx, ratings } from "@factdesk/db";
import { renderMarkdown, sayIn, words } from "@factdesk/schema";
import express, { type Request, type Response } from "express";
import { Feed } from "feed";
import { z } from "zod";
import { currentSlugFor, verdictPageUrl } from "../domain/publishing";
import { policyUpdatedAt, publicPolicyPages, siteOf } from "../domain/settings";
import { publicSnapshot } from "../domain/source-archive";
import type { TPageCache, TPublicPage } from "./page-cache";
import {
  feedItemHtml,
  indexPage,
  notFoundPage,
  policyPage,
  safeJson,
  sourceSnapshotPage,
  verdictPage,
} from "./pages";
import { currentClaimReviews, lastPublicChange, listPublicVerdicts, publicVerdict } from "./verdicts";

/**
 * Browsers revalidate every time (cheap: 304 on an unchanged ETag); a CDN may serve a page
 * for a minute, so a correction reaches everyone within one.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=60";

/** Sends with a strong ETag of the body and Last-Modified; Express answers 304 when fresh. */
export function sendPage(req: Request, res: Response, { body, type, lastModified, etag }: TPublicPage) {
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.setHeader("ETag", etag);
  if (lastModified.getTime() > 0) res.setHeader("Last-Modified", lastModified.toUTCString());
  res.type(type);
  if (req.fresh) return void res.status(304).end();
  res.send(body);
}

const ZSourceId = z.uuid();

const ZListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  rating: z.string().max(100).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
});

const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f5fbf"/><path d="M9 24V8h13v3.5h-9v3h8V18h-8v6z" fill="#fff"/></svg>`;

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const latest = (...dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

/**
 * Readers' pages, feeds and the ClaimReview data feed: server-rendered, no JavaScript, each
 * rendered once and kept in `pages` until something public changes.
 */
export function publicRoutes(db: DbOrTx, configuredPublicUrl: URL, pages: TPageCache) {
  const router = express.Router();
  const site = () => siteOf(db, configuredPublicUrl);
  /** Serves the kept or freshly rendered page; false when `render` found nothing to serve. */
  const serve = async (
    req: Request,
    res: Response,
    key: string,
    render: () => Promise<{ body: string; type: string; lastModified: Date } | null>,
  ) => {
    const page = await pages.get(key, render);
    if (page) sendPage(req, res, page);
    return page !== null;
  };

  const list = async (req: Request, res: Response) => {
    const filters = ZListQuery.parse(req.query);
    await serve(req, res, `list:${JSON.stringify(filters)}`, async () => {
      const [current, verdicts, scale, changed] = await Promise.all([
        site(),
        listPublicVerdicts(db, filters),
        db.select({ key: ratings.key, label: ratings.label }).from(ratings).orderBy(ratings.position),
        lastPublicChange(db),
      ]);
      return {
        body: indexPage(current, verdicts, filters, scale),
        type: "html",
        lastModified: latest(changed, current.settings.updatedAt),
      };
    });
  };
  router.get("/", list);
  router.get("/verdicts", list);
  // One icon for the newsroom app and the public site (browsers ask for /favicon.ico anyway).
  router.get(["/favicon.svg", "/favicon.ico"], (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.type("image/svg+xml").send(FAVICON_SVG);
  });

  router.get("/verdicts/:slug", async (req, res) => {
    const { slug } = req.params;
    const served = await serve(req, res, `verdict:${slug}`, async () => {
      const current = await site();
      const verdict = await publicVerdict(db, slug, current);
      return (
        verdict && {
          body: verdictPage(current, verdict),
          type: "html",
          lastModified: latest(verdict.changedAt, current.settings.updatedAt),
        }
      );
    });
    if (served) return;
    const moved = await currentSlugFor(db, slug);
    if (moved) return res.redirect(301, `/verdicts/${encodeURIComponent(moved)}`);
    res
      .status(404)
      .type("html")
      .send(notFoundPage(await site(), req.path));
  });

  // A cited source's kept copy: not kept rendered, as the copy arrives after the page is published.
  router.get("/sources/:id/archived", async (req, res) => {
    const id = ZSourceId.safeParse(req.params.id);
    const source = id.success ? await publicSnapshot(db, id.data) : null;
    const current = await site();
    if (!source || !id.success)
      return void res.status(404).type("html").send(notFoundPage(current, req.path));
    res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
    res.type("html").send(sourceSnapshotPage(current, id.data, source));
  });

  for (const { path, page } of publicPolicyPages) {
    router.get(path, async (req, res) => {
      await serve(req, res, path, async () => {
        const current = await site();
        const updatedAt = await policyUpdatedAt(db, page);
        return {
          body: policyPage(current, page, path, renderMarkdown(current.settings[page]), updatedAt),
          type: "html",
          lastModified: current.settings.updatedAt,
        };
      });
    });
  }

  /**
   * Feed entries. `summary` is plain text, `html` is rendered like the pages; RSS readers
   * render titles and descriptions as HTML, so there the text is escaped or rendered first.
   */
  const feed = async (format: "rss" | "json") => {
    const current = await site();
    const name = current.settings.organisationName ?? "Factdesk";
    // The feeds speak the public site's language, as its pages do.
    const locale = current.settings.publicLocale;
    const say = sayIn(locale);
    const { items } = await listPublicVerdicts(db, { page: 1 });
    const entries: { title: string; id: string; link: string; summary: string; html: string; date: Date }[] =
      [];
    for (const item of items) {
      const verdict = await publicVerdict(db, item.slug, current);
      if (!verdict) continue;
      const link = verdictPageUrl(current.base, verdict.slug);
      const summary =
        verdict.summary ??
        say(
          words("verdict.description", {
            rating: verdict.rating?.label ?? words("verdict.defaultRating"),
            claim: verdict.claim.text,
          }),
        );
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
        const note = correction.correctionNote ?? say(words("feed.corrected"));
        entries.push({
          title: say(words("feed.correction", { headline: verdict.headline })),
          id: `${link}#correction-${correction.number}`,
          link: `${link}#corrections`,
          summary: note,
          html: feedItemHtml({ text: note, explanationHtml }),
          date: correction.publishedAt,
        });
      }
      if (verdict.retraction) {
        const reason = verdict.retraction.reason ?? say(words("feed.retractedNote"));
        entries.push({
          title: say(words("feed.retracted", { headline: verdict.headline })),
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
    const newest = entries.slice(0, 50);
    const title = say(words("feed.title", { name }));
    const description = say(words("feed.description", { name }));
    const feedUrl = (path: string) => new URL(path, current.base).href;
    if (format === "json")
      // JSON Feed 1.1 (the feed library writes 1.0): every item has a summary and its HTML.
      return {
        body: safeJson({
          version: "https://jsonfeed.org/version/1.1",
          title,
          home_page_url: current.base.href,
          feed_url: feedUrl("/feed.json"),
          description,
          language: locale,
          ...(current.settings.logoUrl ? { icon: current.settings.logoUrl } : {}),
          authors: [{ name, url: current.base.href }],
          items: newest.map((entry) => ({
            id: entry.id,
            url: entry.link,
            title: entry.title,
            summary: entry.summary,
            content_html: entry.html,
            date_published: entry.date.toISOString(),
          })),
        }),
        updated,
      };
    const rss = new Feed({
      title,
      description,
      id: current.base.href,
      link: current.base.href,
      language: locale,
      updated,
      generator: "Factdesk",
      copyright: `© ${name}`,
      feedLinks: { rss: feedUrl("/feed.xml"), json: feedUrl("/feed.json") },
      ...(current.settings.logoUrl ? { image: current.settings.logoUrl } : {}),
    });
    for (const { title: itemTitle, summary: _summary, html, ...entry } of newest)
      rss.addItem({ ...entry, title: escapeHtml(itemTitle), description: html, content: html });
    return { body: rss.rss2(), updated };
  };
  router.get("/feed.xml", async (req, res) => {
    await serve(req, res, "feed.xml", async () => {
      const { body, updated } = await feed("rss");
      return { body, type: "application/rss+xml; charset=utf-8", lastModified: updated };
    });
  });
  router.get("/feed.json", async (req, res) => {
    await serve(req, res, "feed.json", async () => {
      const { body, updated } = await feed("json");
      return { body, type: "application/feed+json; charset=utf-8", lastModified: updated };
    });
  });

  router.get("/claimreview.json", (req, res) =>
    serve(req, res, "claimreview.json", async () => {
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
      return { body, type: "application/ld+json; charset=utf-8", lastModified: updated };
    }),
  );
  return router;
}
