import { countOf, limits } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ArchiveMatch } from "../components/ArchiveMatch";
import { FormError } from "../components/FormError";
import { useMe } from "../lib/me";
import { trpc } from "../lib/trpc";

/** The archive of past fact-checks: search it, and (editors) import ClaimReview or spreadsheets. */
export function ArchivePage() {
  const me = useMe();
  return (
    <section>
      <title>Fact-check archive · Factdesk</title>
      <h1>Fact-check archive</h1>
      <p className="muted">
        Past fact-checks, yours and other publishers'. New claims are matched against them and show "Already
        fact-checked" when one fits.
      </p>
      <ArchiveSearch />
      {me.can("editor") && <ArchiveImport />}
    </section>
  );
}

function ArchiveSearch() {
  const id = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const matches = useQuery({
    ...trpc.factCheck.match.queryOptions({ text: query, limit: 10 }),
    enabled: query !== "",
  });
  return (
    <section aria-labelledby={`${id}-search`}>
      <h2 id={`${id}-search`}>Search</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is the search landmark every screen reader knows; <search> is newer */}
      <form
        className="row"
        role="search"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setQuery(text.trim());
        }}
      >
        <label className="grow">
          Claim or statement
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={limits.matchText} />
        </label>
        <button type="submit">Find matches</button>
      </form>
      <FormError error={matches.error} />
      {matches.isFetching && <p aria-live="polite">Searching…</p>}
      {matches.data && (
        <ol className="links" aria-label="Matching fact-checks">
          {matches.data.length === 0 && <li>No past fact-check shares this text's words.</li>}
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
      <h2 id={`${id}-import`}>Import past fact-checks</h2>
      <p className="muted">
        ClaimReview JSON or JSON-LD (as published on fact-check pages or in a DataFeed), or a CSV/TSV table
        with columns text, rating, url and date. Importing the same file again adds nothing.
      </p>
      <form className="stack wide" onSubmit={submit}>
        <label>
          File
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
          Base address for relative links in a table (optional)
          <input
            type="url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder="https://"
          />
        </label>
        <FormError error={importing.error} />
        <button type="submit" disabled={!content || importing.isPending}>
          {importing.isPending ? "Importing…" : "Import"}
        </button>
      </form>
      {result && (
        <div role="status">
          <p>
            Imported {countOf(result.imported, "fact-check")}
            {result.alreadyPresent > 0 &&
              `; ${countOf(result.alreadyPresent, "was", "were")} already in the archive`}
            {result.skipped.length > 0 && `; ${countOf(result.skipped.length, "entry", "entries")} skipped`}.
          </p>
          {result.skipped.length > 0 && (
            <ul>
              {result.skipped.map((entry) => (
                <li key={entry.at}>
                  Entry {entry.at}: {entry.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
