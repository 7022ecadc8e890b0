import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import schema from "./claim-review.schema.json" with { type: "json" };

/**
 * Validates ClaimReview JSON-LD against the repository's own JSON Schema (claim-review.schema.json:
 * schema.org's types with Google's and the Reporters' Lab's requirements), so the check always runs.
 */
export function claimReviewValidator() {
  const ajv = new Ajv({ allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

/** Google's ClaimReview requirements (developers.google.com/search/docs/appearance/structured-data/factcheck). */
export function googleProblems(review: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const rating = review.reviewRating as Record<string, string> | undefined;
  if (!review.claimReviewed) problems.push("claimReviewed");
  if (!review.url) problems.push("url");
  if (!rating?.alternateName) problems.push("reviewRating.alternateName");
  if (!(review.author as { name?: string } | undefined)?.name) problems.push("author.name");
  if (rating?.ratingValue !== undefined) {
    const [value, best, worst] = [rating.ratingValue, rating.bestRating, rating.worstRating].map(Number);
    if (
      !(worst !== undefined && best !== undefined && value !== undefined && worst <= value && value <= best)
    )
      problems.push("ratingValue outside worstRating..bestRating");
  }
  return problems;
}
