import { limits } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ArchiveMatch } from "../components/ArchiveMatch";
import { FormError } from "../components/FormError";
import { useT } from "../lib/i18n";
import { useMe } from "../lib/me";
import { trpc } from "../lib/trpc";

/** The archive of past fact-checks: search it, and (editors) import ClaimReview or spreadsheets. */
export function ArchivePage() {
  const me = useMe();
  const t = useT();
  return (
    <section>
      <title>{t("archivePage.pageTitle")}</title>
      <h1>{t("archivePage.title")}</h1>
      <p className="muted">{t("archivePage.intro")}</p>
      <ArchiveSearch />
      {me.can("editor") && <ArchiveImport />}
    </section>
  );
}

function ArchiveSearch() {
  const id = useId();
  const t = useT();
  const [text, setText] = useState("");
  const [claimant, setClaimant] = useState("");
  const [on, setOn] = useState("");
  // Who said it and when, if known, rank fact-checks of that claimant and from near that day higher.
  const [query, setQuery] = useState({ text: "", claimant: "", on: "" });
  const matches = useQuery({
    ...trpc.factCheck.match.queryOptions({
      text: query.text,
      limit: 10,
      claimant: query.claimant || undefined,
      on: query.on || undefined,
    }),
    enabled: query.text !== "",
  });
  return (
    <section aria-labelledby={`${id}-search`}>
      <h2 id={`${id}-search`}>{t("archivePage.search")}</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is the search landmark every screen reader knows; <search> is newer */}
      <form
        className="row"
        role="search"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setQuery({ text: text.trim(), claimant: claimant.trim(), on });
        }}
      >
        <label className="grow">
          {t("archivePage.statement")}
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={limits.matchText} />
        </label>
        <label>
          {t("archivePage.claimant")}
          <input value={claimant} onChange={(e) => setClaimant(e.target.value)} maxLength={limits.claimant} />
        </label>
        <label>
          {t("archivePage.on")}
          <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
        </label>
        <button type="submit">{t("archivePage.find")}</button>
      </form>
      <FormError error={matches.error} />
      {matches.isFetching && <p aria-live="polite">{t("archivePage.searching")}</p>}
      {matches.data && (
        <ol className="links" aria-label={t("archivePage.matches")}>
          {matches.data.length === 0 && <li>{t("archivePage.noMatch")}</li>}
          {matches.data.map((match) => (
            <li key={match.id} className="link">
              <ArchiveMatch match={match} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ArchiveImport() {
  const id = useId();
  const t = useT();
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const importing = useMutation(trpc.factCheck.import.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    importing.mutate({
      content,
      format: /\.jsonl?d?$/i.test(fileName) ? "claimreview" : undefined,
      baseUrl: baseUrl.trim() || undefined,
    });
  };
  const result = importing.data;
  return (
    <section aria-labelledby={`${id}-import`}>
      <h2 id={`${id}-import`}>{t("archivePage.import")}</h2>
      <p className="muted">{t("archivePage.importHelp")}</p>
      <form className="stack wide" onSubmit={submit}>
        <label>
          {t("media.file")}
          <input
            type="file"
            required
            accept=".json,.jsonld,.csv,.tsv,.txt,application/json,application/ld+json,text/csv,text/tab-separated-values"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              importing.reset();
              setFileName(file?.name ?? "");
              setContent(file ? await file.text() : "");
            }}
          />
        </label>
        <label>
          {t("archivePage.baseUrl")}
          <input
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder="https://"
          />
        </label>
        <FormError error={importing.error} />
        <button type="submit" disabled={!content || importing.isPending}>
          {importing.isPending ? t("archivePage.importing") : t("archivePage.importButton")}
        </button>
      </form>
      {result && (
        <div role="status">
          <p>
            {t("archivePage.imported", {
              count: result.imported,
              present: result.alreadyPresent,
              skipped: result.skipped.length,
            })}
          </p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((entry) => (
                <li key={entry.at}>{t("archivePage.entry", { at: entry.at, reason: entry.reason })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
