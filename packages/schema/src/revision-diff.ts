import { diffWords } from "diff";

export interface TDiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export const revisionFields = ["rating", "headline", "summary", "explanation", "correctionNote"] as const;
type TRevisionText = Partial<Record<(typeof revisionFields)[number], string | null>>;

/** Word-level differences between two texts. */
export const diffText = (before: string, after: string): TDiffPart[] =>
  diffWords(before, after).map(({ value, added, removed }) => ({
    value,
    ...(added ? { added } : {}),
    ...(removed ? { removed } : {}),
  }));

/** Word-level differences between two revisions, field by field; unchanged fields are left out. */
export function diffRevisions(before: TRevisionText, after: TRevisionText) {
  return revisionFields
    .filter((field) => (before[field] ?? "") !== (after[field] ?? ""))
    .map((field) => ({
      field,
      parts: diffText(before[field] ?? "", after[field] ?? ""),
    }));
}
