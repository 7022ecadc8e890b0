import type { TPolicyPage } from "@factdesk/db";
import { isDomainError, renderMarkdown } from "@factdesk/schema";
import { stringify } from "csv-stringify/sync";
import express from "express";
import { strToU8, zipSync } from "fflate";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { TAssessmentPackData } from "../domain/assessment-pack";
import { assessmentPackFile } from "../domain/assessment-pack";
import type { TSite } from "../domain/settings";
import { publicPolicyPages } from "../domain/settings";
import { spreadsheetSafe } from "./claims-csv";

// The assessment pack written out: HTML to read and CSV to count, in one zip. Everything
// user-written is escaped (React) or sanitised (renderMarkdown) in the HTML, and kept from
// running as a formula in the CSV.

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

const csv = (columns: string[], rows: (string | number | Date | null)[][]) =>
  stringify(rows, {
    header: true,
    bom: true,
    columns,
    cast: { string: spreadsheetSafe, date: (d) => d.toISOString() },
  });

/** Counts by a key, largest first, with each one's share of the whole. */
function tally(keys: string[]) {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count]) => [key, count, keys.length ? Math.round((1000 * count) / keys.length) / 10 : 0]);
}

const pageTitle = (page: TPolicyPage) => publicPolicyPages.find((p) => p.page === page)?.title ?? page;
const pageFile = (page: TPolicyPage) =>
  `pages/${(publicPolicyPages.find((p) => p.page === page)?.path ?? page).slice(1)}.html`;

function Html({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
        <style>
          {
            "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}"
          }
        </style>
      </head>
      <body>{children}</body>
    </html>
  );
}

const html = (node: ReactNode) => `<!doctype html>\n${renderToStaticMarkup(node)}`;

