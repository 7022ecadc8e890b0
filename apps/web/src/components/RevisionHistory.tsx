import { diffRevisions, type TDiffPart } from "@factdesk/schema";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormattedMessage } from "react-intl";
import { useT } from "../lib/i18n";
import { trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

const fieldLabels = {
  rating: "verdictPanel.rating",
  headline: "verdictPanel.headlineField",
  summary: "verdictPanel.summary",
  explanation: "verdictPanel.explanation",
  correctionNote: "verdictPanel.correctionNoteField",
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
  const t = useT();
  const changes = diffRevisions(before, after);
  if (changes.length === 0) return <p className="muted">{t("revisions.none")}</p>;
  return (
    <dl className="diff">
      {changes.map(({ field, parts }) => (
        <div key={field}>
          <dt>{t(fieldLabels[field])}</dt>
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
  const t = useT();
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
      <summary>{t("revisions.summary", { count: list.length })}</summary>
      <ol>
        {list.map((revision) => (
          <li key={revision.id}>
            <FormattedMessage
              id="revisions.by"
              values={{
                number: revision.number,
                author: revision.author.name,
                date: <Timestamp value={revision.createdAt} />,
              }}
            />
            {revision.publishedAt && (
              <FormattedMessage
                id="revisions.published"
                values={{ date: <Timestamp value={revision.publishedAt} /> }}
              />
            )}
            {revision.correctionNote && t("revisions.correction", { note: revision.correctionNote })}
          </li>
        ))}
      </ol>
      {list.length > 1 && (
        <>
          <div className="row">
            <label>
              {t("revisions.compare")}
              <select id={`${id}-from`} value={from} onChange={(e) => setPair([Number(e.target.value), to])}>
                {list.map((r) => (
                  <option key={r.number} value={r.number}>
                    {r.number}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("revisions.with")}
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
