import { diffRevisions, type TDiffPart } from "@factdesk/schema";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

const fieldLabels = {
  rating: "Rating",
  headline: "Headline",
  summary: "Summary",
  explanation: "Explanation",
  correctionNote: "Correction note",
} as const;

/** Removed words struck out, added words underlined. */
export function WordDiff({ parts }: { parts: TDiffPart[] }) {
  return parts.map((part, index) =>
    part.added ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: positional parts of one text, never reordered
      <ins key={index}>{part.value}</ins>
    ) : part.removed ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: positional parts of one text, never reordered
      <del key={index}>{part.value}</del>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: positional parts of one text, never reordered
      <span key={index}>{part.value}</span>
    ),
  );
}

/** Words removed and added between two revisions, field by field. */
export function RevisionDiff({
  before,
  after,
}: {
  before: Parameters<typeof diffRevisions>[0];
  after: Parameters<typeof diffRevisions>[1];
}) {
  const changes = diffRevisions(before, after);
  if (changes.length === 0) return <p className="muted">No differences in the text.</p>;
  return (
    <dl className="diff">
      {changes.map(({ field, parts }) => (
        <div key={field}>
          <dt>{fieldLabels[field]}</dt>
          <dd>
            <WordDiff parts={parts} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** All revisions of a verdict, and the differences between any two of them. */
export function RevisionHistory({ verdictId }: { verdictId: string }) {
  const id = useId();
  const revisions = useQuery(trpc.verdict.revisions.queryOptions({ id: verdictId }));
  const [pair, setPair] = useState<[number, number] | null>(null);
  if (revisions.isPending) return null;
  if (revisions.isError) return <FormError error={revisions.error} />;
  const list = revisions.data;
  const latest = list.at(-1)?.number ?? 1;
  const [from, to] = pair ?? [Math.max(1, latest - 1), latest];
  const find = (n: number) => list.find((r) => r.number === n);

  return (
    <details className="revisions">
      <summary>Revisions ({list.length})</summary>
      <ol>
        {list.map((revision) => (
          <li key={revision.id}>
            Revision {revision.number} by {revision.author.name}, <Timestamp value={revision.createdAt} />
            {revision.publishedAt && (
              <>
                {" "}
                · published <Timestamp value={revision.publishedAt} />
              </>
            )}
            {revision.correctionNote && <> · correction: {revision.correctionNote}</>}
          </li>
        ))}
      </ol>
      {list.length > 1 && (
        <>
          <div className="row">
            <label>
              Compare revision
              <select id={`${id}-from`} value={from} onChange={(e) => setPair([Number(e.target.value), to])}>
                {list.map((r) => (
                  <option key={r.number} value={r.number}>
                    {r.number}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with revision
              <select value={to} onChange={(e) => setPair([from, Number(e.target.value)])}>
                {list.map((r) => (
                  <option key={r.number} value={r.number}>
                    {r.number}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <RevisionDiff before={find(from) ?? {}} after={find(to) ?? {}} />
        </>
      )}
    </details>
  );
}
