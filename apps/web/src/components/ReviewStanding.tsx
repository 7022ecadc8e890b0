import { useSay, useT } from "../lib/i18n";
import type { RouterOutputs } from "../lib/trpc";

type TReview = NonNullable<RouterOutputs["verdict"]["get"]["review"]>;

/**
 * Where the review stands by the desk's rules, when they ask for more than the four-eyes
 * minimum: the editors needed and who has approved, and the right of reply.
 */
export function ReviewStanding({ review, state }: { review: TReview; state: string }) {
  const t = useT();
  const say = useSay();
  if (review.approversNeeded < 2 && !review.rightOfReply) return null;
  const inReview = state === "submitted" || state === "approved";
  return (
    <div className="review-standing" role="note" aria-label={t("review.rules")}>
      <p>
        {review.approversNeeded > 1 && (
          <>
            {t("review.editorsNeeded", { count: review.approversNeeded })}
            {review.approvedBy.length > 0 && (
              <> {t("review.approvedBy", { names: review.approvedBy.join(", ") })}</>
            )}{" "}
          </>
        )}
        {review.stillNeeded && <strong>{say(review.stillNeeded)} </strong>}
        {review.rightOfReply &&
          (review.rightOfReply.onRecord ? (
            t("review.replyOnRecord")
          ) : (
            <strong>{t("review.replyNeeded")}</strong>
          ))}
      </p>
      {inReview && <p className="muted">{t("review.judgedBy")}</p>}
    </div>
  );
}
