import { languageName, limits, queueViewToParams, stemmedLanguages } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { useIntl } from "react-intl";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { useT } from "../lib/i18n";
import { readUpload } from "../lib/read-upload";
import { fieldError, queryClient, type RouterOutputs, trpc } from "../lib/trpc";

type TPreview = RouterOutputs["article"]["preview"];

/** Paste or upload an article, see its sentences scored, choose the claims to create. */
export function IngestPage() {
  const id = useId();
  const t = useT();
  const intl = useIntl();
  const form = useRef<HTMLFormElement>(null);
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);
  const [language, setLanguage] = useState("en");
  const previewing = useMutation(
    trpc.article.preview.mutationOptions({
      onSuccess: (result) => {
        setPreview(result);
        setLanguage(result.language);
        // What the article says of itself fills the fields still empty; the checker may correct it.
        const offer = (name: string, value: string | null) => {
          const field = form.current?.elements.namedItem(name);
          if (value && field instanceof HTMLInputElement && !field.value) field.value = value;
        };
        offer("title", result.title);
        offer("author", result.author);
        offer("outlet", result.outlet);
        offer("publishedAt", result.publishedAt?.slice(0, 10) ?? null);
        setChosen(new Set(result.sentences.filter((s) => s.suggested).map((s) => s.index)));
      },
    }),
  );
  const ingesting = useMutation(
    trpc.article.ingest.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.claim.pathKey() }),
    }),
  );

  const fields = () => {
    const data = new FormData(form.current ?? undefined);
    const value = (name: string) => String(data.get(name) ?? "").trim() || null;
    const date = value("publishedAt");
    return {
      title: value("title"),
      text: text || null,
      url: value("url"),
      outlet: value("outlet"),
      author: value("author"),
      publishedAt: date ? new Date(`${date}T00:00:00Z`).toISOString() : null,
    };
  };
  const submitPreview = (event: FormEvent) => {
    event.preventDefault();
    ingesting.reset();
    const { title, url } = fields();
    previewing.mutate({ title, text: text || null, url });
  };
  const toggle = (index: number) => {
    const next = new Set(chosen);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setChosen(next);
  };
  const invalid = (field: string) => fieldError(previewing.error ?? ingesting.error, field);

  return (
    <section>
      <title>{t("ingest.pageTitle")}</title>
      <h1>{t("ingest.title")}</h1>
      <p className="muted">{t("ingest.intro")}</p>
      <form ref={form} onSubmit={submitPreview} className="stack wide">
        <label>
          {t("ingest.titleField")}
          <input name="title" maxLength={limits.articleTitle} aria-invalid={Boolean(invalid("title"))} />
          {invalid("title") && <span className="error">{invalid("title")}</span>}
        </label>
        <div className="row">
          <label>
            {t("ingest.url")}
            <input name="url" type="url" placeholder="https://" aria-invalid={Boolean(invalid("url"))} />
          </label>
          <label>
            {t("queue.outlet")}
            <input name="outlet" maxLength={limits.outlet} />
          </label>
          <label>
            {t("ingest.author")}
            <input name="author" maxLength={limits.author} />
          </label>
          <label>
            {t("ingest.published")}
            <input name="publishedAt" type="date" />
          </label>
        </div>
        <label>
          {t("ingest.file")}
          <input
            type="file"
            accept=".txt,.md,.html,.htm,text/plain,text/markdown,text/html"
            aria-invalid={Boolean(uploadProblem)}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const upload = readUpload(file.name, new Uint8Array(await file.arrayBuffer()));
              setUploadProblem(upload.ok ? null : upload.problem);
              if (!upload.ok) return;
              setText(upload.text);
              const title = form.current?.elements.namedItem("title");
              if (upload.title && title instanceof HTMLInputElement && !title.value)
                title.value = upload.title;
            }}
          />
          {uploadProblem && (
            <span role="alert" className="error">
              {uploadProblem}
            </span>
          )}
        </label>
        <label>
          {t("ingest.text")}
          <textarea
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={Boolean(invalid("text"))}
          />
          {invalid("text") && <span className="error">{invalid("text")}</span>}
        </label>
        <FormError error={previewing.error} />
        <button type="submit" disabled={previewing.isPending}>
          {previewing.isPending ? t("ingest.reading") : t("ingest.preview")}
        </button>
      </form>

      {preview && (
        <section aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`}>{t("ingest.sentences", { count: preview.sentences.length })}</h2>
          <p className="muted">{t("ingest.ticked")}</p>
          <label className="inline">
            {t("account.language")}{" "}
            <select value={language} onChange={(event) => setLanguage(event.target.value)}>
              {[...new Set([preview.language, ...Object.keys(stemmedLanguages)])]
                .map((code) => ({ code, name: languageName(code, intl.locale) }))
                .sort((a, b) => a.name.localeCompare(b.name, intl.locale))
                .map(({ code, name }) => (
                  <option key={code} value={code}>
                    {code === preview.language ? t("ingest.detected", { name }) : name}
                  </option>
                ))}
            </select>
          </label>
          <p className="muted">{t("ingest.languageHelp")}</p>
          {preview.removed.length > 0 && (
            <details>
              <summary>{t("ingest.boilerplate", { count: preview.removed.length })}</summary>
              <ul>
                {preview.removed.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the removed lines are listed once, in order, and never change
                  <li key={index}>
                    <span className="muted">{line.rule}:</span> {line.line}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <table className="queue">
            <caption className="visually-hidden">{t("ingest.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="select">
                  {t("ingest.isClaim")}
                </th>
                <th scope="col">{t("ingest.sentence")}</th>
                <th scope="col">{t("claim.claimant")}</th>
                <th scope="col" className="numeric">
                  {t("queue.score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.sentences.map((sentence) => (
                <tr key={sentence.index}>
                  <td className="select">
                    <input
                      type="checkbox"
                      aria-label={t("ingest.makeClaim", { sentence: sentence.text.slice(0, 80) })}
                      checked={chosen.has(sentence.index)}
                      onChange={() => toggle(sentence.index)}
                    />
                  </td>
                  <td>
                    {sentence.text}
                    {sentence.reasons.length > 0 && (
                      <div className="muted">{sentence.reasons.join(", ")}</div>
                    )}
                  </td>
                  <td>{sentence.claimant ?? "—"}</td>
                  <td className="numeric">{sentence.score.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <FormError error={ingesting.error} />
          {ingesting.data ? (
            <p role="status">
              {ingesting.data.created
                ? t("ingest.created", { count: ingesting.data.claimCount, title: ingesting.data.title })
                : t("ingest.before", { title: ingesting.data.title })}{" "}
              <Link to={`/?${queueViewToParams({ filter: { articleId: ingesting.data.articleId } })}`}>
                {t("ingest.seeClaims")}
              </Link>
            </p>
          ) : (
            <button
              type="button"
              disabled={ingesting.isPending}
              onClick={() =>
                ingesting.mutate({
                  ...fields(),
                  language,
                  sentenceIndexes: [...chosen].sort((a, b) => a - b),
                })
              }
            >
              {t("ingest.create", { count: chosen.size })}
            </button>
          )}
        </section>
      )}
    </section>
  );
}
