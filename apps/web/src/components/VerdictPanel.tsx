import {
  HEADLINE_MAX,
  limits,
  mediaRatings,
  renderMarkdown,
  type TMediaRating,
  type TMessageId,
  type TVerdictState,
  verdictEditing,
} from "@factdesk/schema";
import { RatingBadge } from "@factdesk/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { FormattedMessage } from "react-intl";
import { useMergingDraft } from "../lib/draft";
import { useT } from "../lib/i18n";
import { usePublicStepNotices } from "../lib/public-steps";
import { errorCode, fieldError, refreshClaimViews, trpc, trpcClient } from "../lib/trpc";
import { ConflictNotice } from "./ConflictNotice";
import { FormError } from "./FormError";
import { ReviewStanding } from "./ReviewStanding";
import { RevisionHistory } from "./RevisionHistory";
import { Timestamp } from "./Timestamp";
import { TransitionActions } from "./TransitionActions";

type Draft = {
  rating: string;
  mediaRating: string;
  headline: string;
  summary: string;
  explanation: string;
  sourceIds: string[];
  correctionNote: string;
};

const emptyDraft: Draft = {
  rating: "",
  mediaRating: "",
  headline: "",
  summary: "",
  explanation: "",
  sourceIds: [],
  correctionNote: "",
};

const fieldLabels: Record<keyof Draft, TMessageId> = {
  rating: "verdictPanel.rating",
  mediaRating: "verdictPanel.mediaRatingField",
  headline: "verdictPanel.headlineField",
  summary: "verdictPanel.summary",
  explanation: "verdictPanel.explanation",
  sourceIds: "verdictPanel.sourcesRelied",
  correctionNote: "verdictPanel.correctionNoteField",
};

