import { describe, expect, it } from "vitest";
import { schemaOrgProblems } from "../test/schema-org-validator";
import { mediaRatings } from "./enums";
import { buildMediaReview, type TMediaReviewInput } from "./media-review";

const input: TMediaReviewInput = {
  pageUrl: "https://factdesk.example/verdicts/flooded-airport-photo",
  publishedAt: new Date("2026-11-20T15:04:05Z"),
  organisation: { name: "Factdesk Checks", url: "https://factdesk.example/" },
  language: "en",
  claimText: "This photo shows the airport flooded last week.",
  media: {
    kind: "image",
    rating: "transformed",
    copyUrl: "https://factdesk.example/media/7b0c/copy",
    copySha256: "a".repeat(64),
    mime: "image/jpeg",
    address: "https://social.example/post/1",
  },
};

describe("buildMediaReview", () => {
  it("says how the item was presented and names it by its copy, its hash and where it circulated", () => {
    expect(buildMediaReview(input)).toEqual({
      "@context": "https://schema.org",
      "@type": "MediaReview",
      url: input.pageUrl,
      datePublished: "2026-11-20",
      inLanguage: "en",
      author: { "@type": "Organization", name: "Factdesk Checks", url: "https://factdesk.example/" },
      mediaAuthenticityCategory: "TransformedContent",
      reviewRating: { "@type": "Rating", alternateName: "Transformed" },
      itemReviewed: {
        "@type": "MediaReviewItem",
        mediaItemAppearance: [
          {
            "@type": "ImageObject",
            contentUrl: "https://factdesk.example/media/7b0c/copy",
            url: "https://social.example/post/1",
            sha256: "a".repeat(64),
            encodingFormat: "image/jpeg",
          },
        ],
        interpretedAsClaim: { "@type": "Claim", name: "This photo shows the airport flooded last week." },
      },
    });
  });

  it("validates against schema.org's definitions for every rating, image and video, file or address", () => {
    for (const rating of mediaRatings)
      for (const kind of ["image", "video"] as const)
        for (const media of [
          { ...input.media, kind, rating },
          { kind, rating, address: "https://video.example/watch?v=1" },
        ]) {
          const review = buildMediaReview({ ...input, media });
          expect(review).not.toBeNull();
          expect(schemaOrgProblems(review as unknown as Record<string, unknown>)).toEqual([]);
        }
  });

  it("is refused by the validator when a property is not schema.org's or a value has the wrong type", () => {
    const review = buildMediaReview(input) as unknown as Record<string, unknown>;
    expect(schemaOrgProblems({ ...review, mediaAuthenticity: "Fake" })).toContain(
      "$.mediaAuthenticity: not a property of MediaReview",
    );
    expect(schemaOrgProblems({ ...review, mediaAuthenticityCategory: "Fake" }).length).toBeGreaterThan(0);
  });

  it("is left out when the item has no absolute address", () => {
    expect(
      buildMediaReview({ ...input, media: { kind: "image", rating: "staged", address: "not a url" } }),
    ).toBeNull();
  });
});
