import { useMutation, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { useT } from "../lib/i18n";
import { type RouterOutputs, refreshClaimViews, trpc } from "../lib/trpc";
import { ArchiveMatch } from "./ArchiveMatch";
import { FormError } from "./FormError";
import { StatusBadge } from "./StatusBadge";

/** Similar, duplicate and contradicting claims found at ingest, to confirm or reject. */
/** A link as the server checks it: which one, at the version shown. */
const pick = ({ id, version }: { id: string; version: number }) => ({ id, version });

export function LinksPanel({ claimId }: { claimId: string }) {
  const id = useId();
  const t = useT();
  const links = useQuery(trpc.claim.links.queryOptions({ id: claimId }));
  const decide = useMutation(
    trpc.claim.decideLinks.mutationOptions({ onSettled: () => refreshClaimViews() }),
  );
  const archive = useQuery(trpc.claim.archiveMatches.queryOptions({ id: claimId }));
  const suggested = links.data?.filter((link) => link.state === "suggested") ?? [];
  if (!links.data?.length && !archive.data?.length) return null;

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("links.title")}</h2>
      {archive.data?.length ? <ArchiveMatches matches={archive.data} /> : null}
      <ul className="links">
        {(links.data ?? []).map((link) => (
          <li key={link.id} className={`link link-${link.kind}`}>
            <strong>{t(`links.kind.${link.kind}`)}</strong>
            {link.reason && <span className="notice-inline"> {link.reason}</span>}{" "}
            <span className="muted">({t(`links.state.${link.state}`)})</span>
            {link.other && (
              <p>
                <Link to={`/claims/${link.other.id}`}>{link.other.text}</Link>{" "}
                <StatusBadge status={link.other.status} />
                {link.other.publishedVerdictSlug && (
                  <a
                    className="badge badge-verdict-published"
                    href={`/verdicts/${link.other.publishedVerdictSlug}`}
                  >
                    {t("links.factChecked")}
                  </a>
                )}
                {link.other.article && <span className="muted"> · {link.other.article}</span>}
              </p>
            )}
            {link.state === "suggested" && (
              <div className="row">
                <button
                  type="button"
                  className="secondary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ links: [pick(link)], state: "confirmed" })}
                >
                  {t("links.confirm")}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ links: [pick(link)], state: "rejected" })}
                >
                  {t("links.reject")}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {suggested.length > 1 && (
        <div className="row">
          <button
            type="button"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ links: suggested.map(pick), state: "confirmed" })}
          >
            {t("links.confirmAll", { count: suggested.length })}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ links: suggested.map(pick), state: "rejected" })}
          >
            {t("links.rejectAll", { count: suggested.length })}
          </button>
        </div>
      )}
      <FormError error={decide.error} />
    </section>
  );
}

/** Past fact-checks from the imported archive that this claim matches. */
function ArchiveMatches({ matches }: { matches: RouterOutputs["claim"]["archiveMatches"] }) {
  const t = useT();
  return (
    <ul className="links" aria-label={t("links.factChecked")}>
      {matches.map((match) => (
        <li key={match.id} className="link link-archive">
          <span className="badge badge-verdict-published">{t("links.factChecked")}</span>{" "}
          <ArchiveMatch match={match} />
        </li>
      ))}
    </ul>
  );
}
