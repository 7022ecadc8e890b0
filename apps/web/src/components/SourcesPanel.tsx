import { sourceStances, stanceLabels, type TSourceStance } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { fieldError, refreshClaimViews, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

interface Source {
  id: string;
  url: string;
  title: string;
  excerpt: string | null;
  stance: TSourceStance;
  note: string | null;
  version: number;
}

function SourceForm({
  source,
  onSubmit,
  pending,
  error,
  submitLabel,
  onCancel,
}: {
  source?: Source;
  onSubmit: (fields: Omit<Source, "id" | "version">) => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onCancel?: () => void;
}) {
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    onSubmit({
      url: text("url"),
      title: text("title"),
      excerpt: text("excerpt") || null,
      stance: text("stance") as TSourceStance,
      note: text("note") || null,
    });
  };
  const invalid = (field: string) => fieldError(error, field);
  const described = (field: string) => (invalid(field) ? `${id}-${field}` : undefined);
  return (
    <form onSubmit={submit} className="source-form">
      <label>
        Address
        <input
          name="url"
          type="url"
          required
          defaultValue={source?.url}
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
        Title
        <input
          name="title"
          required
          maxLength={300}
          defaultValue={source?.title}
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
        Quoted excerpt
        <textarea name="excerpt" rows={2} maxLength={5000} defaultValue={source?.excerpt ?? ""} />
      </label>
      <label>
        Stance
        <select name="stance" defaultValue={source?.stance ?? "supports"}>
          {sourceStances.map((stance) => (
            <option key={stance} value={stance}>
              {stanceLabels[stance]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note
        <input name="note" maxLength={2000} defaultValue={source?.note ?? ""} />
      </label>
      <FormError error={error} />
      <div className="row">
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

export function SourcesPanel({ claimId, sources }: { claimId: string; sources: Source[] }) {
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
      <h2 id="sources-heading">Sources</h2>
      {sources.length === 0 && <p className="muted">No sources yet.</p>}
      <ul className="sources">
        {sources.map((source) => (
          <li key={source.id}>
            {editing === source.id ? (
              <SourceForm
                source={source}
                submitLabel="Save source"
                pending={update.isPending}
                error={update.error}
                onCancel={() => setEditing(null)}
                onSubmit={(fields) => update.mutate({ id: source.id, version: source.version, ...fields })}
              />
            ) : (
              <>
                <span className={`stance stance-${source.stance}`}>{stanceLabels[source.stance]}</span>{" "}
                <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
                  {source.title}
                </a>
                {source.excerpt && <q className="excerpt">{source.excerpt}</q>}
                {source.note && <p className="muted">{source.note}</p>}
                <div className="row">
                  <button type="button" className="link-button" onClick={() => setEditing(source.id)}>
                    Edit<span className="visually-hidden"> {source.title}</span>
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Remove the source “${source.title}”?`))
                        remove.mutate({ id: source.id, version: source.version });
                    }}
                  >
                    Remove<span className="visually-hidden"> {source.title}</span>
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
          submitLabel="Add source"
          pending={add.isPending}
          error={add.error}
          onCancel={() => setAdding(false)}
          onSubmit={(fields) => add.mutate({ claimId, ...fields })}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          Add a source
        </button>
      )}
    </section>
  );
}
