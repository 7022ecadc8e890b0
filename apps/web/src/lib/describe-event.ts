import {
  claimPriorityLabels,
  claimStatusLabels,
  type TClaimPriority,
  type TClaimStatus,
  type TVerdictState,
} from "@factdesk/schema";

export interface TEventText {
  action: string;
  from: string | null;
  to: string | null;
  fromName?: string | null;
  toName?: string | null;
  data: Record<string, unknown>;
}

const verdictMoves: Record<TVerdictState, string> = {
  draft: "took the verdict back to draft",
  submitted: "submitted the verdict for review",
  changes_requested: "asked for changes to the verdict",
  approved: "approved the verdict",
  published: "published the verdict",
  retracted: "retracted the verdict",
};

const status = (key: string | null) => (key ? (claimStatusLabels[key as TClaimStatus] ?? key) : "—");
const quoted = (value: unknown) => (typeof value === "string" && value ? `: “${value}”` : "");

/** What an edit changed, field by field, in words (long texts are named, not repeated). */
function edits(data: Record<string, unknown>) {
  const before = (data.before ?? {}) as Record<string, unknown>;
  const after = (data.after ?? {}) as Record<string, unknown>;
  const parts = Object.keys(after).map((field) => {
    if (field === "priority")
      return `priority ${claimPriorityLabels[before[field] as TClaimPriority] ?? "—"} → ${
        claimPriorityLabels[after[field] as TClaimPriority] ?? "—"
      }`;
    if (field === "text") return "the wording";
    if (field === "claimant") return `the claimant (${before[field] || "none"} → ${after[field] || "none"})`;
    return field;
  });
  return parts.length ? `edited ${parts.join(", ")}` : "edited the claim";
}

/** One audit event as a sentence after the actor's name: "assigned it to Eden Editor". */
export function describeEvent(event: TEventText): string {
  const { action, data } = event;
  switch (action) {
    case "status_changed":
      return `moved it from ${status(event.from)} to ${status(event.to)}${quoted(data.reason)}`;
    case "assigned":
      if (!event.to) return `unassigned it${event.fromName ? ` (was ${event.fromName})` : ""}`;
      return event.from
        ? `reassigned it from ${event.fromName ?? "someone"} to ${event.toName ?? "someone"}`
        : `assigned it to ${event.toName ?? "someone"}`;
    case "edited":
      return edits(data);
    case "ingested":
      return `added it from an article${quoted(data.title)}`;
    case "archived":
      return `archived it${quoted(data.reason)}`;
    case "restored":
      return "restored it to the queue";
    case "commented":
      return "commented";
    case "source_added":
      return `added a source${quoted(data.title)}`;
    case "source_updated":
      return `updated a source${quoted(data.title)}`;
    case "source_removed":
      return `removed a source${quoted(data.title)}`;
    case "verdict_saved":
      return "saved a verdict draft";
    case "correction_started":
      return "started a correction of the published verdict";
  }
  const verdictMove = verdictMoves[action.replace(/^verdict_/, "") as TVerdictState];
  if (action.startsWith("verdict_") && verdictMove) return `${verdictMove}${quoted(data.reason)}`;
  if (action.startsWith("link_")) return `${action.slice(5).replaceAll("_", " ")} a link to another claim`;
  const move = event.from || event.to ? ` (${event.from ?? "—"} → ${event.to ?? "—"})` : "";
  return `${action.replaceAll("_", " ")}${move}${quoted(data.reason) || quoted(data.title)}`;
}
