import {
  claimantKinds,
  claimPriorities,
  guessClaimantKind,
  limits,
  type TClaimantKind,
  type TClaimPriority,
} from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { CommentsPanel } from "../components/CommentsPanel";
import { ConflictNotice } from "../components/ConflictNotice";
import { FormError } from "../components/FormError";
import { HistoryTimeline } from "../components/HistoryTimeline";
import { LinksPanel } from "../components/LinksPanel";
import { MediaPanel } from "../components/MediaPanel";
import { PresentPeople } from "../components/PresentPeople";
import { PublicationNotice } from "../components/PublicationNotice";
import { RecusalControl } from "../components/RecusalControl";
import { RightOfReplyPanel } from "../components/RightOfReplyPanel";
import { SourcesPanel } from "../components/SourcesPanel";
import { StatusBadge } from "../components/StatusBadge";
import { CalendarDay } from "../components/Timestamp";
import { TransitionActions } from "../components/TransitionActions";
import { VerdictPanel } from "../components/VerdictPanel";
import { useMergingDraft } from "../lib/draft";
import { useErrorMessage, useT } from "../lib/i18n";
import { useMe } from "../lib/me";
import { usePresence, useTyping } from "../lib/presence";
import { type RouterOutputs, refreshClaimViews, trpc } from "../lib/trpc";

export function ClaimPage() {
  const { id = "" } = useParams();
  const view = useQuery(trpc.claim.get.queryOptions({ id }));
  const t = useT();
  const errorMessage = useErrorMessage();
  const { typing, handlers } = useTyping();
  usePresence(id, typing);

  if (view.isPending) return <p className="page-status">{t("claim.loading")}</p>;
  if (view.isError) {
    return (
      <section>
        <p role="alert" className="error">
          {errorMessage(view.error)}
        </p>
        <Link to="/">{t("claim.backToQueue")}</Link>
      </section>
    );
  }
  const { claim, article, sources, transitions, comments, present } = view.data;

  return (
    <article className="claim" {...handlers}>
      <title>{`${claim.text.slice(0, 60)}${claim.text.length > 60 ? "…" : ""} · Factdesk`}</title>
      <p>
        <Link to="/">{t("claim.back")}</Link>
      </p>
      <ClaimWording claim={claim} />
      <div role="status">
        <PresentPeople people={present} />
      </div>
      {claim.archivedAt && (
        <p className="notice">{t("claim.archived", { reason: claim.archiveReason ?? "" })}</p>
      )}
      <ClaimFacts view={view.data} />
      <ClaimStatusActions claimId={claim.id} version={claim.version} options={transitions} />

      {article && (
        <section aria-labelledby="context-heading">
          <h2 id="context-heading">{t("claim.inArticle")}</h2>
          <p className="muted">
            {article.url ? <a href={article.url}>{article.title}</a> : article.title}
            {article.outlet && ` · ${article.outlet}`}
          </p>
          {article.context && (
            <blockquote className="context">
              {article.context.before}
              <mark>{article.context.sentence}</mark>
              {article.context.after}
            </blockquote>
          )}
        </section>
      )}
      <div className="workspace">
        <div>
          <LinksPanel claimId={claim.id} />
          <MediaPanel claimId={claim.id} />
          <SourcesPanel claimId={claim.id} sources={sources} />
          <VerdictPanel key={claim.id} claimId={claim.id} sources={sources} />
          <RecusalControl claimId={claim.id} />
          <RightOfReplyPanel claimId={claim.id} />
        </div>
        <div>
          <CommentsPanel claimId={claim.id} comments={comments} />
          <HistoryTimeline claimId={claim.id} />
        </div>
      </div>
    </article>
  );
}

type TView = RouterOutputs["claim"]["get"];

