import { describe, expect, it } from "vitest";
import {
  parseClaimReviewJson,
  parseFactCheckTable,
  parseLooseDate,
  ratingPosition,
  ratingPositionOfWords,
} from "./fact-check-import";

// Shapes as publishers really emit them (see ../shared/datasets/claimreview_examples).
const stringRatings = {
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  datePublished: "Wed, 11 Mar 2020 01:05:52 UTC +00:00",
  url: "https://www.politifact.com/factchecks/2020/mar/10/facebook-posts/melanin/",
  author: { "@type": "Organization", url: "http://www.politifact.com", name: "PolitiFact" },
  claimReviewed: "“People Of Color May Be Immune To The Coronavirus Because Of Melanin.",
  reviewRating: { "@type": "Rating", ratingValue: "4", bestRating: "9", alternateName: "False" },
  itemReviewed: { "@type": "CreativeWork", author: { "@type": "Person", name: "Facebook posts" } },
};
const wrappedAndInverted = {
  "@type": "MediaReview",
  associatedClaimReview: {
    "@type": "ClaimReview",
    datePublished: "Mon, 09 Nov 2020 18:42:22 UTC +00:00",
    url: "https://www.politifact.com/factchecks/2020/nov/09/viral-image/gore/",
    author: { "@type": "Organization", name: "PolitiFact" },
    claimReviewed: "The Washington Times ran a front-page headline that said, “President Gore.”",
    reviewRating: { ratingValue: 4, bestRating: 0, worstRating: 5, alternateName: "False" },
  },
};
const noLabelNoName = {
  "@type": ["Review", "ClaimReview"],
  datePublished: "2014-07-23",
  url: "http://www.politifact.com/texas/statements/2014/jul/23/rick-perry/",
  author: { "@type": "Organization", url: "http://www.politifact.com/" },
  claimReviewed: 'More than 3,000 homicides were committed by "illegal aliens" over the past six years.',
  reviewRating: { "@type": "Rating", ratingValue: 1, bestRating: 6 },
  itemReviewed: { "@type": "CreativeWork", author: { "@type": "Person", name: "Rick Perry" } },
};

describe("parseClaimReviewJson", () => {
  it("reads string ratings, prose dates and drops an unbalanced opening quote", () => {
    const { records, skipped } = parseClaimReviewJson(JSON.stringify(stringRatings));
    expect(skipped).toEqual([]);
    expect(records).toEqual([
      {
        claimText: "People Of Color May Be Immune To The Coronavirus Because Of Melanin.",
        title: null,
        claimant: "Facebook posts",
        rating: "False",
        ratingPosition: 0.375,
        url: "https://www.politifact.com/factchecks/2020/mar/10/facebook-posts/melanin/",
        publisher: "PolitiFact",
        reviewedOn: "2020-03-11",
      },
    ]);
  });

  it("finds a ClaimReview inside a MediaReview and measures an inverted scale from its worst end", () => {
    const [record] = parseClaimReviewJson(JSON.stringify(wrappedAndInverted)).records;
    expect(record?.claimText).toBe(
      "The Washington Times ran a front-page headline that said, “President Gore.”",
    );
    expect(record?.ratingPosition).toBe(0.2);
    expect(record?.reviewedOn).toBe("2020-11-09");
  });

  it("labels a rating without a name by its value and names the publisher by its site", () => {
    const [record] = parseClaimReviewJson(
      JSON.stringify([noLabelNoName, { "@graph": [stringRatings] }]),
    ).records;
    expect(record).toMatchObject({
      rating: "1/6",
      publisher: "politifact.com",
      claimant: "Rick Perry",
      ratingPosition: 0,
    });
  });

  it("reads Google Fact Check Tools' claims:search answers, one page or several", () => {
    const page = {
      claims: [
        {
          text: "The camp held 3,000 people.",
          claimant: "Radio North",
          claimDate: "2026-03-01T00:00:00Z",
          claimReview: [
            {
              publisher: { name: "Test Checks", site: "checks.example" },
              url: "https://checks.example/verdicts/camp",
              title: "No, about 2,000",
              reviewDate: "2026-03-04T10:00:00Z",
              textualRating: "Mostly false",
              languageCode: "en",
            },
          ],
        },
        { claimReview: [{ url: "https://checks.example/x" }] },
      ],
      nextPageToken: "abc",
    };
    expect(parseClaimReviewJson(JSON.stringify([page, { claims: [] }]))).toEqual({
      records: [
        {
          claimText: "The camp held 3,000 people.",
          title: "No, about 2,000",
          claimant: "Radio North",
          rating: "Mostly false",
          ratingPosition: ratingPositionOfWords("Mostly false"),
          url: "https://checks.example/verdicts/camp",
          publisher: "Test Checks",
          reviewedOn: "2026-03-04",
        },
      ],
      skipped: [{ at: 2, reason: "a claim without text" }],
    });
  });

  it("reports what it could not use", () => {
    expect(parseClaimReviewJson("{ not json").skipped[0]?.reason).toMatch(/^not JSON/);
    expect(parseClaimReviewJson('{"@type":"Article"}').skipped).toEqual([
      { at: 0, reason: "no ClaimReview found" },
    ]);
    expect(parseClaimReviewJson('{"@type":"ClaimReview","url":"https://x.org/"}').skipped).toEqual([
      { at: 1, reason: "no claimReviewed" },
    ]);
  });
});

