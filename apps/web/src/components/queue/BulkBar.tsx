import {
  claimPriorities,
  claimStatuses,
  limits,
  type TClaimBulkAction,
  type TClaimBulkInput,
  type TMessageId,
} from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type Ref, useId, useRef, useState } from "react";
import { useSay, useT } from "../../lib/i18n";
import { useMe } from "../../lib/me";
import { type RouterOutputs, refreshClaimViews, trpc } from "../../lib/trpc";
import { FormError } from "../FormError";

type TOutcome = RouterOutputs["claim"]["bulk"];

/** What to do: one field, encoded as "kind:value" so one select offers every action. */
function parseChoice(choice: string, reason: string): TClaimBulkAction | null {
  const [kind, value = ""] = choice.split(":");
  switch (kind) {
    case "assign":
      return { kind, assigneeId: value || null };
    case "priority":
      return { kind, priority: value as (typeof claimPriorities)[number] };
    case "transition":
      return { kind, to: value as (typeof claimStatuses)[number], reason: reason || undefined };
    case "archive":
      return { kind, reason };
    case "restore":
      return { kind };
    case "links":
      return { kind, state: value as "confirmed" | "rejected" };
    default:
      return null;
  }
}

/**
 * Acts on the selected claims, or on everything the filter matches (confirmed with the
 * count). Each claim is judged on its own; the summary says which succeeded and why others
 * did not, and keeps focus so the keyboard user knows where they are.
 */
export function BulkBar({
  target,
  count,
  onClear,
  assignRef,
  statusRef,
}: {
  target: TClaimBulkInput["target"];
  count: number;
  onClear: () => void;
  assignRef: Ref<HTMLSelectElement>;
  statusRef: Ref<HTMLSelectElement>;
}) {
  const id = useId();
  const t = useT();
  const me = useMe();
  const users = useQuery({ ...trpc.user.list.queryOptions(), enabled: me.can("editor") });
  const [choice, setChoice] = useState("");
  const [reason, setReason] = useState("");
  const summary = useRef<HTMLDivElement>(null);
  const bulk = useMutation(
    trpc.claim.bulk.mutationOptions({
      // The selection stays, for the next action on the same claims.
      onSuccess: async () => {
        await refreshClaimViews();
        setChoice("");
        setReason("");
      },
      onSettled: () => requestAnimationFrame(() => summary.current?.focus()),
    }),
  );
  const action = parseChoice(choice, reason.trim());
  const needsReason = choice === "archive" || choice === "transition:unverified";
  const everything = "filter" in target;

  return (
    <section className="bulk-bar" aria-label={t("bulk.title")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!action) return;
          if (everything && !window.confirm(t("bulk.confirmAll", { count }))) return;
          bulk.mutate({ target, action });
        }}
      >
        <strong>{t(everything ? "bulk.matching" : "bulk.selected", { count })}</strong>
        <label>
          {t("bulk.assignTo")}
          <select
            ref={assignRef}
            value={choice.startsWith("assign:") ? choice : ""}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">—</option>
            <option value={`assign:${me.id}`}>{t("queue.me")}</option>
            <option value="assign:">{t("bulk.nobody")}</option>
            {users.data
              ?.filter((user) => user.active && user.id !== me.id)
              .map((user) => (
                <option key={user.id} value={`assign:${user.id}`}>
                  {user.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t("queue.status")}
          <select
            ref={statusRef}
            value={choice.startsWith("transition:") ? choice : ""}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">—</option>
            {claimStatuses.map((status) => (
              <option key={status} value={`transition:${status}`}>
                {t(`claimStatus.${status}` as TMessageId)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("bulk.other")}
          <select
            value={/^(priority|archive|restore|links)/.test(choice) ? choice : ""}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">—</option>
            {claimPriorities.map((priority) => (
              <option key={priority} value={`priority:${priority}`}>
                {t("bulk.priority", { priority: t(`priority.${priority}` as TMessageId) })}
              </option>
            ))}
            <option value="archive">{t("bulk.archive")}</option>
            <option value="restore">{t("bulk.restore")}</option>
            <option value="links:confirmed">{t("bulk.confirmLinks")}</option>
            <option value="links:rejected">{t("bulk.rejectLinks")}</option>
          </select>
        </label>
        {needsReason && (
          <label>
            {t("bulk.reason")}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={limits.reason}
              required
            />
          </label>
        )}
        <button type="submit" disabled={!action || bulk.isPending || (needsReason && !reason.trim())}>
          {bulk.isPending ? t("bulk.applying") : t("bulk.apply")}
        </button>
        <button type="button" className="link-button" onClick={onClear}>
          {t("bulk.clear")}
        </button>
      </form>
      <div
        ref={summary}
        tabIndex={-1}
        role="status"
        aria-labelledby={`${id}-summary`}
        className="bulk-summary"
      >
        <span id={`${id}-summary`} className="visually-hidden">
          {t("bulk.result")}
        </span>
        {bulk.error && <FormError error={bulk.error} />}
        {bulk.data && <BulkSummary outcome={bulk.data} />}
      </div>
    </section>
  );
}

function BulkSummary({ outcome }: { outcome: TOutcome }) {
  const t = useT();
  const say = useSay();
  const refused = outcome.outcomes.filter((o) => !o.ok);
  return (
    <>
      <p>
        {t("bulk.updated", { succeeded: outcome.succeeded, count: outcome.outcomes.length })}
        {refused.length > 0 && ` ${t("bulk.notUpdated", { count: refused.length })}`}
      </p>
      {refused.length > 0 && (
        <ul className="bulk-refused">
          {refused.map((o) => (
            <li key={o.id}>
              <strong>{o.text}</strong>:{" "}
              {"words" in o && o.words ? say(o.words) : "message" in o ? o.message : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
