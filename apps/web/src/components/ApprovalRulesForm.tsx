import type { TApprovalRules } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useT } from "../lib/i18n";
import { fieldError, queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

const approverChoices = [1, 2, 3] as const;

/**
 * The desk's editorial rules, for admins: how many editors approve (more for some ratings),
 * the sources a verdict must cite, and the right of reply. The workflow enforces them.
 */
export function ApprovalRulesForm() {
  const t = useT();
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
  if (!rules) return <p className="page-status">{t("rules.loading")}</p>;

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
      <h2 id="approval-rules">{t("rules.title")}</h2>
      <p className="muted">{t("rules.intro")}</p>
      <label>
        {t("rules.approvers")}
        <select value={rules.approvers} onChange={(e) => set({ approvers: Number(e.target.value) })}>
          {approverChoices.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("rules.byRating")}</legend>
        {scale.data?.map((rating) => (
          <label key={rating.key}>
            {rating.label}
            <select
              aria-label={t("rules.editorsFor", { rating: rating.label })}
              value={rules.approversByRating[rating.key] ?? ""}
              onChange={(e) => forRating(rating.key, e.target.value)}
            >
              <option value="">{t("rules.asEvery")}</option>
              {approverChoices
                .filter((n) => n > 1)
                .map((n) => (
                  <option key={n} value={n}>
                    {t("rules.editors", { n })}
                  </option>
                ))}
            </select>
          </label>
        ))}
      </fieldset>
      <label>
        {t("rules.minSources")}
        <input {...count("minSources")} />
      </label>
      <label>
        {t("rules.minStanced")}
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
        {t("rules.rightOfReply")}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={rules.showReplyOnPage}
          onChange={(e) => set({ showReplyOnPage: e.target.checked })}
        />
        {t("rules.showReply")}
      </label>
      <FormError error={save.error} />
      {save.isSuccess && !save.isPending && <p role="status">{t("rules.saved")}</p>}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? t("verdictPanel.saving") : t("rules.save")}
      </button>
    </form>
  );
}