describe("ratingPosition", () => {
  it("uses schema.org's default scale and refuses values off the scale", () => {
    expect(ratingPosition({ ratingValue: 5 })).toBe(1);
    expect(ratingPosition({ ratingValue: "3", bestRating: "5", worstRating: "1" })).toBe(0.5);
    expect(ratingPosition({ ratingValue: 7, bestRating: 5 })).toBeNull();
    expect(ratingPosition({ alternateName: "False" })).toBeNull();
  });
});

describe("ratingPositionOfWords", () => {
  it("places the wording desks use, the specific before the general, and nothing else", () => {
    const cases: [string, number | null][] = [
      ["Pants on Fire!", 0],
      ["False", 0.1],
      ["Mostly False", 0.25],
      ["Misleading", 0.3],
      ["Missing context", 0.4],
      ["Half True", 0.5],
      ["Mostly true", 0.75],
      ["True", 1],
      ["Four Pinocchios", 0],
      ["Satire", null],
      ["Unproven", null],
      ["", null],
    ];
    for (const [words, position] of cases) expect(ratingPositionOfWords(words), words).toBe(position);
  });
});

describe("parseLooseDate", () => {
  it("reads ISO and prose dates to a calendar day", () => {
    expect(parseLooseDate("2014-07-23T10:00:00Z")).toBe("2014-07-23");
    expect(parseLooseDate("Sun, 23 Feb 2020")).toBe("2020-02-23");
    expect(parseLooseDate("stated on October 22, 2019 in a campaign mailer.:")).toBe("2019-10-22");
    expect(parseLooseDate("last week")).toBeNull();
  });
});

describe("parseFactCheckTable", () => {
  it("reads a CSV with quoted commas and aliased headers", () => {
    const csv =
      'Claim,Verdict,URL,Date\n"Crime fell 10%, the mayor said",Mostly false,https://example.org/a,2021-05-01\n';
    expect(parseFactCheckTable(csv).records).toEqual([
      {
        claimText: "Crime fell 10%, the mayor said",
        title: null,
        claimant: null,
        rating: "Mostly false",
        ratingPosition: 0.25,
        url: "https://example.org/a",
        publisher: null,
        reviewedOn: "2021-05-01",
      },
    ]);
  });

  it("reads a TSV whose cells hold bare quotes, resolving relative links against a base", () => {
    const tsv = 'text\trating\turl\tdate\nHe said "no" twice.\tFalse\t/factchecks/1/\t5 March 2021\n\t\t\t\n';
    const { records, skipped } = parseFactCheckTable(tsv, { baseUrl: "https://www.politifact.com/" });
    expect(records[0]).toMatchObject({
      claimText: 'He said "no" twice.',
      url: "https://www.politifact.com/factchecks/1/",
      reviewedOn: "2021-03-05",
    });
    expect(skipped).toEqual([{ at: 3, reason: "empty claim text" }]);
  });

  it("refuses a table without a claim column and links that are not http(s)", () => {
    expect(parseFactCheckTable("rating,url\nFalse,x\n").skipped[0]?.reason).toMatch(/no claim text column/);
    expect(parseFactCheckTable("text,url\nA claim.,javascript:alert(1)\n").records[0]?.url).toBeNull();
  });
});
