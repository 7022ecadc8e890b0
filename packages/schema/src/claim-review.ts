import type { ClaimReview, WithContext } from "schema-dts";

/** What a published verdict says about a claim, as ClaimReview needs it. */
export interface TClaimReviewInput {
  /** The verdict page's absolute canonical URL. */
  pageUrl: string;
  headline?: string | null;
  publishedAt: Date;
  /** When the current publication (a correction) went out, if after the first. */
  modifiedAt?: Date | null;
  claim: {
    text: string;
    claimant?: string | null;
    /** Whether the claimant is a person or an organisation (ClaimReview's author type). */
    claimantKind?: "person" | "organisation" | null;
    /** Where the claim appeared (the article), when known. */
    appearanceUrl?: string | null;
    appearanceTitle?: string | null;
    appearanceOutlet?: string | null;
    appearedAt?: Date | null;
    /** The day the claim was made (ISO), when known; else the appearance's date stands for it. */
    statedOn?: string | null;
    /** BCP 47: the claim's and the review's language. */
    language?: string | null;
  };
  organisation: { name: string | null; url: string | null; logoUrl?: string | null };
  rating: {
    label: string;
    /** Position on the ordinal scale (1 = worst), or null for ratings outside it. */
    ordinal: number | null;
    /** The highest ordinal of the scale (the best rating). */
    best: number;
  };
}

export type TClaimReviewResult =
  | { ok: true; claimReview: WithContext<ClaimReview> }
  | { ok: false; problems: string[] };

export const isAbsoluteHttpUrl = (value: string | null | undefined): value is string => {
  if (!value) return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The ClaimReview of a published verdict, or the reasons it cannot be valid: every field
 * Google and the Duke Reporters' Lab schema require, and a numeric rating only when the
 * rating is on the ordinal scale (then always within it).
 */
export function buildClaimReview(input: TClaimReviewInput): TClaimReviewResult {
  const problems: string[] = [];
  const { claim, organisation, rating } = input;
  if (!isAbsoluteHttpUrl(input.pageUrl))
    problems.push("The public site address (PUBLIC_URL) is not an absolute http(s) URL.");
  if (!organisation.name?.trim()) problems.push("The organisation's name is not set (Admin → Settings).");
  if (!isAbsoluteHttpUrl(organisation.url))
    problems.push("The organisation's web address is not set (Admin → Settings).");
  if (organisation.logoUrl && !isAbsoluteHttpUrl(organisation.logoUrl))
    problems.push("The organisation's logo must be an absolute http(s) URL.");
  if (!claim.text.trim()) problems.push("The claim has no text.");
  if (!rating.label.trim()) problems.push("The rating has no name.");
  const { ordinal } = rating;
  const onScale = ordinal !== null;
  if (onScale && (ordinal < 1 || ordinal > rating.best || !Number.isInteger(ordinal)))
    problems.push(`The rating's value ${ordinal} is outside the scale 1–${rating.best}.`);
  if (problems.length) return { ok: false, problems };

  // The appearance as far as it is known: its address, else its title and outlet.
  const url = isAbsoluteHttpUrl(claim.appearanceUrl) ? claim.appearanceUrl : null;
  const title = claim.appearanceTitle?.trim();
  const outlet = claim.appearanceOutlet?.trim();
  const appearance =
    url || title
      ? {
          "@type": "CreativeWork" as const,
          ...(url ? { url } : {}),
          ...(title ? { name: title } : {}),
          ...(outlet ? { publisher: { "@type": "Organization" as const, name: outlet } } : {}),
          ...(claim.appearedAt ? { datePublished: isoDate(claim.appearedAt) } : {}),
        }
      : null;
  const claimDate = claim.statedOn ?? (claim.appearedAt ? isoDate(claim.appearedAt) : null);
  const modified =
    input.modifiedAt && input.modifiedAt.getTime() > input.publishedAt.getTime() ? input.modifiedAt : null;
  return {
    ok: true,
    claimReview: {
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: input.pageUrl,
      claimReviewed: claim.text.trim(),
      ...(claim.language ? { inLanguage: claim.language } : {}),
      datePublished: isoDate(input.publishedAt),
      ...(modified ? { dateModified: modified.toISOString() } : {}),
      author: {
        "@type": "Organization",
        name: organisation.name ?? "",
        url: organisation.url ?? "",
        ...(organisation.logoUrl ? { image: organisation.logoUrl } : {}),
      },
      reviewRating: {
        "@type": "Rating",
        alternateName: rating.label,
        // Strings, as the Reporters' Lab schema wants; schema.org accepts Text or Number.
        ...(onScale
          ? { ratingValue: String(ordinal), bestRating: String(rating.best), worstRating: "1" }
          : {}),
      },
      itemReviewed: {
        "@type": "Claim",
        ...(claim.claimant?.trim()
          ? {
              author: {
                "@type":
                  claim.claimantKind === "organisation" ? ("Organization" as const) : ("Person" as const),
                name: claim.claimant.trim(),
              },
            }
          : {}),
        ...(claimDate ? { datePublished: claimDate } : {}),
        ...(appearance ? { appearance: [appearance], firstAppearance: appearance } : {}),
      },
    },
  };
}
