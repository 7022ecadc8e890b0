import type { TClaimLinkState, TClaimStatus, TRole, TVerdictState } from "./enums";
import { DomainError } from "./errors";
import type { TApprovalRules } from "./inputs/editorial-rules";
import { inEnglish, type TMessageId, type TWords, words } from "./messages";

/**
 * The review workflow: one transition table per entity, and pure functions over it.
 * The server enforces with `assertTransition`; the UI renders buttons from
 * `allowedTransitions`. Nothing else decides whether a status may change.
 */

export interface TActor {
  id: string;
  role: TRole;
}

const roleRank: Record<TRole, number> = { fact_checker: 0, editor: 1, admin: 2 };

/** Roles are ordered: an admin can do whatever an editor can, an editor what a fact-checker can. */
export const hasRole = (actor: Pick<TActor, "role">, minimum: TRole): boolean =>
  roleRank[actor.role] >= roleRank[minimum];

export interface TBlocker {
  /** FORBIDDEN: this actor may never do it. PRECONDITION_FAILED: not yet, the data must change first. */
  code: "FORBIDDEN" | "PRECONDITION_FAILED";
  /** In English, for API clients and logs; `words` says it in the person's language. */
  message: string;
  words: TWords;
}

interface TransitionRule<S extends string, F> {
  to: S;
  /** Imperative label for the button, e.g. "Mark sourced". */
  label: string;
  minRole: TRole;
  /** The actor must say why; the reason is kept in the audit event. */
  requiresReason?: boolean;
  guard?: (facts: F, actor: TActor) => TBlocker | null;
}

/** Keyed by every state, so a new state that is not wired in fails the typecheck. */
export type TransitionTable<S extends string, F> = {
  readonly [K in S]: readonly TransitionRule<S, F>[];
};

export interface TTransitionOption<S extends string> {
  to: S;
  label: string;
  requiresReason: boolean;
  allowed: boolean;
  blocker?: TBlocker;
}

const blocker =
  (code: TBlocker["code"]) =>
  (id: TMessageId, values?: TWords["values"]): TBlocker => {
    const said = words(id, values);
    return { code, message: inEnglish(said), words: said };
  };
const forbidden = blocker("FORBIDDEN");
const notYet = blocker("PRECONDITION_FAILED");

/** A step's name as a button says it, and as a phrase inside a sentence. */
const stepName = (label: string) => words(`step.${label}` as TMessageId);
const stepPhrase = (label: string) => words(`stepPhrase.${label}` as TMessageId);

// ── Claims ──────────────────────────────────────────────────────────────────────────────

export interface TClaimFacts {
  status: TClaimStatus;
  /** An archived claim is out of the workflow until it is restored. */
  archived: boolean;
  sourceCount: number;
  refutingSourceCount: number;
  confirmedContradictionCount: number;
}

const hasDisputingEvidence = (facts: TClaimFacts) =>
  facts.refutingSourceCount > 0 || facts.confirmedContradictionCount > 0
    ? null
    : notYet("blocker.disputingEvidence");

const backToUnverified: TransitionRule<TClaimStatus, TClaimFacts> = {
  to: "unverified",
  label: "Send back to unverified",
  minRole: "editor",
  requiresReason: true,
};

const markDisputed: TransitionRule<TClaimStatus, TClaimFacts> = {
  to: "disputed",
  label: "Mark disputed",
  minRole: "fact_checker",
  guard: hasDisputingEvidence,
};

export const claimTransitions: TransitionTable<TClaimStatus, TClaimFacts> = {
  unverified: [
    {
      to: "sourced",
      label: "Mark sourced",
      minRole: "fact_checker",
      guard: (facts) => (facts.sourceCount > 0 ? null : notYet("blocker.addSource")),
    },
    markDisputed,
  ],
  sourced: [markDisputed, backToUnverified],
  disputed: [backToUnverified],
};

// ── Verdicts ────────────────────────────────────────────────────────────────────────────

export interface TVerdictFacts {
  state: TVerdictState;
  /** Author of the current revision: the one who may submit it. */
  revisionAuthorId: string;
  /**
   * Authors of every revision since the verdict was last published (the review cycle): none
   * of them may review it, however the revisions took turns.
   */
  cycleAuthorIds: readonly string[];
  claimStatus: TClaimStatus;
  /** The verdict was published before: this draft is a correction and must say what changed. */
  correction: boolean;
  draft: {
    rating: string | null;
    /** MediaReview's rating, for a claim about an image or a video. */
    mediaRating: string | null;
    headline: string | null;
    explanation: string | null;
    correctionNote: string | null;
  };
  /** The claim is about an image or a video: its verdict also says how that was presented. */
  concernsMedia: boolean;
  /** The desk's rules in force now: a verdict in review is judged by them when it is approved. */
  rules: TApprovalRules;
  /** Editors who approved the current revision so far (when the rules ask for more than one). */
  approverIds: readonly string[];
  /** Editors who declared a conflict of interest on the claim. */
  recusedIds: readonly string[];
  /** Sources the current revision cites, and how many of them support or refute the claim. */
  citedSources: number;
  stancedSources: number;
  /** The claimant's right of reply is on record: a response, a deadline passed, or an editor's waiver. */
  replyOnRecord: boolean;
}