export function VerdictPanel({
  claimId,
  sources,
}: {
  claimId: string;
  sources: { id: string; title: string }[];
}) {
  const id = useId();
  const t = useT();
  const publicNotices = usePublicStepNotices();
  const labels = Object.fromEntries(
    Object.entries(fieldLabels).map(([field, message]) => [field, t(message)]),
  ) as Record<keyof Draft, string>;
  const view = useQuery(trpc.verdict.get.queryOptions({ claimId }));
  const scale = useQuery(trpc.ratingScale.list.queryOptions());
  const media = useQuery(trpc.media.get.queryOptions({ claimId }));
  const [preview, setPreview] = useState(false);
  const [correcting, setCorrecting] = useState(false);

  const revision = view.data?.revision ?? null;
  const verdict = view.data?.verdict ?? null;
  const saved: Draft | null = !view.data
    ? null
    : revision
      ? {
          rating: revision.rating ?? "",
          mediaRating: revision.mediaRating ?? "",
          headline: revision.headline ?? "",
          summary: revision.summary ?? "",
          explanation: revision.explanation ?? "",
          sourceIds: revision.sourceIds,
          // A correction in progress keeps its note; a new correction starts with none.
          correctionNote: verdict?.state === "published" ? "" : (revision.correctionNote ?? ""),
        }
      : emptyDraft;
  const editor = useMergingDraft(saved && { version: revision?.number ?? 0, values: saved });
  const { draft } = editor;

  const save = useMutation(
    trpc.verdict.save.mutationOptions({
      onSuccess: () => setCorrecting(false),
      onSettled: () => refreshClaimViews(),
    }),
  );
  const step = useMutation({
    mutationFn: ({ to, reason }: { to: TVerdictState; reason?: string }) => {
      if (!verdict) throw new Error("No verdict yet.");
      const target = { id: verdict.id, version: verdict.version };
      switch (to) {
        case "submitted":
          // From an approval, this is an editor withdrawing it; otherwise the author submitting.
          return verdict.state === "approved"
            ? trpcClient.verdict.withdrawApproval.mutate({ ...target, reason: reason ?? "" })
            : trpcClient.verdict.submit.mutate(target);
        case "approved":
          return trpcClient.verdict.approve.mutate(target);
        case "changes_requested":
          return trpcClient.verdict.requestChanges.mutate({ ...target, comment: reason ?? "" });
        case "published":
          return trpcClient.verdict.publish.mutate(target);
        case "retracted":
          return trpcClient.verdict.retract.mutate({ ...target, reason: reason ?? "" });
        case "draft":
          // A correction is written first; saving it moves the verdict back to draft.
          setCorrecting(true);
          return Promise.resolve(null);
      }
    },
    onSettled: () => refreshClaimViews(),
  });

  if (view.isPending || scale.isPending || !draft)
    return <p className="page-status">{t("verdictPanel.loading")}</p>;
  if (view.isError) return <FormError error={view.error} />;

  const state = verdict?.state;
  const editable = !verdict || verdictEditing[verdict.state] === "revise" || correcting;
  const set =
    <K extends keyof Draft>(field: K) =>
    (value: Draft[K]) =>
      editor.set(field, value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // What was sent becomes the base; anything typed while saving stays an unsaved change.
    const sent = draft;
    save.mutate(
      {
        claimId,
        baseRevision: editor.baseVersion,
        rating: draft.rating || null,
        // A rating for a media item the claim no longer has would be refused: it is left out.
        mediaRating: (media.data && (draft.mediaRating as TMediaRating)) || null,
        headline: draft.headline || null,
        summary: draft.summary || null,
        explanation: draft.explanation || null,
        sourceIds: draft.sourceIds,
        ...(correcting || verdict?.publishedRevisionId
          ? { correctionNote: draft.correctionNote || null }
          : {}),
      },
      { onSuccess: (result) => editor.saved(result.revision.number, sent) },
    );
  };
  const invalid = (field: string) => fieldError(save.error, field);
  const rating = scale.data?.find((r) => r.key === revision?.rating);

  return (
    <section aria-labelledby={`${id}-heading`} className="verdict">
      <h2 id={`${id}-heading`}>
        {t("verdictPanel.title")}{" "}
        {state && <span className={`badge badge-verdict-${state}`}>{t(`verdictState.${state}`)}</span>}
      </h2>
      {verdict?.slug && state === "published" && (
        <p className="muted">
          {t("verdictPanel.publicPage")} <code>/verdicts/{verdict.slug}</code>
          {verdict.publishedAt && (
            <>
              {" "}
              <FormattedMessage
                id="verdictPanel.firstPublished"
                values={{ date: <Timestamp value={verdict.publishedAt} /> }}
              />
            </>
          )}
        </p>
      )}
      {state === "retracted" && (
        <p className="notice">{t("verdictPanel.retracted", { reason: verdict?.retractionReason ?? "" })}</p>
      )}
      {view.data.comments.length > 0 && (
        <ul className="verdict-comments" aria-label={t("verdictPanel.editorComments")}>
          {view.data.comments.map((comment) => (
            <li key={comment.id}>
              <strong>{comment.author.name}</strong> (<Timestamp value={comment.createdAt} />
              ): {comment.body}
            </li>
          ))}
        </ul>
      )}

      {editable && (
        <ConflictNotice
          conflict={editor.conflict}
          who={view.data.revisionAuthor?.name ?? t("claim.colleague")}
          labels={labels}
          mine={draft}
          onResolved={save.reset}
          show={(field, value) =>
            field === "sourceIds"
              ? sources
                  .filter((source) => (value as string[]).includes(source.id))
                  .map((source) => source.title)
                  .join("; ")
              : String(value ?? "")
          }
        />
      )}
      {editor.mergedIn.length > 0 && editable && (
        <p role="status" className="muted">
          {t("verdictPanel.mergedIn", {
            who: view.data.revisionAuthor?.name ?? t("claim.colleague"),
            revision: editor.baseVersion,
            fields: editor.mergedIn.map((field) => labels[field as keyof Draft].toLowerCase()).join(", "),
          })}
        </p>
      )}

      {editable ? (
        <form onSubmit={submit} className="verdict-form" aria-label={t("verdictPanel.draftForm")}>
          <label>
            {t("verdictPanel.rating")}
            <select value={draft.rating} onChange={(e) => set("rating")(e.target.value)}>
              <option value="">{t("verdictPanel.chooseRating")}</option>
              {scale.data?.map((rating) => (
                <option key={rating.key} value={rating.key}>
                  {rating.label}
                </option>
              ))}
            </select>
          </label>
          {media.data && (
            <label>
              {t("verdictPanel.mediaRating", { kind: media.data.kind })}
              <select value={draft.mediaRating} onChange={(e) => set("mediaRating")(e.target.value)}>
                <option value="">{t("verdictPanel.choose")}</option>
                {mediaRatings.map((key) => (
                  <option key={key} value={key}>
                    {t(`mediaRating.${key}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t("verdictPanel.headline")}
            {/* No maxLength: a long paste is kept whole and the person told, not cut silently. */}
            <input
              value={draft.headline}
              onChange={(e) => set("headline")(e.target.value)}
              aria-describedby={`${id}-headline-count`}
              aria-invalid={draft.headline.length > HEADLINE_MAX || Boolean(invalid("headline"))}
            />
            <span
              id={`${id}-headline-count`}
              className={draft.headline.length > HEADLINE_MAX ? "error" : "muted"}
            >
              {draft.headline.length > HEADLINE_MAX
                ? t("verdictPanel.headlineTooLong", { length: draft.headline.length, max: HEADLINE_MAX })
                : t("verdictPanel.headlineCount", { length: draft.headline.length, max: HEADLINE_MAX })}
            </span>
          </label>
          <label>
            {t("verdictPanel.summary")}
            <textarea
              rows={2}
              maxLength={limits.summary}
              value={draft.summary}
              onChange={(e) => set("summary")(e.target.value)}
            />
          </label>
          <fieldset className="explanation">
            <legend>{t("verdictPanel.explanationMarkdown")}</legend>
            {/* biome-ignore lint/a11y/useSemanticElements: two toggle buttons, not form fields: a fieldset would say otherwise */}
            <div className="row" role="group" aria-label={t("verdictPanel.explanationView")}>
              <button type="button" className="tab" aria-pressed={!preview} onClick={() => setPreview(false)}>
                {t("verdictPanel.write")}
              </button>
              <button type="button" className="tab" aria-pressed={preview} onClick={() => setPreview(true)}>
                {t("verdictPanel.preview")}
              </button>
            </div>
            {preview ? (
              <section
                className="markdown"
                aria-label={t("verdictPanel.explanationPreview")}
                // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's HTML: raw HTML escaped, dangerous links dropped
                dangerouslySetInnerHTML={{
                  __html: renderMarkdown(draft.explanation || t("verdictPanel.nothingYet")),
                }}
              />
            ) : (
              <textarea
                aria-label={t("verdictPanel.explanation")}
                rows={8}
                value={draft.explanation}
                onChange={(e) => set("explanation")(e.target.value)}
              />
            )}
          </fieldset>
          {sources.length > 0 && (
            <fieldset>
              <legend>{t("verdictPanel.reliesOn")}</legend>
              {sources.map((source) => (
                <label key={source.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.sourceIds.includes(source.id)}
                    onChange={(e) =>
                      set("sourceIds")(
                        e.target.checked
                          ? [...draft.sourceIds, source.id]
                          : draft.sourceIds.filter((s) => s !== source.id),
                      )
                    }
                  />
                  {source.title}
                </label>
              ))}
            </fieldset>
          )}
          {(correcting || verdict?.publishedRevisionId) && (
            <label>
              {t("verdictPanel.correctionNote")}
              <textarea
                rows={2}
                maxLength={limits.correctionNote}
                value={draft.correctionNote}
                onChange={(e) => set("correctionNote")(e.target.value)}
              />
            </label>
          )}
          <FormError error={save.error} inline={["headline"]} />
          {errorCode(save.error) === "CONFLICT" && !editor.conflict && (
            <p className="muted">{t("verdictPanel.textKept")}</p>
          )}
          <div className="row">
            <button type="submit" disabled={save.isPending}>
              {t(save.isPending ? "verdictPanel.saving" : "verdictPanel.save")}
            </button>
            {correcting && (
              <button type="button" className="link-button" onClick={() => setCorrecting(false)}>
                {t("verdictPanel.cancelCorrection")}
              </button>
            )}
            {revision && (
              <span className="muted">{t("verdictPanel.saved", { revision: editor.baseVersion })}</span>
            )}
          </div>
        </form>
      ) : (
        revision && (
          <div className="verdict-view">
            <p>
              {rating ? <RatingBadge rating={rating} /> : revision.rating} {revision.headline}
            </p>
            {revision.mediaRating && (
              <p>
                {t("verdictPanel.presented", { kind: media.data?.kind ?? "either" })}{" "}
                <strong>{t(`mediaRating.${revision.mediaRating}`)}</strong>
              </p>
            )}
            {revision.summary && <p>{revision.summary}</p>}
            <div
              className="markdown"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's HTML: raw HTML escaped, dangerous links dropped
              dangerouslySetInnerHTML={{ __html: renderMarkdown(revision.explanation ?? "") }}
            />
          </div>
        )
      )}

      {verdict && view.data.review && <ReviewStanding review={view.data.review} state={verdict.state} />}
      {verdict && (
        <TransitionActions
          heading={t("verdictPanel.review")}
          options={view.data.transitions.filter((option) => !(option.to === "draft" && correcting))}
          onMove={(to, reason) => step.mutate({ to, reason })}
          // Until a save has been fetched back, the steps would act on the previous version.
          pending={step.isPending || save.isPending}
          error={step.error}
          confirm={publicNotices}
        />
      )}
      {verdict && <RevisionHistory verdictId={verdict.id} />}
    </section>
  );
}
