import { describe, expect, it } from "vitest";
import { claimReviewValidator, googleProblems } from "../test/claim-review-validator";
import { buildClaimReview, type TClaimReviewInput } from "./claim-review";

const input: TClaimReviewInput = {
  pageUrl: "https://factdesk.example/verdicts/mek-founded-1965",
  headline: "The MEK was founded in 1965, not 1963",
  publishedAt: new Date("2026-11-20T15:04:05Z"),
  claim: {
    text: "The MEK was founded in 1963.",
    claimant: "Example Times",
    appearanceUrl: "https://news.example/mek",
    appearedAt: new Date("2026-11-01T00:00:00Z"),
  },
  organisation: {
    name: "Factdesk Checks",
    url: "https://factdesk.example/",
    logoUrl: "https://factdesk.example/logo.png",
  },
  rating: { label: "False", ordinal: 1, best: 5 },
};

describe("buildClaimReview", () => {
  it("builds every field, with the numeric rating inside the ordinal scale", () => {
    const result = buildClaimReview(input);
    expect(result.ok && result.claimReview).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "https://factdesk.example/verdicts/mek-founded-1965",
      claimReviewed: "The MEK was founded in 1963.",
      datePublished: "2026-11-20",
      author: {
        "@type": "Organization",
        name: "Factdesk Checks",
        url: "https://factdesk.example/",
        image: "https://factdesk.example/logo.png",
      },
      reviewRating: {
        "@type": "Rating",
        alternateName: "False",
        ratingValue: "1",
        bestRating: "5",
        worstRating: "1",
      },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: "Example Times" },
        datePublished: "2026-11-01",
        appearance: [
          { "@type": "CreativeWork", url: "https://news.example/mek", datePublished: "2026-11-01" },
        ],
        firstAppearance: {
          "@type": "CreativeWork",
          url: "https://news.example/mek",
          datePublished: "2026-11-01",
        },
      },
    });
  });

  it("gives the claim what is known of it without an address, and dates a correction", () => {
    const result = buildClaimReview({
      ...input,
      modifiedAt: new Date("2026-11-25T09:00:00Z"),
      claim: {
        text: "The MEK was founded in 1963.",
        appearanceTitle: "Where the claim appeared",
        appearanceOutlet: "Example Times",
        appearedAt: new Date("2026-11-01T00:00:00Z"),
      },
    });
    expect(result.ok && result.claimReview.dateModified).toBe("2026-11-25T09:00:00.000Z");
    expect(result.ok && result.claimReview.itemReviewed).toEqual({
      "@type": "Claim",
      datePublished: "2026-11-01",
      appearance: [
        {
          "@type": "CreativeWork",
          name: "Where the claim appeared",
          publisher: { "@type": "Organization", name: "Example Times" },
          datePublished: "2026-11-01",
        },
      ],
      firstAppearance: {
        "@type": "CreativeWork",
        name: "Where the claim appeared",
        publisher: { "@type": "Organization", name: "Example Times" },
        datePublished: "2026-11-01",
      },
    });
    // The day the claim was made, when known, dates the claim; the appearance keeps its own.
    const stated = buildClaimReview({
      ...input,
      claim: {
        text: "The MEK was founded in 1963.",
        appearanceTitle: "Where the claim appeared",
        appearedAt: new Date("2026-11-01T00:00:00Z"),
        statedOn: "2026-10-28",
      },
    });
    expect(stated.ok && stated.claimReview.itemReviewed).toMatchObject({
      datePublished: "2026-10-28",
      firstAppearance: { datePublished: "2026-11-01" },
    });
    // The first publication has no dateModified.
    expect(
      buildClaimReview(input).ok &&
        "dateModified" in (buildClaimReview(input) as { claimReview: object }).claimReview,
    ).toBe(false);
  });

  it("gives a rating outside the scale its name only", () => {
    const result = buildClaimReview({ ...input, rating: { label: "Satire", ordinal: null, best: 5 } });
    expect(result.ok && result.claimReview.reviewRating).toEqual({
      "@type": "Rating",
      alternateName: "Satire",
    });
  });

  it("refuses with reasons what would be invalid markup", () => {
    const result = buildClaimReview({
      ...input,
      pageUrl: "/verdicts/x",
      organisation: { name: "", url: null },
      rating: { label: "False", ordinal: 7, best: 5 },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        "The public site address (PUBLIC_URL) is not an absolute http(s) URL.",
        "The organisation's name is not set (Admin → Settings).",
        "The organisation's web address is not set (Admin → Settings).",
        "The rating's value 7 is outside the scale 1–5.",
      ],
    });
  });

  it("passes the ClaimReview JSON Schema and Google's required fields", () => {
    const validate = claimReviewValidator();
    for (const variant of [
      input,
      { ...input, modifiedAt: new Date("2026-11-25T09:00:00Z") },
      { ...input, claim: { ...input.claim, claimantKind: "organisation" as const } },
      {
        ...input,
        claim: {
          text: "Seen in print.",
          appearanceTitle: "Evening edition",
          appearanceOutlet: "Example Times",
        },
      },
      { ...input, rating: { label: "Satire", ordinal: null, best: 5 } },
      {
        ...input,
        claim: { text: "A bare claim." },
        organisation: { name: "Org", url: "https://org.example" },
      },
    ]) {
      const result = buildClaimReview(variant);
      if (!result.ok) throw new Error(result.problems.join(" "));
      const json = JSON.parse(JSON.stringify(result.claimReview));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(googleProblems(json)).toEqual([]);
    }
  });

  it("has a JSON Schema that refuses what schema.org or Google would not accept", () => {
    const validate = claimReviewValidator();
    const result = buildClaimReview(input);
    if (!result.ok) throw new Error(result.problems.join(" "));
    const good: Record<string, unknown> = JSON.parse(JSON.stringify(result.claimReview));
    // What is wrong, where (a property path), and the value put there (undefined: removed).
    const broken: [string, string[], unknown][] = [
      ["an invented property", ["verdict"], "False"],
      ["a claimant without a name", ["itemReviewed", "author", "name"], undefined],
      ["a date that is not one", ["datePublished"], "20 November"],
      ["a numeric rating without its scale", ["reviewRating", "bestRating"], undefined],
      ["a rating without words", ["reviewRating", "alternateName"], undefined],
      [
        "an appearance with neither address nor name",
        ["itemReviewed", "firstAppearance"],
        { "@type": "CreativeWork" },
      ],
      ["a page address that is not http(s)", ["url"], "javascript:alert(1)"],
    ];
    expect(validate(good)).toBe(true);
    for (const [what, path, value] of broken) {
      const review = structuredClone(good);
      const key = path.at(-1) as string;
      const parent = path
        .slice(0, -1)
        .reduce((object, step) => object[step] as Record<string, unknown>, review);
      if (value === undefined) delete parent[key];
      else parent[key] = value;
      expect(validate(review), what).toBe(false);
    }
  });
});
