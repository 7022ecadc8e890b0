import { describe, expect, it } from "vitest";
import {
  roles,
  type TClaimLinkState,
  type TClaimStatus,
  type TRole,
  type TVerdictState,
  verdictStates,
} from "./enums";
import { DomainError } from "./errors";
import { defaultApprovalRules, type TApprovalRules } from "./inputs/editorial-rules";
import { inEnglish, type TWords } from "./messages";
import {
  allowedTransitions,
  approvalStillNeeded,
  assertTransition,
  claimLinkTransitions,
  claimTransitions,
  stateAfterApproval,
  type TActor,
  type TClaimFacts,
  type TransitionTable,
  type TVerdictFacts,
  verdictEditBlocker,
  verdictEditing,
  verdictTransitions,
} from "./workflow";

const said = (words: TWords | null) => (words ? inEnglish(words) : null);

const actor = (role: TRole, id = `${role}-1`): TActor => ({ id, role });

/** Facts under which every claim precondition holds, so only the role decides. */
const readyClaim = (status: TClaimStatus): { kind: "claim" } & TClaimFacts => ({
  kind: "claim",
  status,
  archived: false,
  sourceCount: 2,
  refutingSourceCount: 1,
  confirmedContradictionCount: 0,
});

const AUTHOR = "author-1";
const readyVerdict = (state: TVerdictState): { kind: "verdict" } & TVerdictFacts => ({
  kind: "verdict",
  state,
  revisionAuthorId: AUTHOR,
  cycleAuthorIds: [AUTHOR],
  claimStatus: "sourced",
  correction: false,
  draft: {
    rating: "false",
    mediaRating: null,
    headline: "The MEK was founded in 1965",
    explanation: "Sources say 1963.",
    correctionNote: null,
  },
  concernsMedia: false,
  rules: defaultApprovalRules,
  approverIds: [],
  recusedIds: [],
  citedSources: 2,
  stancedSources: 1,
  replyOnRecord: false,
});

const edges = <S extends string, F>(table: TransitionTable<S, F>) =>
  (Object.keys(table) as S[]).flatMap((from) => table[from].map((rule) => `${from}->${rule.to}`));

const reachable = <S extends string, F>(table: TransitionTable<S, F>, start: S) => {
  const seen = new Set<S>([start]);
  const queue = [start];
  for (let state = queue.shift(); state; state = queue.shift()) {
    for (const rule of table[state]) {
      if (seen.has(rule.to)) continue;
      seen.add(rule.to);
      queue.push(rule.to);
    }
  }
  return seen;
};

// Who may take each edge when its preconditions hold. Written out by hand on purpose:
// a change to the table must be mirrored here, or the coverage check below fails.
const claimMatrix: [TClaimStatus, TClaimStatus, TRole[]][] = [
  ["unverified", "sourced", ["fact_checker", "editor", "admin"]],
  ["unverified", "disputed", ["fact_checker", "editor", "admin"]],
  ["sourced", "disputed", ["fact_checker", "editor", "admin"]],
  ["sourced", "unverified", ["editor", "admin"]],
  ["disputed", "unverified", ["editor", "admin"]],
];

// For verdicts the actor is not the author unless the edge is author-only.
const verdictMatrix: [TVerdictState, TVerdictState, TRole[], "author" | "other"][] = [
  ["draft", "submitted", ["fact_checker", "editor", "admin"], "author"],
  ["changes_requested", "submitted", ["fact_checker", "editor", "admin"], "author"],
  ["submitted", "approved", ["editor", "admin"], "other"],
  ["submitted", "changes_requested", ["editor", "admin"], "other"],
  ["approved", "published", ["editor", "admin"], "other"],
  ["approved", "submitted", ["editor", "admin"], "other"],
  ["published", "retracted", ["editor", "admin"], "other"],
  ["published", "draft", ["fact_checker", "editor", "admin"], "other"],
];