function ClaimStatusActions({
  claimId,
  version,
  options,
}: {
  claimId: string;
  version: number;
  options: Parameters<typeof TransitionActions<"unverified" | "sourced" | "disputed">>[0]["options"];
}) {
  const transition = useMutation(
    trpc.claim.transition.mutationOptions({ onSettled: () => refreshClaimViews() }),
  );
  const t = useT();
  return (
    <TransitionActions
      heading={t("claim.researchStatus")}
      options={options}
      onMove={(to, reason) => transition.mutate({ id: claimId, to, version, ...(reason ? { reason } : {}) })}
      pending={transition.isPending}
      error={transition.error}
    />
  );
}

function ClaimWording({
  claim,
}: {
  claim: {
    id: string;
    text: string;
    claimant: string | null;
    claimantKind: TClaimantKind | null;
    claimantAffiliation: string | null;
    /** The day the claim was made (ISO), when known. */
    statedOn: string | null;
    /** BCP 47: readers and screen readers pronounce the wording in it. */
    language: string;
    version: number;
  };
}) {
  const [editing, setEditing] = useState(false);
  const t = useT();
  const wordingLabels = {
    text: t("claim.wording"),
    claimant: t("claim.claimant"),
    claimantKind: t("claim.claimantIs"),
    claimantAffiliation: t("claim.affiliation"),
    statedOn: t("claim.statedOn"),
  };
  const editor = useMergingDraft({
    version: claim.version,
    // "" is "not said": the kind is then guessed from the name (shown in the menu).
    values: {
      text: claim.text,
      claimant: claim.claimant ?? "",
      claimantKind: claim.claimantKind ?? "",
      claimantAffiliation: claim.claimantAffiliation ?? "",
      statedOn: claim.statedOn ?? "",
    },
  });
  const update = useMutation(
    trpc.claim.update.mutationOptions({
      onSuccess: () => setEditing(false),
      onSettled: () => refreshClaimViews(),
    }),
  );
  const { draft } = editor;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft) return;
    update.mutate(
      {
        id: claim.id,
        // The version the text was edited from: a colleague's newer wording is a conflict, not overwritten.
        version: editor.baseVersion,
        text: draft.text,
        claimant: draft.claimant.trim() || null,
        claimantKind: (draft.claimantKind || null) as TClaimantKind | null,
        claimantAffiliation: draft.claimantAffiliation.trim() || null,
        statedOn: draft.statedOn || null,
      },
      { onSuccess: (updated) => editor.saved(updated.version, draft) },
    );
  };
  if (!editing || !draft) {
    return (
      <header className="claim-header">
        <h1 className="claim-text" lang={claim.language}>
          {claim.text}
        </h1>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            editor.reset();
            update.reset();
            setEditing(true);
          }}
        >
          {t("claim.editWording")}
        </button>
      </header>
    );
  }
  return (
    <form onSubmit={submit} className="claim-edit">
      <h1 className="visually-hidden">{t("claim.editHeading")}</h1>
      <PublicationNotice claimId={claim.id} />
      <ConflictNotice
        conflict={editor.conflict}
        who={t("claim.colleague")}
        labels={wordingLabels}
        mine={draft}
        onResolved={update.reset}
      />
      <label>
        {t("claim.wording")}
        <textarea
          rows={3}
          required
          maxLength={limits.claimText}
          value={draft.text}
          onChange={(e) => editor.set("text", e.target.value)}
        />
      </label>
      <label>
        {t("claim.claimant")}
        <input
          maxLength={limits.claimant}
          value={draft.claimant}
          onChange={(e) => editor.set("claimant", e.target.value)}
        />
      </label>
      <label>
        {t("claim.claimantIs")}
        <select value={draft.claimantKind} onChange={(e) => editor.set("claimantKind", e.target.value)}>
          <option value="">
            {t("claim.notSaid", { kind: t(`claim.kindGuess.${guessClaimantKind(draft.claimant)}`) })}
          </option>
          {claimantKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`claim.kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("claim.affiliation")}
        <input
          maxLength={limits.claimant}
          value={draft.claimantAffiliation}
          onChange={(e) => editor.set("claimantAffiliation", e.target.value)}
        />
      </label>
      <label>
        {t("claim.statedOn")}
        <input
          type="date"
          aria-describedby="claim-stated-on-hint"
          value={draft.statedOn}
          onChange={(e) => editor.set("statedOn", e.target.value)}
        />
        <small id="claim-stated-on-hint" className="muted">
          {t("claim.statedOnHint")}
        </small>
      </label>
      {!editor.conflict && <FormError error={update.error} />}
      <div className="row">
        <button type="submit" disabled={update.isPending}>
          {t("claim.saveWording")}
        </button>
        <button type="button" className="link-button" onClick={() => setEditing(false)}>
          {t("claim.cancel")}
        </button>
      </div>
    </form>
  );
}

function ClaimFacts({ view }: { view: TView }) {
  const me = useMe();
  const t = useT();
  const { claim, assignee } = view;
  const people = useQuery({ ...trpc.user.list.queryOptions(), enabled: me.can("editor") });
  const settle = { onSettled: () => refreshClaimViews() };
  const assign = useMutation(trpc.claim.assign.mutationOptions(settle));
  const update = useMutation(trpc.claim.update.mutationOptions(settle));
  const archive = useMutation(trpc.claim.archive.mutationOptions(settle));
  const target = { id: claim.id, version: claim.version };

  return (
    <>
      <dl className="facts">
        <dt>{t("claim.status")}</dt>
        <dd>
          <StatusBadge status={claim.status} />
        </dd>
        <dt>
          <label htmlFor="claim-priority">{t("claim.priority")}</label>
        </dt>
        <dd>
          <select
            id="claim-priority"
            value={claim.priority}
            onChange={(e) => update.mutate({ ...target, priority: e.target.value as TClaimPriority })}
          >
            {claimPriorities.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </dd>
        <dt>{t("claim.checkWorthiness")}</dt>
        <dd>
          {claim.score.toFixed(2)}
          {claim.scoreReasons.length > 0 && <span className="muted"> ({claim.scoreReasons.join(", ")})</span>}
        </dd>
        <dt>
          {me.can("editor") ? (
            <label htmlFor="claim-assignee">{t("claim.assignee")}</label>
          ) : (
            t("claim.assignee")
          )}
        </dt>
        <dd className="row">
          {me.can("editor") ? (
            <select
              id="claim-assignee"
              value={claim.assigneeId ?? ""}
              onChange={(e) => assign.mutate({ ...target, assigneeId: e.target.value || null })}
            >
              <option value="">{t("claim.unassigned")}</option>
              {people.data
                ?.filter((u) => u.active)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          ) : (
            <>
              <span>{assignee?.name ?? t("claim.unassigned")}</span>
              {claim.assigneeId === null && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => assign.mutate({ ...target, assigneeId: me.id })}
                >
                  {t("claim.take")}
                </button>
              )}
              {claim.assigneeId === me.id && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => assign.mutate({ ...target, assigneeId: null })}
                >
                  {t("claim.drop")}
                </button>
              )}
            </>
          )}
        </dd>
        {claim.claimant && (
          <>
            <dt>{t("claim.claimant")}</dt>
            <dd>{claim.claimant}</dd>
          </>
        )}
        {claim.statedOn && (
          <>
            <dt>{t("claim.statedOn")}</dt>
            <dd>
              <CalendarDay day={claim.statedOn} />
            </dd>
          </>
        )}
      </dl>
      <div className="row">
        {claim.archivedAt ? (
          <button type="button" onClick={() => archive.mutate({ ...target, archived: false })}>
            {t("claim.restore")}
          </button>
        ) : (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const reason = window.prompt(t("claim.archivePrompt"));
              if (reason?.trim()) archive.mutate({ ...target, archived: true, reason });
            }}
          >
            {t("claim.archive")}
          </button>
        )}
      </div>
      <FormError error={assign.error ?? update.error ?? archive.error} />
    </>
  );
}