/** How many distinct editors must approve a verdict with this rating, by the desk's rules. */
export const approversNeeded = (rules: TApprovalRules, rating: string | null) =>
  Math.max(rules.approvers, (rating && rules.approversByRating[rating]) || 0);

/**
 * Where an approval leaves the verdict: approved once enough distinct editors approved the
 * revision, else still in review, waiting for the next editor.
 */
export const stateAfterApproval = (facts: TVerdictFacts): "approved" | "submitted" =>
  facts.approverIds.length + 1 >= approversNeeded(facts.rules, facts.draft.rating) ? "approved" : "submitted";

/** What the review still needs, in words: "Needs a second editor's approval", or null. */
export function approvalStillNeeded(facts: TVerdictFacts): TWords | null {
  const needed = approversNeeded(facts.rules, facts.draft.rating);
  const given = facts.approverIds.length;
  if (facts.state !== "submitted" || given === 0 || given >= needed) return null;
  return words("approval.stillNeeded", { next: given + 1, given, needed });
}

const enoughSources = ({ rules, citedSources, stancedSources }: TVerdictFacts): TBlocker | null => {
  if (citedSources < rules.minSources)
    return notYet("blocker.minSources", { min: rules.minSources, cited: citedSources });
  if (stancedSources < rules.minStancedSources)
    return notYet("blocker.minStancedSources", { min: rules.minStancedSources, cited: stancedSources });
  return null;
};

const canSubmit = (facts: TVerdictFacts, actor: TActor): TBlocker | null => {
  if (actor.id !== facts.revisionAuthorId) {
    return forbidden("blocker.onlyAuthorSubmits");
  }
  if (facts.claimStatus === "unverified") {
    return notYet("blocker.claimUnverified");
  }
  const missing = (["rating", "headline", "explanation"] as const).filter(
    (field) => !facts.draft[field]?.trim(),
  );
  if (missing.length > 0)
    return notYet("blocker.fillIn", { field: missing[0] ?? "", more: missing.length - 1 });
  if (facts.concernsMedia && !facts.draft.mediaRating) return notYet("blocker.mediaRating");
  if (facts.correction && !facts.draft.correctionNote?.trim()) return notYet("blocker.correctionNote");
  return enoughSources(facts);
};

/** Four-eyes rule: nobody who wrote any revision of this review cycle reviews it. */
const notTheAuthor = (facts: TVerdictFacts, actor: TActor) =>
  facts.cycleAuthorIds.includes(actor.id)
    ? forbidden(actor.id === facts.revisionAuthorId ? "blocker.ownRevision" : "blocker.ownCycle")
    : null;

/** Recusal: an editor who declared a conflict of interest on the claim neither reviews nor publishes it. */
const notRecused = (facts: TVerdictFacts, actor: TActor) =>
  facts.recusedIds.includes(actor.id) ? forbidden("blocker.recused") : null;

/** The distinct-approvers rule: each editor approves a revision once. */
const notApprovedYetBy = (facts: TVerdictFacts, actor: TActor) =>
  facts.approverIds.includes(actor.id)
    ? forbidden("blocker.approvedAlready", { needs: approvalStillNeeded(facts) ?? words("approval.another") })
    : null;

/** Right of reply, when the desk requires it: the claimant answered, or had until a deadline that passed. */
const replyOnRecord = (facts: TVerdictFacts) =>
  facts.rules.rightOfReply && !facts.replyOnRecord ? notYet("blocker.rightOfReply") : null;

/** The first blocker of several guards, in order. */
const firstBlocker =
  (...guards: ((facts: TVerdictFacts, actor: TActor) => TBlocker | null)[]) =>
  (facts: TVerdictFacts, actor: TActor) =>
    guards.reduce<TBlocker | null>((blocker, guard) => blocker ?? guard(facts, actor), null);

const submit: TransitionRule<TVerdictState, TVerdictFacts> = {
  to: "submitted",
  label: "Submit for approval",
  minRole: "fact_checker",
  guard: canSubmit,
};

export const verdictTransitions: TransitionTable<TVerdictState, TVerdictFacts> = {
  draft: [submit],
  changes_requested: [submit],
  submitted: [
    // Approved once enough distinct editors approved (stateAfterApproval); until then it stays in review.
    {
      to: "approved",
      label: "Approve",
      minRole: "editor",
      guard: firstBlocker(notTheAuthor, notRecused, notApprovedYetBy),
    },
    {
      to: "changes_requested",
      label: "Request changes",
      minRole: "editor",
      requiresReason: true,
      guard: firstBlocker(notTheAuthor, notRecused),
    },
  ],
  approved: [
    { to: "published", label: "Publish", minRole: "editor", guard: firstBlocker(notRecused, replyOnRecord) },
    // Back into review, e.g. to change a cited source: the approval then covers nothing.
    { to: "submitted", label: "Withdraw approval", minRole: "editor", requiresReason: true },
  ],
  published: [
    { to: "retracted", label: "Retract", minRole: "editor", requiresReason: true },
    // A correction: a new draft revision that goes through the same review again.
    { to: "draft", label: "Start a correction", minRole: "fact_checker" },
  ],
  retracted: [],
};

