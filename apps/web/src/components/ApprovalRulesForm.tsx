import type { TApprovalRules } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { fieldError, queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

const approverChoices = [1, 2, 3] as const;

/**
 * The desk's editorial rules, for admins: how many editors approve (more for some ratings),
 * the sources a verdict must cite, and the right of reply. The workflow enforces them.
 */
export function ApprovalRulesForm() {
  const current = useQuery(trpc.editorial.rules.queryOptions());
  const scale = useQuery(trpc.ratingScale.list.queryOptions());
  const [rules, setRules] = useState<TApprovalRules | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (current.data && rules === null) {
      setRules(current.data.rules);
      setVersion(current.data.version);
    }
  }, [current.data, rules]);
  const save = useMutation(
    trpc.editorial.updateRules.mutationOptions({
      onSuccess: (saved) => setVersion(saved.version),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.editorial.rules.queryKey() }),
    }),
  );
  if (current.error) return <FormError error={current.error} />;
  if (!rules) return <p className="page-status">Loading the approval rules…</p>;

  const set = (change: Partial<TApprovalRules>) => setRules({ ...rules, ...change });
  const count = (name: "minSources" | "minStancedSources") => ({
    type: "number",
    min: 0,
    max: 20,
    value: rules[name],
    onChange: (e: { target: { value: string } }) => set({ [name]: Number(e.target.value) || 0 }),
    "aria-invalid": Boolean(fieldError(save.error, name)),
  });
  const forRating = (key: string, value: string) => {
    const { [key]: _dropped, ...others } = rules.approversByRating;
    set({ approversByRating: value ? { ...others, [key]: Number(value) } : others });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ rules, version });
  };

  return (
    <form className="stack wide" aria-labelledby="approval-rules" onSubmit={submit}>
      <h2 id="approval-rules">Approval rules</h2>
      <p className="muted">
        A verdict in review is judged by the rules in force when it is approved; changing them never reopens a
        published verdict. Every change is kept in the audit log.
      </p>
      <label>
        Editors who must approve each verdict (never its author)
        <select value={rules.approvers} onChange={(e) => set({ approvers: Number(e.target.value) })}>
          {approverChoices.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Ratings that need more editors</legend>
        {scale.data?.map((rating) => (
          <label key={rating.key}>
            {rating.label}
            <select
              aria-label={`Editors for ${rating.label}`}
              value={rules.approversByRating[rating.key] ?? ""}
              onChange={(e) => forRating(rating.key, e.target.value)}
            >
              <option value="">As every verdict</option>
              {approverChoices
                .filter((n) => n > 1)
                .map((n) => (
                  <option key={n} value={n}>
                    {n} editors
                  </option>
                ))}
            </select>
          </label>
        ))}
      </fieldset>
      <label>
        Sources a verdict must cite before it is submitted
        <input {...count("minSources")} />
      </label>
      <label>
        Of those, sources that support or refute the claim
        <input {...count("minStancedSources")} />
        {fieldError(save.error, "minStancedSources") && (
          <span className="error">{fieldError(save.error, "minStancedSources")}</span>
        )}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={rules.rightOfReply}
          onChange={(e) => set({ rightOfReply: e.target.checked })}
        />
        Right of reply before publication: the claimant's response, or a contact attempt whose deadline has
        passed, must be on record (or an editor waives it, saying why)
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={rules.showReplyOnPage}
          onChange={(e) => set({ showReplyOnPage: e.target.checked })}
        />
        Say on the public page when we asked the claimant for comment (and whether they answered)
      </label>
      <FormError error={save.error} />
      {save.isSuccess && !save.isPending && <p role="status">Approval rules saved.</p>}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save approval rules"}
      </button>
    </form>
  );
}