describe("claim workflow", () => {
  it("covers every edge of the table in the role matrix", () => {
    expect(claimMatrix.map(([from, to]) => `${from}->${to}`).sort()).toEqual(edges(claimTransitions).sort());
  });

  it("reaches every status from unverified", () => {
    expect([...reachable(claimTransitions, "unverified")].sort()).toEqual([
      "disputed",
      "sourced",
      "unverified",
    ]);
  });

  for (const [from, to, allowedRoles] of claimMatrix) {
    for (const role of roles) {
      const expected = allowedRoles.includes(role);
      it(`${role} ${expected ? "may" : "may not"} move a claim ${from} → ${to}`, () => {
        const entity = readyClaim(from);
        const option = allowedTransitions(actor(role), entity).find((o) => o.to === to);
        expect(option?.allowed).toBe(expected);
        const attempt = () => assertTransition(actor(role), entity, to, "checked the record");
        if (expected) expect(attempt).not.toThrow();
        else expect(attempt).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
      });
    }
  }

  it("needs a source before a claim is sourced", () => {
    const entity = { ...readyClaim("unverified"), sourceCount: 0, refutingSourceCount: 0 };
    const option = allowedTransitions(actor("editor"), entity).find((o) => o.to === "sourced");
    expect(option).toMatchObject({
      allowed: false,
      blocker: { code: "PRECONDITION_FAILED", message: "Add a source first." },
    });
    expect(() => assertTransition(actor("admin"), entity, "sourced")).toThrowError(
      expect.objectContaining({ code: "PRECONDITION_FAILED" }),
    );
  });

  it("needs a refuting source or a confirmed contradiction before a claim is disputed", () => {
    const noEvidence = { ...readyClaim("sourced"), refutingSourceCount: 0 };
    expect(() => assertTransition(actor("fact_checker"), noEvidence, "disputed")).toThrowError(
      /refuting source/,
    );
    const contradiction = { ...noEvidence, confirmedContradictionCount: 1 };
    expect(() => assertTransition(actor("fact_checker"), contradiction, "disputed")).not.toThrow();
  });

  it("needs a reason to send a claim back to unverified", () => {
    const attempt = (reason?: string) =>
      assertTransition(actor("editor"), readyClaim("disputed"), "unverified", reason);
    expect(() => attempt()).toThrowError(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => attempt("   ")).toThrowError(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => attempt("Source was misread")).not.toThrow();
  });

  it("refuses a transition the table does not have with CONFLICT", () => {
    const attempt = () => assertTransition(actor("admin"), readyClaim("disputed"), "sourced");
    expect(attempt).toThrowError(DomainError);
    expect(attempt).toThrowError(expect.objectContaining({ code: "CONFLICT" }));
    expect(() => assertTransition(actor("admin"), readyClaim("sourced"), "sourced")).toThrowError(
      /cannot move to Sourced/,
    );
  });

  it("blocks every move of an archived claim until it is restored", () => {
    const archived = { ...readyClaim("unverified"), archived: true };
    const options = allowedTransitions(actor("admin"), archived);
    expect(options.length).toBeGreaterThan(0);
    expect(options.every((o) => !o.allowed && o.blocker?.message.includes("archived"))).toBe(true);
  });

  it("tells a fact-checker which role an editor-only step needs", () => {
    const option = allowedTransitions(actor("fact_checker"), readyClaim("sourced")).find(
      (o) => o.to === "unverified",
    );
    expect(option?.blocker?.message).toBe("Only editors can send back to unverified.");
    expect(option?.requiresReason).toBe(true);
  });
});

