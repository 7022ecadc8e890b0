import { limits, sourceStances, type TSourceStance } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useMergingDraft } from "../lib/draft";
import { useT } from "../lib/i18n";
import { fieldError, refreshClaimViews, trpc } from "../lib/trpc";
import { ArchivedCopy } from "./ArchivedCopy";
import { ConflictNotice } from "./ConflictNotice";
import { FormError } from "./FormError";
import { PublicationNotice } from "./PublicationNotice";

interface Source {
  id: string;
  url: string;
  title: string;
  excerpt: string | null;
  stance: TSourceStance;
  note: string | null;
  version: number;
  /** What the link check last found (null until checked). */
  linkState?: string | null;
}

type TFormValues = { url: string; title: string; excerpt: string; stance: string; note: string };
const formValues = (source?: Source): TFormValues => ({
  url: source?.url ?? "",
  title: source?.title ?? "",
  excerpt: source?.excerpt ?? "",
  // No default: whether a source supports or refutes the claim is the checker's call.
  stance: source?.stance ?? "",
  note: source?.note ?? "",
});

function SourceForm({
  source,
  onSubmit,
  pending,
  error,
  submitLabel,
  onCancel,
}: {
  source?: Source;
  /** The fields, and the version of the source they were edited from. */
  onSubmit: (fields: Omit<Source, "id" | "version">, version: number) => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onCancel?: () => void;
}) {
  const id = useId();
  const t = useT();
  const formLabels: Record<keyof TFormValues, string> = {
    url: t("sources.address"),
    title: t("sources.titleField"),
    excerpt: t("sources.excerpt"),
    stance: t("sources.stance"),
    note: t("sources.note"),
  };
  // Edits start from the source as it was opened; a colleague's save meanwhile is merged in,
  // or shown as a conflict, rather than overwritten.
  const editor = useMergingDraft({ version: source?.version ?? 0, values: formValues(source) });
  const { draft } = editor;
  if (!draft) return null;
  const set = (field: keyof TFormValues) => (event: { target: { value: string } }) =>
    editor.set(field, event.target.value);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(
      {
        url: draft.url.trim(),
        title: draft.title.trim(),
        excerpt: draft.excerpt.trim() || null,
        stance: draft.stance as TSourceStance,
        note: draft.note.trim() || null,
      },
      editor.baseVersion,
    );
  };
  const invalid = (field: string) => fieldError(error, field);
  const described = (field: string) => (invalid(field) ? `${id}-${field}` : undefined);
  return (
    <form onSubmit={submit} className="source-form">
      <ConflictNotice
        conflict={editor.conflict}
        who={t("claim.colleague")}
        labels={formLabels}
        mine={draft}
      />
      <label>
        {formLabels.url}
        <input
          type="url"
          required
          value={draft.url}
          onChange={set("url")}
          aria-invalid={Boolean(invalid("url"))}
          aria-describedby={described("url")}
        />
        {invalid("url") && (
          <span id={`${id}-url`} className="error">
            {invalid("url")}
          </span>
        )}
      </label>
      <label>
        {formLabels.title}
        <input
          required
          maxLength={limits.sourceTitle}
          value={draft.title}
          onChange={set("title")}
          aria-invalid={Boolean(invalid("title"))}
          aria-describedby={described("title")}
        />
        {invalid("title") && (
          <span id={`${id}-title`} className="error">
            {invalid("title")}
          </span>
        )}
      </label>
      <label>
        {formLabels.excerpt}
        <textarea rows={2} maxLength={limits.excerpt} value={draft.excerpt} onChange={set("excerpt")} />
      </label>
      <label>
        {formLabels.stance}
        <select value={draft.stance} onChange={set("stance")} required>
          <option value="" disabled>
            {t("sources.chooseStance")}
          </option>
          {sourceStances.map((stance) => (
            <option key={stance} value={stance}>
              {t(`stance.${stance}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {formLabels.note}
        <input maxLength={limits.note} value={draft.note} onChange={set("note")} />
      </label>
      {!editor.conflict && <FormError error={error} />}
      <div className="row">
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            {t("claim.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

export function SourcesPanel({ claimId, sources }: { claimId: string; sources: Source[] }) {
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const settle = { onSettled: () => refreshClaimViews() };
  const add = useMutation(trpc.source.add.mutationOptions({ ...settle, onSuccess: () => setAdding(false) }));
  const update = useMutation(
    trpc.source.update.mutationOptions({ ...settle, onSuccess: () => setEditing(null) }),
  );
  const remove = useMutation(trpc.source.remove.mutationOptions(settle));

  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t("sources.title")}</h2>
      <PublicationNotice claimId={claimId} />
      {sources.length === 0 && <p className="muted">{t("sources.none")}</p>}
      <ul className="sources">
        {sources.map((source) => (
          <li key={source.id}>
            {editing === source.id ? (
              <SourceForm
                source={source}
                submitLabel={t("sources.save")}
                pending={update.isPending}
                error={update.error}
                onCancel={() => setEditing(null)}
                onSubmit={(fields, version) => update.mutate({ id: source.id, version, ...fields })}
              />
            ) : (
              <>
                <span className={`stance stance-${source.stance}`}>{t(`stance.${source.stance}`)}</span>{" "}
                <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
                  {source.title}
                </a>
                {source.linkState === "dead" && <strong className="link-state">{t("sources.dead")}</strong>}
                {source.linkState === "changed" && (
                  <strong className="link-state">{t("sources.changed")}</strong>
                )}
                {source.excerpt && <q className="excerpt">{source.excerpt}</q>}
                {source.note && <p className="muted">{source.note}</p>}
                <ArchivedCopy sourceId={source.id} title={source.title} />
                <div className="row">
                  <button type="button" className="link-button" onClick={() => setEditing(source.id)}>
                    {t("sources.edit")}
                    <span className="visually-hidden"> {source.title}</span>
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t("sources.confirmRemove", { title: source.title })))
                        remove.mutate({ id: source.id, version: source.version });
                    }}
                  >
                    {t("sources.remove")}
                    <span className="visually-hidden"> {source.title}</span>
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      <FormError error={remove.error} />
      {adding ? (
        <SourceForm
          submitLabel={t("sources.addButton")}
          pending={add.isPending}
          error={add.error}
          onCancel={() => setAdding(false)}
          onSubmit={(fields) => add.mutate({ claimId, ...fields })}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t("sources.add")}
        </button>
      )}
    </section>
  );
}
