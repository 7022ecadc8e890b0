import type { TMessageId, TVerdictState, TWords } from "@factdesk/schema";
import { words } from "@factdesk/schema";

export interface TEventText {
  action: string;
  from: string | null;
  to: string | null;
  fromName?: string | null;
  toName?: string | null;
  data: Record<string, unknown>;
}

type TSay = (said: TWords) => string;

const verdictMoves: Record<TVerdictState, TMessageId> = {
  draft: "history.verdict.draft",
  submitted: "history.verdict.submitted",
  changes_requested: "history.verdict.changes_requested",
  approved: "history.verdict.approved",
  published: "history.verdict.published",
  retracted: "history.verdict.retracted",
};

/** Actions said the same way whatever the event carries (a reason or title is added after). */
const plainActions: Record<string, TMessageId> = {
  ingested: "history.ingested",
  archived: "history.archived",
  restored: "history.restored",
  commented: "history.commented",
  source_added: "history.sourceAdded",
  source_updated: "history.sourceUpdated",
  source_removed: "history.sourceRemoved",
  verdict_saved: "history.verdictSaved",
  correction_started: "history.correctionStarted",
  link_suggested: "history.link.suggested",
  link_confirmed: "history.link.confirmed",
  link_rejected: "history.link.rejected",
  media_attached: "history.mediaAttached",
  media_detached: "history.mediaDetached",
  reply_requested: "history.replyRequested",
  reply_received: "history.replyReceived",
  reply_waived: "history.replyWaived",
  recused: "history.recused",
  recurred: "history.recurred",
  fact_checked: "history.factChecked",
  language_changed: "history.languageChanged",
};

const stateName = (prefix: "claimStatus" | "priority", key: unknown) =>
  typeof key === "string" && key ? words(`${prefix}.${key}` as TMessageId) : "—";
const quoted = (value: unknown) => (typeof value === "string" && value ? `: “${value}”` : "");

/** What an edit changed, field by field, in words (long texts are named, not repeated). */
function edits(data: Record<string, unknown>, say: TSay) {
  const before = (data.before ?? {}) as Record<string, unknown>;
  const after = (data.after ?? {}) as Record<string, unknown>;
  const none = say(words("history.field.none"));
  const parts = Object.keys(after).map((field) => {
    if (field === "priority")
      return say(
        words("history.field.priority", {
          from: stateName("priority", before[field]),
          to: stateName("priority", after[field]),
        }),
      );
    if (field === "text") return say(words("history.field.text"));
    if (field === "claimant")
      return say(
        words("history.field.claimant", {
          from: String(before[field] || none),
          to: String(after[field] || none),
        }),
      );
    if (field === "statedOn") {
      const notKnown = say(words("history.field.notKnown"));
      return say(
        words("history.field.statedOn", {
          from: String(before[field] || notKnown),
          to: String(after[field] || notKnown),
        }),
      );
    }
    if (field === "claimantKind" || field === "claimantAffiliation")
      return say(words(`history.field.${field}`));
    return field;
  });
  return say(
    parts.length ? words("history.edited", { fields: parts.join(", ") }) : words("history.editedClaim"),
  );
}

/**
 * One audit event as a sentence after the actor's name ("assigned it to Eden Editor"), in
 * the language `say` speaks.
 */
export function describeEvent(event: TEventText, say: TSay): string {
  const { action, data } = event;
  const someone = say(words("history.someone"));
  switch (action) {
    case "status_changed":
      return `${say(
        words("history.status", {
          from: stateName("claimStatus", event.from),
          to: stateName("claimStatus", event.to),
        }),
      )}${quoted(data.reason)}`;
    case "assigned":
      if (!event.to)
        return say(
          event.fromName
            ? words("history.unassignedWas", { name: event.fromName })
            : words("history.unassigned"),
        );
      return say(
        event.from
          ? words("history.reassigned", { from: event.fromName ?? someone, to: event.toName ?? someone })
          : words("history.assigned", { to: event.toName ?? someone }),
      );
    case "edited":
      return edits(data, say);
  }
  const known =
    plainActions[action] ??
    (action.startsWith("verdict_") ? verdictMoves[action.slice(8) as TVerdictState] : undefined);
  if (known) return `${say(words(known))}${quoted(data.reason) || quoted(data.title)}`;
  // An action this version does not know yet: its name, as the server wrote it.
  const move = event.from || event.to ? ` (${event.from ?? "—"} → ${event.to ?? "—"})` : "";
  return `${action.replaceAll("_", " ")}${move}${quoted(data.reason) || quoted(data.title)}`;
}