/** The pack's files, by path. */
export function assessmentPackFiles(data: TAssessmentPackData, site: TSite): Record<string, string> {
  const organisation = site.settings.organisationName ?? "Our desk";
  const period = `${day(data.from)} to ${day(new Date(data.to.getTime() - 1))}`;
  const ratingOf = (check: TAssessmentPackData["checks"][number]) =>
    check.snapshot.rating?.label ?? "No rating";
  const publishedInPeriod = data.checks.length;
  const fromReaders = data.checks.filter((check) => check.fromReaders > 0).length;
  const tips = data.tips ?? {
    received: 0,
    triaged: 0,
    declined: 0,
    onClaims: 0,
    publishedFromTips: 0,
    medianDaysToVerdict: null,
  };

  const files: Record<string, string> = {
    "checks.csv": csv(
      [
        "published",
        "url",
        "headline",
        "rating",
        "claim",
        "claimant",
        "party or affiliation",
        "author",
        "approving editor",
        "corrections",
        "retracted",
        "retraction reason",
        "readers who asked",
      ],
      data.checks.map((check) => [
        check.publishedAt,
        check.url,
        check.snapshot.revision.headline ?? "",
        ratingOf(check),
        check.snapshot.claim.text,
        check.snapshot.claim.claimant ?? "",
        check.affiliation ?? "",
        check.author,
        check.approver,
        check.corrections,
        check.retractedAt,
        check.retractionReason ?? "",
        check.fromReaders,
      ]),
    ),
    "sources.csv": csv(
      ["check", "title", "address", "stance", "archived copy", "archived at", "sha-256", "link now"],
      data.sources.map((source) => [
        data.checks.find((check) => check.slug === source.slug)?.url ?? source.slug,
        source.title,
        source.url,
        source.stance,
        source.archivedUrl ?? "",
        source.archivedAt,
        source.archivedSha256 ?? "",
        source.linkState ?? "",
      ]),
    ),
    "corrections.csv": csv(
      ["date", "kind", "check", "note"],
      data.corrections.map((row) => [row.at, row.kind, row.url, row.note ?? ""]),
    ),
    "balance-by-claimant.csv": csv(
      ["claimant", "checks", "percent"],
      tally(data.checks.map((check) => check.snapshot.claim.claimant ?? "(no claimant named)")),
    ),
    "balance-by-affiliation.csv": csv(
      ["party or affiliation", "checks", "percent"],
      tally(data.checks.map((check) => check.affiliation ?? "(none given)")),
    ),
    "balance-by-rating.csv": csv(["rating", "checks", "percent"], tally(data.checks.map(ratingOf))),
    "reader-tips.csv": csv(
      ["measure", "value"],
      [
        ["tips received", tips.received],
        ["tips triaged", tips.triaged],
        ["tips declined", tips.declined],
        ["tips attached to claims", tips.onClaims],
        ["tips whose claim has a published verdict", tips.publishedFromTips],
        ["median days from tip to published verdict", tips.medianDaysToVerdict ?? ""],
        ["checks published in the period", publishedInPeriod],
        ["of which readers asked for", fromReaders],
        [
          "percent of published checks readers asked for",
          publishedInPeriod ? Math.round((1000 * fromReaders) / publishedInPeriod) / 10 : "",
        ],
      ],
    ),
    "policy-history.csv": csv(
      ["page", "saved at", "text"],
      data.policies.flatMap(({ page, history }) =>
        history.map((version) => [pageTitle(page), version.createdAt, version.body]),
      ),
    ),
  };

  for (const { page, current, history } of data.policies)
    files[pageFile(page)] = html(
      <Html title={`${pageTitle(page)} · ${organisation}`}>
        <h1>{pageTitle(page)}</h1>
        <p>
          As published at the end of the pack's period
          {history[0] ? `, last updated ${day(history[0].createdAt)}` : ""}.
        </p>
        {current ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's HTML (raw HTML escaped, dangerous links dropped)
          <div dangerouslySetInnerHTML={{ __html: renderMarkdown(current) }} />
        ) : (
          <p>Not written.</p>
        )}
        <h2>Change history</h2>
        {history.length === 0 ? (
          <p>No saved versions.</p>
        ) : (
          <ol>
            {history.map((version) => (
              <li key={version.createdAt.toISOString()}>
                <p>Saved {version.createdAt.toISOString()}</p>
                <pre style={{ whiteSpace: "pre-wrap" }}>{version.body}</pre>
              </li>
            ))}
          </ol>
        )}
      </Html>,
    );

  files["index.html"] = html(
    <Html title={`Assessment pack · ${organisation} · ${period}`}>
      <h1>
        {organisation}: assessment pack, {period}
      </h1>
      <p>
        For the IFCN Code of Principles and the EFCSN Code of Standards. Made by Factdesk from the published
        record: what readers saw, with every source's archived copy.
      </p>
      <ul>
        <li>
          {publishedInPeriod} checks published (<a href="checks.csv">checks.csv</a>), citing{" "}
          {data.sources.length} sources (<a href="sources.csv">sources.csv</a>)
        </li>
        <li>
          {data.corrections.filter((row) => row.kind === "correction").length} corrections and{" "}
          {data.corrections.filter((row) => row.kind === "retraction").length} retractions (
          <a href="corrections.csv">corrections.csv</a>)
        </li>
        <li>
          Balance: by claimant (<a href="balance-by-claimant.csv">CSV</a>), by party or affiliation (
          <a href="balance-by-affiliation.csv">CSV</a>), by rating (<a href="balance-by-rating.csv">CSV</a>)
        </li>
        <li>
          Reader requests: {tips.received} tips received; {fromReaders} of the published checks were asked for
          by readers (<a href="reader-tips.csv">reader-tips.csv</a>)
        </li>
        <li>
          Policies and their change history (<a href="policy-history.csv">policy-history.csv</a>):{" "}
          {data.policies.map(({ page }, i) => (
            <span key={page}>
              {i > 0 && ", "}
              <a href={pageFile(page)}>{pageTitle(page)}</a>
            </span>
          ))}
        </li>
      </ul>
      <h2>Checks published</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Published</th>
            <th scope="col">Check</th>
            <th scope="col">Rating</th>
            <th scope="col">Claimant</th>
            <th scope="col">Sources (archived copy)</th>
          </tr>
        </thead>
        <tbody>
          {data.checks.map((check) => (
            <tr key={check.slug}>
              <td>{day(check.publishedAt)}</td>
              <td>
                <a href={check.url}>{check.snapshot.revision.headline ?? check.snapshot.claim.text}</a>
                {check.retractedAt && <> (retracted {day(check.retractedAt)})</>}
              </td>
              <td>{ratingOf(check)}</td>
              <td>
                {check.snapshot.claim.claimant ?? ""}
                {check.affiliation && <> ({check.affiliation})</>}
              </td>
              <td>
                <ul>
                  {data.sources
                    .filter((source) => source.slug === check.slug)
                    .map((source) => (
                      <li key={source.id}>
                        <a href={source.url}>{source.title}</a>
                        {source.archivedUrl && (
                          <>
                            {" "}
                            (<a href={source.archivedUrl}>archived {day(source.archivedAt)}</a>)
                          </>
                        )}
                      </li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Html>,
  );
  return files;
}

/** The pack as one zip. */
export const assessmentPackZip = (data: TAssessmentPackData, site: TSite) =>
  zipSync(
    Object.fromEntries(
      Object.entries(assessmentPackFiles(data, site)).map(([path, text]) => [path, strToU8(text)]),
    ),
  );

/** GET /export/assessment-packs/<id>.zip: a made pack, for admins only. */
export function assessmentPackRoute(
  db: Parameters<typeof assessmentPackFile>[0],
  adminFor: (req: express.Request) => Promise<{ role: string } | null>,
) {
  const router = express.Router();
  router.get("/export/assessment-packs/:id.zip", async (req, res, next) => {
    try {
      const user = await adminFor(req);
      if (!user) return void res.status(401).type("text").send("Log in to download assessment packs.");
      if (user.role !== "admin") return void res.status(403).type("text").send("Only admins download packs.");
      if (!/^[0-9a-f-]{36}$/.test(req.params.id ?? ""))
        return void res.status(404).type("text").send("There is no pack here.");
      const pack = await assessmentPackFile(db, req.params.id).catch((error: unknown) => {
        if (isDomainError(error) && error.code === "NOT_FOUND") return null;
        throw error;
      });
      if (!pack) return void res.status(404).type("text").send("There is no finished pack with that id.");
      res.setHeader("Content-Type", "application/zip");
      res.setHeader(
        "Content-Disposition",
        `attachment; filename="assessment-pack-${day(pack.from)}-${day(new Date(pack.to.getTime() - 1))}.zip"`,
      );
      res.setHeader("Cache-Control", "private, no-store");
      res.end(Buffer.from(pack.zip));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