describe("verdict workflow", () => {
  it("covers every edge of the table in the role matrix", () => {
    expect(verdictMatrix.map(([from, to]) => `${from}->${to}`).sort()).toEqual(
      edges(verdictTransitions).sort(),
    );
  });

  it("reaches every state from draft", () => {
    expect(reachable(verdictTransitions, "draft").size).toBe(Object.keys(verdictTransitions).length);
  });

  for (const [from, to, allowedRoles, who] of verdictMatrix) {
    for (const role of roles) {
      const expected = allowedRoles.includes(role);
      it(`${role} (${who}) ${expected ? "may" : "may not"} move a verdict ${from} → ${to}`, () => {
        const person = actor(role, who === "author" ? AUTHOR : `${role}-other`);
        const attempt = () => assertTransition(person, readyVerdict(from), to, "a reason");
        if (expected) expect(attempt).not.toThrow();
        else expect(attempt).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
      });
    }
  }

  it("never lets the author of a revision approve it or request changes (four eyes)", () => {
    for (const to of ["approved", "changes_requested"] as const) {
      const option = allowedTransitions(actor("editor", AUTHOR), readyVerdict("submitted")).find(
        (o) => o.to === to,
      );
      expect(option).toMatchObject({ allowed: false, blocker: { code: "FORBIDDEN" } });
    }
  });

  it("never lets anyone who wrote a revision of this review cycle approve it", () => {
    // An editor wrote revision 1; a fact-checker re-saved it as revision 2 and submitted.
    const editor = actor("editor", "editor-who-drafted");
    const resaved = { ...readyVerdict("submitted"), cycleAuthorIds: ["editor-who-drafted", AUTHOR] };
    expect(() => assertTransition(editor, resaved, "approved")).toThrowError(
      "You wrote a revision of this verdict since it was last published; another editor must review it.",
    );
    // Revisions published before (an earlier cycle) do not count.
    const corrected = { ...readyVerdict("submitted"), correction: true, cycleAuthorIds: [AUTHOR] };
    expect(() => assertTransition(editor, corrected, "approved")).not.toThrow();
  });

  it("lets only the author submit", () => {
    expect(() =>
      assertTransition(actor("editor", "someone-else"), readyVerdict("draft"), "submitted"),
    ).toThrowError(/Only the author/);
  });

  it("refuses to submit an incomplete draft or one on an unverified claim", () => {
    const author = actor("fact_checker", AUTHOR);
    const incomplete = {
      ...readyVerdict("draft"),
      draft: { rating: "false", mediaRating: null, headline: " ", explanation: null, correctionNote: null },
    };
    expect(() => assertTransition(author, incomplete, "submitted")).toThrowError(
      "Fill in the headline and one more field first.",
    );
    const unverified = { ...readyVerdict("draft"), claimStatus: "unverified" as const };
    expect(() => assertTransition(author, unverified, "submitted")).toThrowError(
      expect.objectContaining({ code: "PRECONDITION_FAILED" }),
    );
  });

  it("needs a correction note before a correction is submitted", () => {
    const author = actor("fact_checker", AUTHOR);
    const correction = { ...readyVerdict("draft"), correction: true };
    expect(() => assertTransition(author, correction, "submitted")).toThrowError(/correction note/);
    const noted = { ...correction, draft: { ...correction.draft, correctionNote: "Founding year fixed." } };
    expect(() => assertTransition(author, noted, "submitted")).not.toThrow();
  });

  it("asks a verdict on an image or a video for its MediaReview rating before review", () => {
    const author = actor("fact_checker", AUTHOR);
    const aboutMedia = { ...readyVerdict("draft"), concernsMedia: true };
    expect(() => assertTransition(author, aboutMedia, "submitted")).toThrowError(
      "Say how the image or video was presented (its MediaReview rating) first.",
    );
    const rated = { ...aboutMedia, draft: { ...aboutMedia.draft, mediaRating: "transformed" } };
    expect(() => assertTransition(author, rated, "submitted")).not.toThrow();
  });

  it("needs a comment to request changes and a public reason to retract", () => {
    const editor = actor("editor", "editor-2");
    expect(() => assertTransition(editor, readyVerdict("submitted"), "changes_requested")).toThrowError(
      "Request changes needs a reason.",
    );
    expect(() => assertTransition(editor, readyVerdict("published"), "retracted")).toThrowError(
      "Retract needs a reason.",
    );
  });

  it("offers nothing once retracted", () => {
    expect(allowedTransitions(actor("admin"), readyVerdict("retracted"))).toEqual([]);
  });

  it("says for every state whether saving revises, corrects or must wait", () => {
    expect(Object.keys(verdictEditing).sort()).toEqual([...verdictStates].sort());
    expect(verdictStates.filter((state) => verdictEditBlocker(state) === null)).toEqual([
      "draft",
      "changes_requested",
      "published",
    ]);
    expect(said(verdictEditBlocker("approved"))).toMatch(/approved; it can be edited again/);
  });
});

/**
 * The desk's approval rules against the whole table: each scenario names the edges it blocks
 * (and how) for a person the role matrix would otherwise let through; every other edge stays as
 * the matrix says. Scenarios are functions of the person, for rules about who they are.
 */
const rules = (change: Partial<TApprovalRules>): TApprovalRules => ({ ...defaultApprovalRules, ...change });
const ruleScenarios: {
  name: string;
  facts: (person: TActor) => Partial<TVerdictFacts>;
  blocks: Partial<Record<string, "FORBIDDEN" | "PRECONDITION_FAILED">>;
}[] = [
  { name: "the default rules", facts: () => ({}), blocks: {} },
  {
    name: "two approvers for False, one other editor has approved",
    facts: () => ({ rules: rules({ approversByRating: { false: 2 } }), approverIds: ["editor-first"] }),
    blocks: {},
  },
  {
    name: "two approvers for False, this person has approved",
    facts: (person) => ({ rules: rules({ approversByRating: { false: 2 } }), approverIds: [person.id] }),
    blocks: { "submitted->approved": "FORBIDDEN" },
  },
  {
    name: "this person declared a conflict of interest",
    facts: (person) => ({ recusedIds: [person.id] }),
    blocks: {
      "submitted->approved": "FORBIDDEN",
      "submitted->changes_requested": "FORBIDDEN",
      "approved->published": "FORBIDDEN",
    },
  },
  {
    name: "someone else declared a conflict of interest",
    facts: () => ({ recusedIds: ["editor-conflicted"] }),
    blocks: {},
  },
  {
    name: "three sources needed, two cited",
    facts: () => ({ rules: rules({ minSources: 3 }) }),
    blocks: {
      "draft->submitted": "PRECONDITION_FAILED",
      "changes_requested->submitted": "PRECONDITION_FAILED",
    },
  },
  {
    name: "two sources with a stance needed, one cited",
    facts: () => ({ rules: rules({ minSources: 2, minStancedSources: 2 }) }),
    blocks: {
      "draft->submitted": "PRECONDITION_FAILED",
      "changes_requested->submitted": "PRECONDITION_FAILED",
    },
  },
  {
    name: "right of reply required, none on record",
    facts: () => ({ rules: rules({ rightOfReply: true }) }),
    blocks: { "approved->published": "PRECONDITION_FAILED" },
  },
  {
    name: "right of reply required and on record",
    facts: () => ({ rules: rules({ rightOfReply: true }), replyOnRecord: true }),
    blocks: {},
  },
];

