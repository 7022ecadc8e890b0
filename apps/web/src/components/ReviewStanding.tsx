import type { RouterOutputs } from "../lib/trpc";

type TReview = NonNullable<RouterOutputs["verdict"]["get"]["review"]>;

/**
 * Where the review stands by the desk's rules, when they ask for more than the four-eyes
 * minimum: the editors needed and who has approved, and the right of reply.
 */
export function ReviewStanding({ review, state }: { review: TReview; state: string }) {
  if (review.approversNeeded < 2 && !review.rightOfReply) return null;
  const inReview = state === "submitted" || state === "approved";
  return (
    <div className="review-standing" role="note" aria-label="The desk's approval rules">
      <p>
        {review.approversNeeded > 1 && (
          <>
            The desk's rules ask {review.approversNeeded} editors to approve this verdict.
            {review.approvedBy.length > 0 && <> Approved so far by {review.approvedBy.join(", ")}.</>}{" "}
          </>
        )}
        {review.stillNeeded && <strong>{review.stillNeeded} </strong>}
        {review.rightOfReply &&
          (review.rightOfReply.onRecord ? (
            <>The claimant's right of reply is on record.</>
          ) : (
            <strong>The right of reply must be on record before publication.</strong>
          ))}
      </p>
      {inReview && (
        <p className="muted">A verdict in review is judged by the rules in force when it is approved.</p>
      )}
    </div>
  );
}
