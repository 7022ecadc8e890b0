import { countOf, limits, tipStates } from "@factdesk/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { type RouterOutputs, trpc } from "../lib/trpc";

type TTipState = (typeof tipStates)[number];
type TGroup = RouterOutputs["tip"]["list"][number];

const stateLabels: Record<TTipState, string> = {
  new: "New",
  in_triage: "In triage",
  on_claim: "On a claim",
  declined: "Declined",
};

/** Readers' tips in groups that say the same thing: one group, one claim. */
export function TipsPage() {
  const [params, setParams] = useSearchParams();
  const state = (tipStates as readonly string[]).includes(params.get("state") ?? "")
    ? (params.get("state") as TTipState)
    : "new";
  const groups = useQuery(trpc.tip.list.queryOptions({ state }));
  return (
    <section>
      <title>Reader tips · Factdesk</title>
      <h1>Reader tips</h1>
      <p className="muted">
        What readers sent through the public form at <a href="/tips">/tips</a>. Tips that say the same thing
        are grouped; make one claim of a group, attach it to a claim already in the queue, or decline it with
        a reason the readers will see on their tracking pages.
      </p>
      <nav className="row" aria-label="Tip states">
        {tipStates.map((key) => (
          <button
            key={key}
            type="button"
            aria-pressed={key === state}
            onClick={() => setParams(key === "new" ? {} : { state: key })}
          >
            {stateLabels[key]}
          </button>
        ))}
      </nav>
      <FormError error={groups.error} />
      {groups.data?.length === 0 && <p>No tips here.</p>}
      <ol className="links" aria-label={`${stateLabels[state]} tips`}>
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
        {asked > 1 ? `Asked by ${countOf(asked, "reader")}` : "One reader asked"}
      </h2>
      <ul>
        {group.tips.map((tip) => (
          <li key={tip.id}>
            <p>{tip.statement}</p>
            <p className="muted">
              <Timestamp value={tip.createdAt} />
              {tip.seenWhere && <> · seen: {tip.seenWhere}</>}
              {tip.url && (
                <>
                  {" "}
                  ·{" "}
                  <a href={tip.url} rel="noopener noreferrer nofollow" target="_blank">
                    where it was said
                  </a>
                </>
              )}
              {tip.contact && <> · contact (private): {tip.contact}</>}
              {tip.claim && (
                <>
                  {" "}
                  · on claim <Link to={`/claims/${tip.claim.id}`}>{tip.claim.text}</Link>
                </>
              )}
              {tip.declinedReason && <> · declined: {tip.declinedReason}</>}
            </p>
            {tip.repeats.map((repeat) => (
              <p key={`${repeat.url}-${repeat.headline}`}>
                <span className="flag flag-recurring">Recurring</span> repeats{" "}
                {repeat.url && /^(https?:\/\/|\/)/.test(repeat.url) ? (
                  <a href={repeat.url} rel="noopener noreferrer" target="_blank">
                    “{repeat.headline}”
                  </a>
                ) : (
                  <>“{repeat.headline}”</>
                )}
                {repeat.rating && <>, rated {repeat.rating}</>}
              </p>
            ))}
          </li>
        ))}
      </ul>
      {open && (
        <div className="row">
          <button type="button" onClick={() => triage.mutate({ tipIds })} disabled={triage.isPending}>
            Mark as read
          </button>
          <button type="button" aria-expanded={action === "claim"} onClick={() => setAction("claim")}>
            Make a claim…
          </button>
          <button type="button" aria-expanded={action === "attach"} onClick={() => setAction("attach")}>
            Attach to a claim…
          </button>
          <button type="button" aria-expanded={action === "decline"} onClick={() => setAction("decline")}>
            Decline…
          </button>
        </div>
      )}
      {open && action && (
        <form className="stack wide" onSubmit={submit}>
          {action === "claim" && (
            <label>
              The claim, as the desk words it
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
              The claim's address or id
              <input value={claimAddress} onChange={(e) => setClaimAddress(e.target.value)} required />
            </label>
          )}
          {action === "decline" && (
            <label>
              Why (the readers see this)
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
              {action === "claim" ? "Create the claim" : action === "attach" ? "Attach" : "Decline"}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
