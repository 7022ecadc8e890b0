import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import addFormats from "ajv-formats";

/** The Duke Reporters' Lab ClaimReview schema, read in place from ../shared/datasets. */
export const reportersLabSchemaFile = fileURLToPath(
  new URL(
    "../../../../shared/datasets/claimreview_examples/zenodotus_claim-review-schema.json",
    import.meta.url,
  ),
);
export const hasReportersLabSchema = existsSync(reportersLabSchemaFile);

export function reportersLabValidator() {
  const ajv = new Ajv({ allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats.default(ajv);
  // The schema's own keyword: which URL schemes a field may use.
  ajv.addKeyword({
    keyword: "qt-uri-protocols",
    type: "string",
    validate: (protocols: string[], value: string) =>
      protocols.includes(new URL(value).protocol.slice(0, -1)),
  });
  const schema = JSON.parse(readFileSync(reportersLabSchemaFile, "utf8"));
  // Its definitions carry `$id`s that re-root their "#/definitions/…" references; drop them.
  for (const definition of Object.values(schema.definitions) as { $id?: string }[]) delete definition.$id;
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
