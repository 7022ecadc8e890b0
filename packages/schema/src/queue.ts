import { z } from "zod";
import {
  claimPriorities,
  claimStatuses,
  verdictStates,
  ZClaimLinkKind,
  ZClaimPriority,
  ZClaimStatus,
  ZVerdictState,
} from "./enums";
import { limits, ZDay } from "./inputs/common";

// The review queue's view: which claims (the filter) in which order. One schema serves the
// API, the browser's URL (shareable, back button) and saved views.

export const claimSorts = ["priority", "score", "newest", "oldest", "activity"] as const;
export const ZClaimSort = z.enum(claimSorts);
export type TClaimSort = z.infer<typeof ZClaimSort>;
export const claimSortLabels: Record<TClaimSort, string> = {
  priority: "Priority, then score",
  score: "Check-worthiness",
  newest: "Newest",
  oldest: "Oldest",
  activity: "Last activity",
};

/** Conditions on a claim's links and readers: each one ticked must hold. */
export const queueFlags = [
  "contradiction",
  "duplicate",
  "fact_checked",
  "recurring",
  "asked_by_readers",
] as const;
export const ZQueueFlag = z.enum(queueFlags);
export type TQueueFlag = z.infer<typeof ZQueueFlag>;
export const queueFlagLabels: Record<TQueueFlag, string> = {
  contradiction: "Has a contradiction",
  duplicate: "Has a duplicate",
  fact_checked: "Already fact-checked",
  recurring: "Recurring (repeats a false claim)",
  asked_by_readers: "Asked by readers",
};

export const archivedModes = ["exclude", "include", "only"] as const;
/** "none": claims without a verdict yet. */
export const ZVerdictFilter = z.union([ZVerdictState, z.literal("none")]);

const ZScore = z.number().min(0, "Scores run from 0 to 1.").max(1, "Scores run from 0 to 1.");

export const ZQueueFilter = z
  .object({
    status: z.array(ZClaimStatus).max(claimStatuses.length).optional(),
    /** A user id, "me" for the caller, or "unassigned". */
    assignee: z
      .union([z.uuid({ error: "Not a valid id." }), z.literal("me"), z.literal("unassigned")])
      .optional(),
    priority: z.array(ZClaimPriority).max(claimPriorities.length).optional(),
    scoreMin: ZScore.optional(),
    scoreMax: ZScore.optional(),
    articleId: z.uuid({ error: "Not a valid id." }).optional(),
    outlet: z.string().trim().min(1).max(200).optional(),
    flags: z.array(ZQueueFlag).max(queueFlags.length).optional(),
    verdict: z
      .array(ZVerdictFilter)
      .max(verdictStates.length + 1)
      .optional(),
    archived: z.enum(archivedModes).default("exclude"),
    /** Created on or after this day, and on or before `createdTo` (UTC days). */
    createdFrom: ZDay.optional(),
    createdTo: ZDay.optional(),
    /** Full-text search over the claim's text (web search syntax: "quoted phrase", -word, or). */
    q: z.string().trim().min(1).max(200, "Keep the search under 200 characters.").optional(),
  })
  .refine((f) => f.scoreMin === undefined || f.scoreMax === undefined || f.scoreMin <= f.scoreMax, {
    message: "The lowest score is above the highest.",
    path: ["scoreMin"],
  })
  .refine((f) => !f.createdFrom || !f.createdTo || f.createdFrom <= f.createdTo, {
    message: "The first day is after the last.",
    path: ["createdFrom"],
  });
export type TQueueFilter = z.input<typeof ZQueueFilter>;

export const ZQueueView = z.object({
  filter: ZQueueFilter.prefault({}),
  sort: ZClaimSort.default("priority"),
});
export type TQueueView = z.input<typeof ZQueueView>;

/** Every field is optional, and so is the input itself: no input is the whole queue. */
export const ZClaimListInput = ZQueueView.extend({
  cursor: z.string().max(512).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
}).prefault({});
export type TClaimListInput = z.input<typeof ZClaimListInput>;

/**
 * Search hits in a claim's text are wrapped in these private-use characters (they never occur
 * in claims), so the browser renders them as <mark> without ever parsing HTML.
 */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";

