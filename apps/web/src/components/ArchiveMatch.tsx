import { useT } from "../lib/i18n";
import type { RouterOutputs } from "../lib/trpc";

type TArchiveMatch = RouterOutputs["factCheck"]["match"][number];

/** One past fact-check that matches a text: its rating, who checked it, when, and a link. */
export function ArchiveMatch({ match }: { match: TArchiveMatch }) {
  const t = useT();
  return (
    <>
      {match.rating && <strong>{match.rating}</strong>}
      {match.publisher && <span className="muted"> · {match.publisher}</span>}
      {match.reviewedOn && <span className="muted"> · {match.reviewedOn}</span>}
      <p>
        {match.url ? (
          <a href={match.url} target="_blank" rel="noopener noreferrer">
            {match.text}
          </a>
        ) : (
          match.text
        )}{" "}
        <span className="muted">{t("links.match", { percent: Math.round(match.score * 100) })}</span>
      </p>
    </>
  );
}