describe("approval rules × role × state", () => {
  for (const scenario of ruleScenarios)
    for (const [from, to, allowedRoles, who] of verdictMatrix)
      for (const role of roles) {
        const person = actor(role, who === "author" ? AUTHOR : `${role}-other`);
        const blocked = scenario.blocks[`${from}->${to}`];
        const expected = !allowedRoles.includes(role) ? "FORBIDDEN" : (blocked ?? "allowed");
        it(`${scenario.name}: ${role} (${who}) ${from} → ${to} is ${expected}`, () => {
          const entity = { ...readyVerdict(from), ...scenario.facts(person) };
          const attempt = () => assertTransition(person, entity, to, "a reason");
          if (expected === "allowed") expect(attempt).not.toThrow();
          else expect(attempt).toThrowError(expect.objectContaining({ code: expected }));
        });
      }

  it("approves once enough distinct editors have, and says who is still needed", () => {
    const twoForFalse = { ...readyVerdict("submitted"), rules: rules({ approversByRating: { false: 2 } }) };
    expect(stateAfterApproval(twoForFalse)).toBe("submitted");
    expect(approvalStillNeeded(twoForFalse)).toBeNull();
    const oneIn = { ...twoForFalse, approverIds: ["editor-first"] };
    expect(said(approvalStillNeeded(oneIn))).toBe("Needs a second editor's approval (1 of 2).");
    expect(stateAfterApproval(oneIn)).toBe("approved");
    // Other ratings keep the desk-wide number; the desk-wide number is a floor.
    const trueRating = { ...twoForFalse, draft: { ...twoForFalse.draft, rating: "true" } };
    expect(stateAfterApproval(trueRating)).toBe("approved");
    const three = { ...oneIn, rules: rules({ approvers: 3, approversByRating: { false: 2 } }) };
    expect(stateAfterApproval(three)).toBe("submitted");
    expect(said(approvalStillNeeded(three))).toBe("Needs a second editor's approval (1 of 3).");
    expect(() => assertTransition(actor("editor", "editor-first"), oneIn, "approved")).toThrowError(
      "You approved this revision. Needs a second editor's approval (1 of 2).",
    );
  });

  it("says which rule blocks, in the words the UI shows", () => {
    const author = actor("fact_checker", AUTHOR);
    const fewSources = { ...readyVerdict("draft"), rules: rules({ minSources: 3 }) };
    expect(() => assertTransition(author, fewSources, "submitted")).toThrowError(
      "Cite at least 3 sources in the verdict first (the desk's rule; it cites 2).",
    );
    const noReply = { ...readyVerdict("approved"), rules: rules({ rightOfReply: true }) };
    expect(() => assertTransition(actor("editor"), noReply, "published")).toThrowError(
      /^Record the right of reply first/,
    );
  });
});

const linkMatrix: [TClaimLinkState, TClaimLinkState, TRole[]][] = [
  ["suggested", "confirmed", ["fact_checker", "editor", "admin"]],
  ["suggested", "rejected", ["fact_checker", "editor", "admin"]],
  ["confirmed", "rejected", ["editor", "admin"]],
  ["rejected", "confirmed", ["editor", "admin"]],
];

describe("claim link workflow", () => {
  it("covers every edge of the table in the role matrix", () => {
    expect(linkMatrix.map(([from, to]) => `${from}->${to}`).sort()).toEqual(
      edges(claimLinkTransitions).sort(),
    );
  });

  for (const [from, to, allowedRoles] of linkMatrix) {
    for (const role of roles) {
      const expected = allowedRoles.includes(role);
      it(`${role} ${expected ? "may" : "may not"} move a link ${from} → ${to}`, () => {
        const attempt = () => assertTransition(actor(role), { kind: "claim_link", state: from }, to);
        if (expected) expect(attempt).not.toThrow();
        else expect(attempt).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
      });
    }
  }

  it("refuses deciding a link again as the state it is in", () => {
    expect(() =>
      assertTransition(actor("admin"), { kind: "claim_link", state: "confirmed" }, "confirmed"),
    ).toThrowError("A link that is Confirmed cannot move to Confirmed.");
  });
});
