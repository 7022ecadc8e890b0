import { limits, type TMessageId, tipStates } from "@factdesk/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { useT } from "../lib/i18n";
import { type RouterOutputs, trpc } from "../lib/trpc";

type TTipState = (typeof tipStates)[number];
type TGroup = RouterOutputs["tip"]["list"][number];

const stateLabel = (state: TTipState) => `tipsPage.state.${state}` as TMessageId;

/** Readers' tips in groups that say the same thing: one group, one claim. */
export function TipsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const state = (tipStates as readonly string[]).includes(params.get("state") ?? "")
    ? (params.get("state") as TTipState)
    : "new";
  const groups = useQuery(trpc.tip.list.queryOptions({ state }));
  return (
    <section>
      <title>{t("tipsPage.pageTitle")}</title>
      <h1>{t("tipsPage.title")}</h1>
      <p className="muted">
        {t("tipsPage.introForm")} <a href="/tips">/tips</a>. {t("tipsPage.intro")}
      </p>
      <nav className="row" aria-label={t("tipsPage.states")}>
        {tipStates.map((key) => (
          <button
            key={key}
            type="button"
            aria-pressed={key === state}
            onClick={() => setParams(key === "new" ? {} : { state: key })}
          >
            {t(stateLabel(key))}
          </button>
        ))}
      </nav>
      <FormError error={groups.error} />
      {groups.data?.length === 0 && <p>{t("tipsPage.none")}</p>}
      <ol className="links" aria-label={t("tipsPage.listLabel", { state: t(stateLabel(state)) })}>
        {groups.data?.map((group) => (
          <li key={group.tips[0]?.id} className="link">
            <TipGroup group={group} open={state === "new" || state === "in_triage"} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function TipGroup({ group, open }: { group: TGroup; open: boolean }) {
  const id = useId();
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tipIds = group.tips.map((tip) => tip.id);
  const [action, setAction] = useState<"claim" | "attach" | "decline" | null>(null);
  const [text, setText] = useState(group.tips[0]?.statement.slice(0, limits.claimText) ?? "");
  const [claimAddress, setClaimAddress] = useState("");
  const [reason, setReason] = useState("");
  const done = () => queryClient.invalidateQueries({ queryKey: trpc.tip.list.queryKey() });
  const triage = useMutation(trpc.tip.triage.mutationOptions({ onSuccess: done }));
  const createClaim = useMutation(
    trpc.tip.createClaim.mutationOptions({
      onSuccess: ({ claimId }) => {
        void done();
        navigate(`/claims/${claimId}`);
      },
    }),
  );
  const attach = useMutation(trpc.tip.attach.mutationOptions({ onSuccess: done }));
  const decline = useMutation(trpc.tip.decline.mutationOptions({ onSuccess: done }));
  const claimId = claimAddress
    .trim()
    .match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i)?.[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (action === "claim") createClaim.mutate({ tipIds, text });
    if (action === "attach" && claimId) attach.mutate({ tipIds, claimId });
    if (action === "decline") decline.mutate({ tipIds, reason });
  };
  const asked = group.tips.length;
  return (
    <article aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="h3">
        {t("tipsPage.asked", { count: asked })}
      </h2>
      <ul>
        {group.tips.map((tip) => (
          <li key={tip.id}>
            <p>{tip.statement}</p>
            <p className="muted">
              <Timestamp value={tip.createdAt} />
              {tip.seenWhere && <> · {t("tipsPage.seen", { where: tip.seenWhere })}</>}
              {tip.url && (
                <>
                  {" "}
                  ·{" "}
                  <a href={tip.url} rel="noopener noreferrer nofollow" target="_blank">
                    {t("tipsPage.whereSaid")}
                  </a>
                </>
              )}
              {tip.contact && <> · {t("tipsPage.contact", { contact: tip.contact })}</>}
              {tip.claim && (
                <>
                  {" "}
                  · {t("tipsPage.onClaim")} <Link to={`/claims/${tip.claim.id}`}>{tip.claim.text}</Link>
                </>
              )}
              {tip.declinedReason && <> · {t("tipsPage.declined", { reason: tip.declinedReason })}</>}
            </p>
            {tip.repeats.map((repeat) => (
              <p key={`${repeat.url}-${repeat.headline}`}>
                <span className="flag flag-recurring">{t("queue.badge.recurring")}</span>{" "}
                {t("tipsPage.repeats")}{" "}
                {repeat.url && /^(https?:\/\/|\/)/.test(repeat.url) ? (
                  <a href={repeat.url} rel="noopener noreferrer" target="_blank">
                    “{repeat.headline}”
                  </a>
                ) : (
                  <>“{repeat.headline}”</>
                )}
                {repeat.rating && <>, {t("tipsPage.rated", { rating: repeat.rating })}</>}
              </p>
            ))}
          </li>
        ))}
      </ul>
      {open && (
        <div className="row">
          <button type="button" onClick={() => triage.mutate({ tipIds })} disabled={triage.isPending}>
            {t("tipsPage.markRead")}
          </button>
          <button type="button" aria-expanded={action === "claim"} onClick={() => setAction("claim")}>
            {t("tipsPage.makeClaim")}
          </button>
          <button type="button" aria-expanded={action === "attach"} onClick={() => setAction("attach")}>
            {t("tipsPage.attach")}
          </button>
          <button type="button" aria-expanded={action === "decline"} onClick={() => setAction("decline")}>
            {t("tipsPage.decline")}
          </button>
        </div>
      )}
      {open && action && (
        <form className="stack wide" onSubmit={submit}>
          {action === "claim" && (
            <label>
              {t("tipsPage.claimText")}
              <textarea
                value={text}
                onChange={(e) => setText(e.target.value)}
                maxLength={limits.claimText}
                required
              />
            </label>
          )}
          {action === "attach" && (
            <label>
              {t("tipsPage.claimAddress")}
              <input value={claimAddress} onChange={(e) => setClaimAddress(e.target.value)} required />
            </label>
          )}
          {action === "decline" && (
            <label>
              {t("tipsPage.why")}
              <textarea
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={limits.reason}
                required
              />
            </label>
          )}
          <FormError error={createClaim.error ?? attach.error ?? decline.error ?? triage.error} />
          <div className="row">
            <button type="submit" disabled={action === "attach" && !claimId}>
              {t(
                action === "claim"
                  ? "tipsPage.create"
                  : action === "attach"
                    ? "media.attach"
                    : "tipsPage.declineButton",
              )}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              {t("claim.cancel")}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
