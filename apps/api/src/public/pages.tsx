import { countOf, stanceLabels } from "@factdesk/schema";
import { RatingBadge } from "@factdesk/ui";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { TSite } from "../domain/settings";
import type { listPublicVerdicts, TPublicVerdict } from "./verdicts";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const Time = ({ at }: { at: Date }) => <time dateTime={at.toISOString()}>{dateFormat.format(at)}</time>;

/** Links only to the web: anything else (javascript:, data:) renders as plain text. */
const webHref = (url: string | null | undefined) => {
  try {
    return url && ["http:", "https:"].includes(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
};

const styles = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:#1a1a1a;background:#fff}
body{margin:0}header.site,footer.site{background:#f4f4f2;padding:.75rem 1rem}header.site nav,footer.site nav{display:flex;gap:1rem;flex-wrap:wrap;max-width:46rem;margin:0 auto;align-items:center}
header.site a.brand{font-weight:700;margin-right:auto}main{max-width:46rem;margin:0 auto;padding:1rem}a{color:#0b57d0}
.rating-badge{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;font-weight:700}.rating-retracted{color:#a3261b}.claim{font-size:1.2rem;border-left:4px solid #999;margin:1rem 0;padding:.25rem 1rem}
.notice{border:2px solid #b3261e;background:#fdeceb;padding:.75rem 1rem;border-radius:.3rem}.muted{color:#555}ul.verdicts{list-style:none;padding:0}ul.verdicts li{border-bottom:1px solid #ddd;padding:.75rem 0}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end}label{display:flex;flex-direction:column;font-size:.9rem}input,select,button{font:inherit;padding:.3rem .5rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
`;

function Document({
  site,
  title,
  description,
  path,
  jsonLd,
  children,
}: {
  site: TSite;
  title: string;
  description: string;
  path: string;
  jsonLd?: object | null;
  children: ReactNode;
}) {
  const organisation = site.settings.organisationName ?? "Factdesk";
  const canonical = new URL(path, site.base).href;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${organisation}`}</title>
        <meta name="description" content={description} />
        <link rel="canonical" href={canonical} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <meta property="og:type" content="article" />
        <meta property="og:site_name" content={organisation} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        <meta property="og:url" content={canonical} />
        {site.settings.logoUrl && <meta property="og:image" content={site.settings.logoUrl} />}
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={title} />
        <meta name="twitter:description" content={description} />
        <link
          rel="alternate"
          type="application/rss+xml"
          title={`${organisation} verdicts`}
          href="/feed.xml"
        />
        <link
          rel="alternate"
          type="application/feed+json"
          title={`${organisation} verdicts`}
          href="/feed.json"
        />
        <style>{styles}</style>
        {jsonLd && (
          <script
            type="application/ld+json"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: safeJson escapes every <, so the JSON cannot close its script element
            dangerouslySetInnerHTML={{ __html: safeJson(jsonLd) }}
          />
        )}
      </head>
      <body>
        <a className="skip" href="#content">
          Skip to content
        </a>
        <header className="site">
          <nav aria-label="Site">
            <a className="brand" href="/">
              {organisation}
            </a>
            <a href="/verdicts">Verdicts</a>
            <a href="/methodology">Methodology</a>
            <a href="/corrections-policy">Corrections policy</a>
          </nav>
        </header>
        <main id="content">{children}</main>
        <footer className="site">
          <nav aria-label="Feeds">
            <a href="/feed.xml">RSS</a>
            <a href="/feed.json">JSON Feed</a>
            <a href="/claimreview.json">ClaimReview data feed</a>
            <a href="/app/">Newsroom sign-in</a>
          </nav>
        </footer>
      </body>
    </html>
  );
}

/** JSON with every "<" escaped: the same data, and it cannot close a script element it sits in. */
/**
 * A feed item's HTML, rendered as the pages are: user-written text stays text, the
 * explanation is the sanitised Markdown. Feed readers render this, so nothing else goes in.
 */
export const feedItemHtml = ({ text, explanationHtml }: { text: string; explanationHtml?: string }) =>
  renderToStaticMarkup(
    <>
      <p>{text}</p>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is renderMarkdown's (raw HTML escaped, dangerous links dropped) or the page's own */}
      {explanationHtml ? <div dangerouslySetInnerHTML={{ __html: explanationHtml }} /> : null}
    </>,
  );

export const safeJson = (value: unknown) =>
  (typeof value === "string" ? value : JSON.stringify(value)).replace(/</g, "\\u003c");

const page = (element: ReactNode) => `<!doctype html>${renderToStaticMarkup(element)}`;

export function verdictPage(site: TSite, verdict: TPublicVerdict) {
  const description = verdict.summary ?? `${verdict.rating?.label ?? "Verdict"}: ${verdict.claim.text}`;
  return page(
    <Document
      site={site}
      title={verdict.headline}
      description={description}
      path={`/verdicts/${encodeURIComponent(verdict.slug)}`}
      jsonLd={verdict.retraction ? null : verdict.claimReview}
    >
      <article>
        {verdict.retraction && (
          <section className="notice" aria-labelledby="retraction">
            <h2 id="retraction">This verdict was retracted</h2>
            <p>
              Retracted on <Time at={verdict.retraction.at} />. {verdict.retraction.reason}
            </p>
          </section>
        )}
        <h1>{verdict.headline}</h1>
        <p>
          <RatingBadge rating={verdict.rating} retracted={Boolean(verdict.retraction)} />
        </p>
        <blockquote className="claim">
          <p>{verdict.claim.text}</p>
          <ClaimOrigin claimant={verdict.claim.claimant} article={verdict.article} />
        </blockquote>
        {verdict.summary && <p className="summary">{verdict.summary}</p>}
        <section aria-labelledby="explanation">
          <h2 id="explanation">Our reasoning</h2>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is renderMarkdown's (raw HTML escaped, dangerous links dropped) or the page's own */}
          <div dangerouslySetInnerHTML={{ __html: verdict.explanationHtml }} />
        </section>
        {verdict.sources.length > 0 && (
          <section aria-labelledby="sources">
            <h2 id="sources">Sources</h2>
            <ul>
              {verdict.sources.map((source) => (
                <li key={source.url + source.title}>
                  <strong>{stanceLabels[source.stance]}:</strong>{" "}
                  {webHref(source.url) ? (
                    <a href={webHref(source.url)} rel="nofollow noopener">
                      {source.title}
                    </a>
                  ) : (
                    source.title
                  )}
                  {source.excerpt && (
                    <>
                      {": "}
                      <q>{source.excerpt}</q>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        <p className="muted">
          By {verdict.authorName}
          {verdict.approverName && `, approved by ${verdict.approverName}`}. Published{" "}
          <Time at={verdict.publishedAt} />
          {verdict.corrections.length > 0 && (
            <>
              , last corrected <Time at={verdict.updatedAt} />
            </>
          )}
          .
        </p>
        <section aria-labelledby="corrections">
          <h2 id="corrections">Corrections</h2>
          {verdict.corrections.length === 0 ? (
            <p>No corrections since publication.</p>
          ) : (
            <ol>
              {verdict.corrections.map((correction) => (
                <li key={correction.number}>
                  <Time at={correction.publishedAt} />: {correction.correctionNote}
                </li>
              ))}
            </ol>
          )}
          <p>
            <a href="/corrections-policy">How we correct</a>
          </p>
        </section>
      </article>
    </Document>,
  );
}

/** Who made the claim and where it appeared, as far as the desk knows either. */
function ClaimOrigin({ claimant, article }: { claimant: string | null; article: TPublicVerdict["article"] }) {
  if (!claimant && !article) return null;
  const href = article ? webHref(article.url) : undefined;
  const where = article && (
    <>
      {href ? (
        <a href={href} rel="nofollow noopener">
          {article.title}
        </a>
      ) : (
        article.title
      )}
      {article.outlet && ` (${article.outlet})`}
    </>
  );
  return (
    <footer className="muted">
      {claimant ? (
        <>
          — {claimant}
          {where && <>, in {where}</>}
        </>
      ) : (
        <>Seen in {where}</>
      )}
    </footer>
  );
}

type TVerdictList = Awaited<ReturnType<typeof listPublicVerdicts>>;

export function indexPage(
  site: TSite,
  list: TVerdictList,
  filters: { q?: string | undefined; rating?: string | undefined },
  ratingOptions: { key: string; label: string }[],
) {
  const pageLink = (n: number) => {
    const params = new URLSearchParams({
      ...(filters.q ? { q: filters.q } : {}),
      ...(filters.rating ? { rating: filters.rating } : {}),
      ...(n > 1 ? { page: String(n) } : {}),
    });
    return `/verdicts${params.size ? `?${params}` : ""}`;
  };
  return page(
    <Document
      site={site}
      title="Fact-checks"
      description={`The latest fact-checks by ${site.settings.organisationName ?? "our desk"}.`}
      path={pageLink(list.page)}
    >
      <h1>Fact-checks</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is the search landmark every screen reader knows; <search> is newer */}
      <form className="search" method="get" action="/verdicts" role="search">
        <label>
          Search
          <input type="search" name="q" defaultValue={filters.q ?? ""} />
        </label>
        <label>
          Rating
          <select name="rating" defaultValue={filters.rating ?? ""}>
            <option value="">Any rating</option>
            {ratingOptions.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <p className="muted" aria-live="polite">
        {list.total === 0
          ? "No verdicts match."
          : `${countOf(list.total, "verdict")}; page ${list.page} of ${list.pages}.`}
      </p>
      <ul className="verdicts">
        {list.items.map((item) => (
          <li key={item.slug}>
            <h2>
              <a href={`/verdicts/${encodeURIComponent(item.slug)}`}>{item.headline ?? item.claimText}</a>
            </h2>
            <p>
              <RatingBadge rating={item.rating} retracted={Boolean(item.retractedAt)} />{" "}
              <span className="muted">
                {item.claimant && `${item.claimant} · `}
                {item.publishedAt && <Time at={item.publishedAt} />}
              </span>
            </p>
            {item.summary && <p>{item.summary}</p>}
          </li>
        ))}
      </ul>
      <nav aria-label="Pages">
        {list.page > 1 && (
          <a href={pageLink(list.page - 1)} rel="prev">
            Newer
          </a>
        )}{" "}
        {list.page < list.pages && (
          <a href={pageLink(list.page + 1)} rel="next">
            Older
          </a>
        )}
      </nav>
    </Document>,
  );
}

export function policyPage(site: TSite, title: string, path: string, html: string) {
  return page(
    <Document
      site={site}
      title={title}
      description={`${title} of ${site.settings.organisationName ?? "our desk"}.`}
      path={path}
    >
      <h1>{title}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is renderMarkdown's (raw HTML escaped, dangerous links dropped) or the page's own */}
      {html ? <div dangerouslySetInnerHTML={{ __html: html }} /> : <p>Not written yet.</p>}
    </Document>,
  );
}

export function notFoundPage(site: TSite, path: string) {
  return page(
    <Document site={site} title="Not found" description="This page does not exist." path={path}>
      <h1>Not found</h1>
      <p>
        There is no page here. <a href="/verdicts">See all fact-checks</a>.
      </p>
    </Document>,
  );
}
