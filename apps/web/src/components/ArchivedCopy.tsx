import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormattedMessage } from "react-intl";
import { useErrorMessage, useT } from "../lib/i18n";
import { trpc } from "../lib/trpc";
import { Timestamp } from "./Timestamp";

/**
 * A source's archived copy, read when opened: the page's readable text as it was first kept
 * (the evidence, whatever the address serves now) and the latest checks of the address.
 */
export function ArchivedCopy({ sourceId, title }: { sourceId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const t = useT();
  const errorMessage = useErrorMessage();
  const archive = useQuery({ ...trpc.source.archive.queryOptions({ id: sourceId }), enabled: open });
  return (
    <details className="archived-copy" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t("archived.summary")}
        <span className="visually-hidden">{t("archived.of", { title })}</span>
      </summary>
      {archive.isPending ? (
        <p className="muted">{t("archived.loading")}</p>
      ) : archive.isError ? (
        <p role="alert" className="error">
          {errorMessage(archive.error)}
        </p>
      ) : archive.data.kept ? (
        <>
          <p className="muted">
            <FormattedMessage
              id="archived.kept"
              values={{
                date: <Timestamp value={archive.data.kept.fetchedAt} />,
                status: archive.data.kept.httpStatus ?? "",
                hash: archive.data.kept.bodySha256
                  ? `, SHA-256 ${archive.data.kept.bodySha256.slice(0, 12)}…`
                  : "",
              }}
            />
            {archive.data.kept.title && <>: {archive.data.kept.title}</>}
          </p>
          <blockquote className="archived-text">{archive.data.kept.text}</blockquote>
        </>
      ) : (
        <p className="muted">
          {archive.data.checks[0]?.error
            ? t("archived.failed", { error: archive.data.checks[0].error })
            : t("archived.fetching")}
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