/**
 * What saving does in each verdict state: a new revision of the draft, a correction of a
 * published verdict (a new draft, reviewed again), or nothing until the review moves on.
 */
export const verdictEditing: { readonly [S in TVerdictState]: "revise" | "correct" | null } = {
  draft: "revise",
  changes_requested: "revise",
  submitted: null,
  approved: null,
  published: "correct",
  retracted: null,
};

/** Why a verdict in `state` cannot be edited now, or null when it can. */
export function verdictEditBlocker(state: TVerdictState): TWords | null {
  if (verdictEditing[state]) return null;
  return state === "retracted" ? words("verdict.edit.retracted") : words("verdict.edit.inReview", { state });
}

// ── Claim links ─────────────────────────────────────────────────────────────────────────

export interface TClaimLinkFacts {
  state: TClaimLinkState;
}

/** A suggestion is decided by any fact-checker; overturning a decision is an editor's call. */
export const claimLinkTransitions: TransitionTable<TClaimLinkState, TClaimLinkFacts> = {
  suggested: [
    { to: "confirmed", label: "Confirm", minRole: "fact_checker" },
    { to: "rejected", label: "Reject", minRole: "fact_checker" },
  ],
  confirmed: [{ to: "rejected", label: "Reject this confirmed link", minRole: "editor" }],
  rejected: [{ to: "confirmed", label: "Confirm this rejected link", minRole: "editor" }],
};

// ── Evaluation ──────────────────────────────────────────────────────────────────────────

export type TWorkflowEntity =
  | ({ kind: "claim" } & TClaimFacts)
  | ({ kind: "verdict" } & TVerdictFacts)
  | ({ kind: "claim_link" } & TClaimLinkFacts);

const currentState = (entity: TWorkflowEntity): string =>
  entity.kind === "claim" ? entity.status : entity.state;

function evaluate<S extends string, F>(
  rules: readonly TransitionRule<S, F>[],
  facts: F,
  actor: TActor,
): TTransitionOption<S>[] {
  return rules.map((rule) => {
    const blocker = hasRole(actor, rule.minRole)
      ? (rule.guard?.(facts, actor) ?? null)
      : forbidden("blocker.role", { role: rule.minRole, step: stepPhrase(rule.label) });
    return {
      to: rule.to,
      label: rule.label,
      requiresReason: rule.requiresReason ?? false,
      allowed: blocker === null,
      ...(blocker ? { blocker } : {}),
    };
  });
}

/** Every transition out of the entity's current state, each allowed or with what blocks it. */
export function allowedTransitions(
  actor: TActor,
  entity: { kind: "claim" } & TClaimFacts,
): TTransitionOption<TClaimStatus>[];
export function allowedTransitions(
  actor: TActor,
  entity: { kind: "verdict" } & TVerdictFacts,
): TTransitionOption<TVerdictState>[];
export function allowedTransitions(
  actor: TActor,
  entity: { kind: "claim_link" } & TClaimLinkFacts,
): TTransitionOption<TClaimLinkState>[];
export function allowedTransitions(actor: TActor, entity: TWorkflowEntity): TTransitionOption<string>[];
export function allowedTransitions(actor: TActor, entity: TWorkflowEntity): TTransitionOption<string>[] {
  if (entity.kind === "verdict") return evaluate(verdictTransitions[entity.state], entity, actor);
  if (entity.kind === "claim_link") return evaluate(claimLinkTransitions[entity.state], entity, actor);
  const options = evaluate(claimTransitions[entity.status], entity, actor);
  if (!entity.archived) return options;
  const archived = notYet("blocker.archived");
  return options.map((option) => ({ ...option, allowed: false, blocker: archived }));
}

/** A state's name, as the catalog says it. */
const stateName = (entity: TWorkflowEntity, state: string) =>
  words(
    `${entity.kind === "claim" ? "claimStatus" : entity.kind === "claim_link" ? "linkState" : "verdictState"}.${state}` as TMessageId,
  );

/**
 * Throws the DomainError that explains why `actor` may not move `entity` to `to`:
 * CONFLICT (no such transition from here), FORBIDDEN (role or person),
 * PRECONDITION_FAILED (data missing), BAD_REQUEST (reason missing).
 */
export function assertTransition(
  actor: TActor,
  entity: TWorkflowEntity,
  to: string,
  reason?: string | null,
): TTransitionOption<string> {
  const from = currentState(entity);
  const option = allowedTransitions(actor, entity).find((candidate) => candidate.to === to);
  if (!option) {
    throw new DomainError(
      "CONFLICT",
      words("transition.impossible", {
        entity: entity.kind,
        from: stateName(entity, from),
        to: stateName(entity, to),
      }),
      { from, to },
    );
  }
  if (option.blocker) throw new DomainError(option.blocker.code, option.blocker.words);
  if (option.requiresReason && !reason?.trim()) {
    throw new DomainError("BAD_REQUEST", words("transition.needsReason", { step: stepName(option.label) }));
  }
  return option;
}