/** The text split into plain and matched parts. */
export const highlightedParts = (text: string) =>
  text
    .split(HIGHLIGHT_START)
    .flatMap((chunk, i) => {
      if (i === 0) return [{ text: chunk, hit: false }];
      const [hit = "", rest = ""] = chunk.split(HIGHLIGHT_END);
      return [
        { text: hit, hit: true },
        { text: rest, hit: false },
      ];
    })
    .filter((part) => part.text !== "");

// ── In the URL ──
const listKeys = ["status", "priority", "flags", "verdict"] as const;
const numberKeys = ["scoreMin", "scoreMax"] as const;
const textKeys = ["assignee", "articleId", "outlet", "createdFrom", "createdTo", "q"] as const;

/** The view as URL parameters; defaults are left out so URLs stay short. */
export function queueViewToParams({ filter = {}, sort }: TQueueView): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of listKeys) if (filter[key]?.length) params.set(key, filter[key].join(","));
  for (const key of [...numberKeys, ...textKeys]) {
    const value = filter[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (filter.archived && filter.archived !== "exclude") params.set("archived", filter.archived);
  if (sort && sort !== "priority") params.set("sort", sort);
  return params;
}

/**
 * The view a URL describes. Anything that does not parse is dropped rather than refused:
 * an old bookmark still opens the queue.
 */
export function queueViewFromParams(params: URLSearchParams): z.output<typeof ZQueueView> {
  const raw: Record<string, unknown> = {};
  for (const key of listKeys) {
    const value = params.get(key);
    if (value) raw[key] = value.split(",");
  }
  for (const key of numberKeys) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "" && Number.isFinite(Number(value))) raw[key] = Number(value);
  }
  for (const key of [...textKeys, "archived"]) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = ZQueueFilter.safeParse({ [key]: value });
    if (field.success) filter[key] = value;
  }
  const parsed = ZQueueFilter.safeParse(filter);
  const sort = ZClaimSort.safeParse(params.get("sort"));
  return {
    filter: parsed.success ? parsed.data : ZQueueFilter.parse({}),
    sort: sort.success ? sort.data : "priority",
  };
}

// ── Bulk work ──
/** Most claims one bulk action takes: beyond it, a filter is too broad to confirm by count. */
export const BULK_LIMIT = 2000;

export const ZClaimBulkAction = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("assign"), assigneeId: z.uuid({ error: "Not a valid id." }).nullable() }),
  z.object({ kind: z.literal("priority"), priority: ZClaimPriority }),
  z.object({
    kind: z.literal("transition"),
    to: ZClaimStatus,
    reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").optional(),
  }),
  z.object({
    kind: z.literal("archive"),
    reason: z
      .string()
      .trim()
      .min(1, "Say why the claims are archived (for example: not check-worthy).")
      .max(2000, "Keep the reason under 2,000 characters."),
  }),
  z.object({ kind: z.literal("restore") }),
  z.object({
    kind: z.literal("links"),
    state: z.enum(["confirmed", "rejected"]),
    /** Only suggestions of this kind; all kinds when absent. */
    linkKind: ZClaimLinkKind.optional(),
  }),
]);
export type TClaimBulkAction = z.infer<typeof ZClaimBulkAction>;

export const ZClaimBulkInput = z.object({
  target: z.union([
    z.object({
      ids: z
        .array(z.uuid({ error: "Not a valid id." }))
        .min(1, "Select at least one claim.")
        .max(BULK_LIMIT, `Select at most ${BULK_LIMIT.toLocaleString("en")} claims.`),
    }),
    /** Everything the filter matches; `expectedCount` is the number the user confirmed. */
    z.object({ filter: ZQueueFilter, expectedCount: z.number().int().min(1).max(BULK_LIMIT) }),
  ]),
  action: ZClaimBulkAction,
});
export type TClaimBulkInput = z.input<typeof ZClaimBulkInput>;

// ── Saved views ──
export const ZSavedViewSaveInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the view.")
    .max(limits.viewName, `Keep the name under ${limits.viewName} characters.`),
  view: ZQueueView,
});
export const ZSavedViewRemoveInput = z.object({ id: z.uuid({ error: "Not a valid id." }) });
