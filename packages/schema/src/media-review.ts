import type { MediaReview, WithContext } from "schema-dts";
import { isAbsoluteHttpUrl, isoDate, type TClaimReviewInput } from "./claim-review";
import { mediaRatingLabels, mediaRatingSchemaOrg, type TMediaKind, type TMediaRating } from "./enums";

export interface TMediaReviewInput {
  pageUrl: string;
  publishedAt: Date;
  modifiedAt?: Date | null;
  organisation: TClaimReviewInput["organisation"];
  language?: string | null;
  /** The claim the media item was shared with, as the page words it. */
  claimText: string;
  media: {
    kind: TMediaKind;
    rating: TMediaRating;
    /** The public copy (without metadata) on this site, when a file was uploaded. */
    copyUrl?: string | null;
    /** SHA-256 of the public copy: what `copyUrl` serves. */
    copySha256?: string | null;
    mime?: string | null;
    /** Where it circulated. */
    address?: string | null;
  };
}

/**
 * MediaReview markup (schema.org; Google's and the Reporters' Lab's MediaReview guidance) for
 * a verdict about an image or a video, beside the page's ClaimReview: how the item was
 * presented (mediaAuthenticityCategory) and the item itself, by its copy here and its hash.
 * Null when the item cannot be named by an absolute address.
 */
export function buildMediaReview(input: TMediaReviewInput): WithContext<MediaReview> | null {
  const { media, organisation } = input;
  const copyUrl = isAbsoluteHttpUrl(media.copyUrl) ? media.copyUrl : null;
  const address = isAbsoluteHttpUrl(media.address) ? media.address : null;
  if (!(copyUrl || address) || !organisation.name || !isAbsoluteHttpUrl(organisation.url)) return null;
  const modified =
    input.modifiedAt && input.modifiedAt.getTime() > input.publishedAt.getTime() ? input.modifiedAt : null;
  const item = {
    "@type": media.kind === "video" ? ("VideoObject" as const) : ("ImageObject" as const),
    contentUrl: copyUrl ?? address ?? "",
    ...(copyUrl && address ? { url: address } : {}),
    ...(copyUrl && media.copySha256 ? { sha256: media.copySha256 } : {}),
    ...(copyUrl && media.mime ? { encodingFormat: media.mime } : {}),
  };
  return {
    "@context": "https://schema.org",
    "@type": "MediaReview",
    url: input.pageUrl,
    datePublished: isoDate(input.publishedAt),
    ...(modified ? { dateModified: modified.toISOString() } : {}),
    ...(input.language ? { inLanguage: input.language } : {}),
    author: {
      "@type": "Organization",
      name: organisation.name,
      url: organisation.url ?? "",
      ...(organisation.logoUrl ? { image: organisation.logoUrl } : {}),
    },
    mediaAuthenticityCategory: mediaRatingSchemaOrg[media.rating] as MediaReview["mediaAuthenticityCategory"],
    reviewRating: { "@type": "Rating", alternateName: mediaRatingLabels[media.rating] },
    itemReviewed: {
      "@type": "MediaReviewItem",
      mediaItemAppearance: [item],
      interpretedAsClaim: { "@type": "Claim", name: input.claimText.trim() },
    },
  };
}
