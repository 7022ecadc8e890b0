import type { TPolicyPage } from "@factdesk/db";
import {
  directionOf,
  formattingLocale,
  limits,
  messagesFor,
  renderMarkdown,
  type TLocale,
  type TMessageId,
} from "@factdesk/schema";
import { RatingBadge } from "@factdesk/ui";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createIntl, FormattedMessage, type IntlShape, RawIntlProvider, useIntl } from "react-intl";
import type { oas31 } from "zod-openapi";
import type { TSite } from "../domain/settings";
import type { TTipProgress } from "../domain/tips";
import type { listPublicVerdicts, TPublicVerdict } from "./verdicts";

/** The public site speaks the organisation's language (Settings): one formatter per language. */
const intls = new Map<TLocale, IntlShape>();
export function intlFor(site: TSite): IntlShape {
  const locale = site.settings.publicLocale;
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({
      locale: formattingLocale[locale],
      defaultLocale: "en-GB",
      messages: messagesFor(locale),
      timeZone: "UTC",
    });
    intls.set(locale, intl);
  }
  return intl;
}

function Time({ at }: { at: Date }) {
  const intl = useIntl();
  return <time dateTime={at.toISOString()}>{intl.formatDate(at, { dateStyle: "long" })}</time>;
}

/** A calendar day ("2017-04-01"), the same wherever the server runs. */
function Day({ day }: { day: string }) {
  const intl = useIntl();
  return (
    <time dateTime={day}>
      {intl.formatDate(new Date(`${day}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" })}
    </time>
  );
}

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
header.site a.brand{font-weight:700;margin-inline-end:auto}main{max-width:46rem;margin:0 auto;padding:1rem}a{color:#0b57d0}
.rating-badge{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;font-weight:700}.rating-retracted{color:#a3261b}.claim{font-size:1.2rem;border-inline-start:4px solid #999;margin:1rem 0;padding:.25rem 1rem}.media{margin:1rem 0}.media img,.media video{max-width:100%;height:auto;border:1px solid #ccc}.media figcaption{font-size:.95rem}.media code{word-break:break-all}
.notice{border:2px solid #b3261e;background:#fdeceb;padding:.75rem 1rem;border-radius:.3rem}.muted{color:#555}ul.verdicts{list-style:none;padding:0}ul.verdicts li{border-bottom:1px solid #ddd;padding:.75rem 0}
.tip-form{display:flex;flex-direction:column;gap:.75rem;max-width:36rem}.tip-form textarea{font:inherit;padding:.4rem;min-height:8rem}.tip-form .check{flex-direction:row;gap:.5rem;align-items:start}.trap{position:absolute;inset-inline-start:-9999px;width:1px;height:1px;overflow:hidden}
ol.progress{padding-inline-start:1.2rem}ol.progress li.done{color:#1a1a1a}ol.progress li{color:#555}ol.progress li.now{font-weight:700;color:#1a1a1a}code.tracking{font-size:1.1rem;background:#f4f4f2;padding:.2rem .4rem;word-break:break-all}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end}label{display:flex;flex-direction:column;font-size:.9rem}input,select,button{font:inherit;padding:.3rem .5rem}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:1rem;top:1rem;background:#fff;padding:.5rem}
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
  /** Structured data, one script element each (ClaimReview, MediaReview). */
  jsonLd?: (object | null)[];
  children: ReactNode;
}) {
  const organisation = site.settings.organisationName ?? "Factdesk";
  const canonical = new URL(path, site.base).href;
  const intl = useIntl();
  const locale = site.settings.publicLocale;
  const feedTitle = intl.formatMessage({ id: "site.feedTitle" }, { organisation });
  return (
    <html lang={locale} dir={directionOf(locale)}>
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
        <link rel="alternate" type="application/rss+xml" title={feedTitle} href="/feed.xml" />
        <link rel="alternate" type="application/feed+json" title={feedTitle} href="/feed.json" />
        <style>{styles}</style>
        {jsonLd?.map(
          (data) =>
            data && (
              <script
                key={String((data as { "@type"?: string })["@type"])}
                type="application/ld+json"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: safeJson escapes every <, so the JSON cannot close its script element
                dangerouslySetInnerHTML={{ __html: safeJson(data) }}
              />
            ),
        )}
      </head>
      <body>
        <a className="skip" href="#content">
          <FormattedMessage id="site.skip" />
        </a>
        <header className="site">
          <nav aria-label={intl.formatMessage({ id: "site.nav" })}>
            <a className="brand" href="/">
              {organisation}
            </a>
            <a href="/verdicts">
              <FormattedMessage id="site.nav.verdicts" />
            </a>
            <a href="/methodology">
              <FormattedMessage id="site.nav.methodology" />
            </a>
            <a href="/corrections-policy">
              <FormattedMessage id="site.nav.corrections" />
            </a>
            <a href="/tips">
              <FormattedMessage id="site.nav.tip" />
            </a>
          </nav>
        </header>
        <main id="content">{children}</main>
        <footer className="site">
          <nav aria-label={intl.formatMessage({ id: "site.footer" })}>
            <a href="/feed.xml">
              <FormattedMessage id="site.footer.rss" />
            </a>
            <a href="/feed.json">
              <FormattedMessage id="site.footer.jsonFeed" />
            </a>
            <a href="/claimreview.json">
              <FormattedMessage id="site.footer.claimReview" />
            </a>
            <a href="/about">
              <FormattedMessage id="site.footer.about" />
            </a>
            <a href="/funding">
              <FormattedMessage id="site.footer.funding" />
            </a>
            <a href="/app/">
              <FormattedMessage id="site.footer.signIn" />
            </a>
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

/** The image or video a verdict is about: our copy without its metadata, how it was presented, where it circulated. */
function MediaFigure({
  media,
  claimText,
}: {
  media: NonNullable<TPublicVerdict["media"]>;
  claimText: string;
}) {
  const intl = useIntl();
  return (
    <figure className="media">
      {media.copyUrl &&
        (media.kind === "video" ? (
          // biome-ignore lint/a11y/useMediaCaption: the video is the evidence reviewed; the figure's caption says what it shows
          <video src={media.copyUrl} controls preload="metadata" />
        ) : (
          <img src={media.copyUrl} alt={intl.formatMessage({ id: "media.alt" }, { claim: claimText })} />
        ))}
      <figcaption>
        {media.rating && (
          <>
            <strong>
              <FormattedMessage
                id="media.presented"
                values={{
                  kind: media.kind,
                  rating: intl.formatMessage({ id: `mediaRating.${media.rating}` }),
                }}
              />
            </strong>{" "}
          </>
        )}
        {webHref(media.address) && (
          <>
            <FormattedMessage
              id="media.circulated"
              values={{
                site: (
                  <a href={webHref(media.address)} rel="nofollow noopener">
                    {new URL(media.address ?? "").hostname}
                  </a>
                ),
              }}
            />{" "}
          </>
        )}
        {media.copyUrl && media.sha256 && (
          <FormattedMessage id="media.copy" values={{ hash: <code>{media.sha256}</code> }} />
        )}
      </figcaption>
    </figure>
  );
}

const page = (intl: IntlShape, element: ReactNode) =>
  `<!doctype html>${renderToStaticMarkup(<RawIntlProvider value={intl}>{element}</RawIntlProvider>)}`;

export function verdictPage(site: TSite, verdict: TPublicVerdict) {
  const intl = intlFor(site);
  const description =
    verdict.summary ??
    intl.formatMessage(
      { id: "verdict.description" },
      {
        rating: verdict.rating?.label ?? intl.formatMessage({ id: "verdict.defaultRating" }),
        claim: verdict.claim.text,
      },
    );
  return page(
    intl,
    <Document
      site={site}
      title={verdict.headline}
      description={description}
      path={`/verdicts/${encodeURIComponent(verdict.slug)}`}
      jsonLd={verdict.retraction ? [] : [verdict.claimReview, verdict.mediaReview]}
    >
      <article>
        {verdict.retraction && (
          <section className="notice" aria-labelledby="retraction">
            <h2 id="retraction">
              <FormattedMessage id="verdict.retracted" />
            </h2>
            <p>
              <FormattedMessage
                id="verdict.retractedOn"
                values={{ date: <Time at={verdict.retraction.at} />, reason: verdict.retraction.reason }}
              />
            </p>
          </section>
        )}
        <h1>{verdict.headline}</h1>
        <p>
          <RatingBadge rating={verdict.rating} retracted={Boolean(verdict.retraction)} />
        </p>
        <blockquote className="claim">
          <p>{verdict.claim.text}</p>
          <ClaimOrigin claim={verdict.claim} article={verdict.article} />
        </blockquote>
        {verdict.media && <MediaFigure media={verdict.media} claimText={verdict.claim.text} />}
        {verdict.summary && <p className="summary">{verdict.summary}</p>}
        <section aria-labelledby="explanation">
          <h2 id="explanation">
            <FormattedMessage id="verdict.reasoning" />
          </h2>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is renderMarkdown's (raw HTML escaped, dangerous links dropped) or the page's own */}
          <div dangerouslySetInnerHTML={{ __html: verdict.explanationHtml }} />
        </section>
        {verdict.sources.length > 0 && (
          <section aria-labelledby="sources">
            <h2 id="sources">
              <FormattedMessage id="verdict.sources" />
            </h2>
            <ul>
              {verdict.sources.map((source) => (
                <li key={source.url + source.title}>
                  <strong>
                    <FormattedMessage id={`stance.${source.stance}`} />:
                  </strong>{" "}
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
                  )}{" "}
                  (
                  <a className="archived" href={`/sources/${source.id}/archived`}>
                    <FormattedMessage id="verdict.archivedCopy" />
                  </a>
                  )
                </li>
              ))}
            </ul>
          </section>
        )}
        {verdict.reply && (
          <p className="reply">
            <FormattedMessage
              id={verdict.reply.respondedAt ? "verdict.reply.answered" : "verdict.reply.unanswered"}
              values={{
                who: verdict.reply.contacted,
                asked: <Time at={verdict.reply.contactedAt} />,
                answered: verdict.reply.respondedAt && <Time at={verdict.reply.respondedAt} />,
              }}
            />
          </p>
        )}
        <p className="muted">
          <FormattedMessage
            id={verdict.approverName ? "verdict.byApproved" : "verdict.by"}
            values={{ author: verdict.authorName, approver: verdict.approverName }}
          />{" "}
          <FormattedMessage
            id={verdict.corrections.length > 0 ? "verdict.publishedCorrected" : "verdict.published"}
            values={{ date: <Time at={verdict.publishedAt} />, updated: <Time at={verdict.updatedAt} /> }}
          />
        </p>
        <section aria-labelledby="corrections">
          <h2 id="corrections">
            <FormattedMessage id="verdict.corrections" />
          </h2>
          {verdict.corrections.length === 0 ? (
            <p>
              <FormattedMessage id="verdict.noCorrections" />
            </p>
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
            <a href="/corrections-policy">
              <FormattedMessage id="verdict.howWeCorrect" />
            </a>
          </p>
        </section>
      </article>
    </Document>,
  );
}

/** Who made the claim, where it appeared and on which day, as far as the desk knows any. */
function ClaimOrigin({
  claim: { claimant, statedOn },
  article,
}: {
  claim: { claimant: string | null; statedOn: string | null };
  article: TPublicVerdict["article"];
}) {
  if (!claimant && !article && !statedOn) return null;
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
      {(claimant || where) && (
        <FormattedMessage
          id={claimant ? (where ? "verdict.claimantIn" : "verdict.claimant") : "verdict.seenIn"}
          values={{ claimant, where }}
        />
      )}
      {(claimant || where) && statedOn && " · "}
      {statedOn && <FormattedMessage id="verdict.statedOn" values={{ date: <Day day={statedOn} /> }} />}
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
  const intl = intlFor(site);
  const t = (id: TMessageId) => intl.formatMessage({ id });
  return page(
    intl,
    <Document
      site={site}
      title={t("list.title")}
      description={intl.formatMessage(
        { id: "list.description" },
        { organisation: site.settings.organisationName ?? t("site.ourDesk") },
      )}
      path={pageLink(list.page)}
    >
      <h1>{t("list.title")}</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is the search landmark every screen reader knows; <search> is newer */}
      <form className="search" method="get" action="/verdicts" role="search">
        <label>
          {t("list.search")}
          <input type="search" name="q" defaultValue={filters.q ?? ""} />
        </label>
        <label>
          {t("list.rating")}
          <select name="rating" defaultValue={filters.rating ?? ""}>
            <option value="">{t("list.anyRating")}</option>
            {ratingOptions.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("list.show")}</button>
      </form>
      <p className="muted" aria-live="polite">
        {list.total === 0
          ? t("list.none")
          : intl.formatMessage(
              { id: "list.count" },
              { total: list.total, page: list.page, pages: list.pages },
            )}
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
      <nav aria-label={t("list.pages")}>
        {list.page > 1 && (
          <a href={pageLink(list.page - 1)} rel="prev">
            {t("list.newer")}
          </a>
        )}{" "}
        {list.page < list.pages && (
          <a href={pageLink(list.page + 1)} rel="next">
            {t("list.older")}
          </a>
        )}
      </nav>
    </Document>,
  );
}

export function policyPage(
  site: TSite,
  policy: TPolicyPage,
  path: string,
  html: string,
  updatedAt: Date | null,
) {
  const intl = intlFor(site);
  const title = intl.formatMessage({ id: `policy.${policy}` });
  return page(
    intl,
    <Document
      site={site}
      title={title}
      description={intl.formatMessage(
        { id: "policy.description" },
        { title, organisation: site.settings.organisationName ?? intl.formatMessage({ id: "site.ourDesk" }) },
      )}
      path={path}
    >
      <h1>{title}</h1>
      {html ? (
        <div
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is renderMarkdown's (raw HTML escaped, dangerous links dropped)
          dangerouslySetInnerHTML={{ __html: html }}
        />
      ) : (
        <p>
          <FormattedMessage id="policy.empty" />
        </p>
      )}
      {html && updatedAt && (
        <p className="meta">
          <FormattedMessage id="policy.updated" values={{ date: <Time at={updatedAt} /> }} />
        </p>
      )}
    </Document>,
  );
}

export function notFoundPage(site: TSite, path: string) {
  const intl = intlFor(site);
  return page(
    intl,
    <Document
      site={site}
      title={intl.formatMessage({ id: "notFound.title" })}
      description={intl.formatMessage({ id: "notFound.description" })}
      path={path}
    >
      <h1>
        <FormattedMessage id="notFound.title" />
      </h1>
      <p>
        <FormattedMessage
          id="notFound.body"
          values={{ link: (chunks: ReactNode[]) => <a href="/verdicts">{chunks}</a> }}
        />
      </p>
    </Document>,
  );
}

export interface TTipFormState {
  ticket: string;
  consent: string;
  /** What the reader typed, kept when the form is shown again with a problem. */
  values?: { statement?: string; url?: string; seenWhere?: string; contact?: string };
  problem?: string;
}

/** The public tip form: plain HTML, works without JavaScript. */
export function tipFormPage(site: TSite, { ticket, consent, values = {}, problem }: TTipFormState) {
  const intl = intlFor(site);
  const t = (id: TMessageId) => intl.formatMessage({ id });
  return page(
    intl,
    <Document site={site} title={t("tips.title")} description={t("tips.description")} path="/tips">
      <h1>{t("tips.title")}</h1>
      <p>{t("tips.intro")}</p>
      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
      <form className="tip-form" method="post" action="/tips">
        <label>
          {t("tips.statement")}
          <textarea
            name="statement"
            required
            maxLength={limits.tipStatement}
            defaultValue={values.statement}
          />
        </label>
        <label>
          {t("tips.url")}
          <input type="url" name="url" maxLength={limits.webAddress} defaultValue={values.url} />
        </label>
        <label>
          {t("tips.seenWhere")}
          <input name="seenWhere" maxLength={limits.tipSeenWhere} defaultValue={values.seenWhere} />
        </label>
        <label>
          {t("tips.contact")}
          <input
            name="contact"
            maxLength={limits.tipContact}
            autoComplete="email"
            defaultValue={values.contact}
          />
        </label>
        <label className="check">
          <input type="checkbox" name="consent" value="yes" />
          <span>{consent}</span>
        </label>
        <div className="trap" aria-hidden="true">
          <label>
            {t("tips.trap")}
            <input name="website" tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <input type="hidden" name="ticket" value={ticket} />
        <button type="submit">{t("tips.send")}</button>
      </form>
    </Document>,
  );
}

const progressSteps = ["received", "in_triage", "being_checked", "published"] as const;

/** A tip's tracking page: its progress only, never its text or contact. */
export function tipTrackingPage(
  site: TSite,
  code: string,
  tip: {
    progress: TTipProgress;
    receivedAt: Date;
    declinedReason: string | null;
    verdictUrl: string | null;
  },
  { justSent = false } = {},
) {
  const reached = (progressSteps as readonly string[]).indexOf(tip.progress);
  const intl = intlFor(site);
  const t = (id: TMessageId) => intl.formatMessage({ id });
  return page(
    intl,
    <Document site={site} title={t("tip.title")} description={t("tip.description")} path={`/tips/${code}`}>
      <h1>{t("tip.title")}</h1>
      {justSent && (
        <p className="notice" role="status">
          {t("tip.thanks")}
        </p>
      )}
      <p>
        <FormattedMessage
          id="tip.code"
          values={{ code: <code className="tracking">{code}</code>, date: <Time at={tip.receivedAt} /> }}
        />
      </p>
      {tip.progress === "declined" ? (
        <p>
          <strong>{t("tip.declined")}</strong> {tip.declinedReason}
        </p>
      ) : (
        <ol className="progress">
          {progressSteps.map((step, i) => (
            <li key={step} className={i < reached ? "done" : i === reached ? "now" : undefined}>
              {t(`tip.step.${step}`)}
              {i === reached && ` ${t("tip.now")}`}
            </li>
          ))}
        </ol>
      )}
      {tip.verdictUrl && webHref(tip.verdictUrl) && (
        <p>
          <a href={webHref(tip.verdictUrl)}>{t("tip.readCheck")}</a>
        </p>
      )}
    </Document>,
  );
}

/** The copy kept of a cited source: its readable text as fetched, with when, what answered and a hash. */
export function sourceSnapshotPage(
  site: TSite,
  sourceId: string,
  source: {
    url: string;
    title: string;
    linkState: string | null;
    snapshot: {
      fetchedAt: Date;
      httpStatus: number | null;
      title: string | null;
      text: string | null;
      bodySha256: string | null;
    } | null;
  },
) {
  const { snapshot } = source;
  const intl = intlFor(site);
  const title = intl.formatMessage({ id: "archived.title" }, { title: source.title });
  return page(
    intl,
    <Document
      site={site}
      title={title}
      description={intl.formatMessage({ id: "archived.description" }, { title: source.title })}
      path={`/sources/${sourceId}/archived`}
    >
      <h1>{title}</h1>
      <p>
        Original address:{" "}
        {webHref(source.url) ? (
          <a href={webHref(source.url)} rel="nofollow noopener">
            {source.url}
          </a>
        ) : (
          source.url
        )}
        {source.linkState === "dead" && <strong> (no longer answers)</strong>}
        {source.linkState === "changed" && <strong> (has changed since this copy)</strong>}
      </p>
      {snapshot ? (
        <>
          <p className="muted">
            Fetched <Time at={snapshot.fetchedAt} />, answered {snapshot.httpStatus ?? "nothing"}; SHA-256 of
            what it served: <code>{snapshot.bodySha256}</code>. Below is its readable text, not the page
            itself.
          </p>
          <article>
            {snapshot.title && <h2>{snapshot.title}</h2>}
            {(snapshot.text ?? "").split(/\n\s*\n/).map((paragraph, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text, never reordered
              <p key={i}>{paragraph}</p>
            ))}
          </article>
        </>
      ) : (
        <p>No copy of this source has been kept yet.</p>
      )}
    </Document>,
  );
}

type TApiParameter = oas31.ParameterObject;

/** A readable reference of the public API, rendered from its OpenAPI document. */
export function apiReferencePage(site: TSite, document: oas31.OpenAPIObject) {
  const exampleOf = (p: TApiParameter) => (p.schema && "example" in p.schema ? p.schema.example : undefined);
  const example = (path: string, parameters: TApiParameter[]) => {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const parameter = parameters.find((p) => p.in === "path" && p.name === name);
      return encodeURIComponent(String((parameter && exampleOf(parameter)) ?? name));
    });
    const query = new URLSearchParams(
      parameters
        .filter((p) => p.in === "query" && exampleOf(p) !== undefined)
        .map((p): [string, string] => [p.name, String(exampleOf(p))]),
    ).toString();
    return `/api/v1${filled}${query ? `?${query}` : ""}`;
  };
  // A reference for developers, in English whatever the site's language (its chrome follows it).
  return page(
    intlFor(site),
    <Document
      site={site}
      title={document.info.title}
      description="The public API's endpoints and parameters."
      path="/api/v1"
    >
      <h1>{document.info.title}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the API's own description, through the sanitising Markdown renderer */}
      <div dangerouslySetInnerHTML={{ __html: renderMarkdown(document.info.description ?? "") }} />
      <p>
        The machine-readable description: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.
      </p>
      {Object.entries(document.paths ?? {}).map(([path, item]) => {
        const operation: oas31.OperationObject = item.get ?? { responses: {} };
        const parameters = (operation.parameters ?? []).filter(
          (p): p is TApiParameter => "in" in p && p.in !== "header",
        );
        const tryIt = example(path, parameters);
        return (
          <section key={path}>
            <h2>
              <code>GET /api/v1{path}</code>
            </h2>
            <p>
              <strong>{operation.summary}</strong>
            </p>
            {operation.description && (
              <div
                // biome-ignore lint/security/noDangerouslySetInnerHtml: the API's own descriptions, through the sanitising Markdown renderer
                dangerouslySetInnerHTML={{ __html: renderMarkdown(operation.description) }}
              />
            )}
            {parameters.length > 0 && (
              <table>
                <caption>Parameters</caption>
                <thead>
                  <tr>
                    <th scope="col">Parameter</th>
                    <th scope="col">Meaning</th>
                    <th scope="col">Example</th>
                  </tr>
                </thead>
                <tbody>
                  {parameters.map((p) => (
                    <tr key={`${p.in}-${p.name}`}>
                      <td>
                        <code>{p.name}</code>
                        {p.required ? " (required)" : ""}
                      </td>
                      <td
                        // biome-ignore lint/security/noDangerouslySetInnerHtml: the API's own descriptions, through the sanitising Markdown renderer
                        dangerouslySetInnerHTML={{ __html: renderMarkdown(p.description ?? "") }}
                      />
                      <td>{exampleOf(p) === undefined ? "" : <code>{String(exampleOf(p))}</code>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p>
              Example: <a href={tryIt}>{tryIt}</a>
            </p>
          </section>
        );
      })}
    </Document>,
  );
}
