import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, trpc } from "../lib/trpc";
import { Timestamp } from "./Timestamp";

/**
 * A source's archived copy, read when opened: the page's readable text as it was first kept
 * (the evidence, whatever the address serves now) and the latest checks of the address.
 */
export function ArchivedCopy({ sourceId, title }: { sourceId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const archive = useQuery({ ...trpc.source.archive.queryOptions({ id: sourceId }), enabled: open });
  return (
    <details className="archived-copy" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Archived copy<span className="visually-hidden"> of {title}</span>
      </summary>
      {archive.isPending ? (
        <p className="muted">Loading the archived copy…</p>
      ) : archive.isError ? (
        <p role="alert" className="error">
          {errorMessage(archive.error)}
        </p>
      ) : archive.data.kept ? (
        <>
          <p className="muted">
            Kept <Timestamp value={archive.data.kept.fetchedAt} /> (HTTP {archive.data.kept.httpStatus}
            {archive.data.kept.bodySha256 && <>, SHA-256 {archive.data.kept.bodySha256.slice(0, 12)}…</>})
            {archive.data.kept.title && <>: {archive.data.kept.title}</>}
          </p>
          <blockquote className="archived-text">{archive.data.kept.text}</blockquote>
        </>
      ) : (
        <p className="muted">
          No copy kept yet
          {archive.data.checks[0]?.error
            ? `: ${archive.data.checks[0].error}`
            : ": the address is fetched in the background, moments after the source is added."}
        </p>
      )}
      {archive.data && archive.data.checks.length > 0 && (
        <ul className="muted" aria-label="Checks of the address">
          {archive.data.checks.map((check) => (
            <li key={String(check.fetchedAt)}>
              <Timestamp value={check.fetchedAt} />:{" "}
              {check.httpStatus ? `answered ${check.httpStatus}` : (check.error ?? "no answer")}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
