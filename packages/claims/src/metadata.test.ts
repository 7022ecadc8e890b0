import { describe, expect, it } from "vitest";
import { articleMetadata, authorFromByline } from "./metadata";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("articleMetadata", () => {
  it("reads a byline's author and date, leaving the role and the separator out", () => {
    expect(
      articleMetadata(
        "Ministers deny the figures\nBy Jane Doe, Staff Reporter | 14 March 2025\n\nThe minister said…",
      ),
    ).toEqual({ author: "Jane Doe", outlet: null, publishedAt: day("2025-03-14") });
    expect(
      articleMetadata("Title\nBy Ana María de la Cruz and Tom O'Neill, Political Correspondents\nText.")
        .author,
    ).toBe("Ana María de la Cruz and Tom O'Neill");
    expect(articleMetadata("Title\nPosted by Sam Lee\nText.").author).toBe("Sam Lee");
    expect(articleMetadata("Title\nBy Sam Lee, updated March 3, 2024\nText.")).toMatchObject({
      author: "Sam Lee",
      publishedAt: day("2024-03-03"),
    });
  });

  it("reads a credit line, even glued to the title before it (a seed article)", () => {
    expect(
      articleMetadata(
        "The MEK : Illusion vs. Reality\n\nThe MEK Illusion vs. RealityRobert Fantina, Counter Punch, August 02 2019:… The oddly named People’s Mojahedin",
      ),
    ).toEqual({ author: "Robert Fantina", outlet: "Counter Punch", publishedAt: day("2019-08-02") });
  });

  it("takes a dateline on its own line as the date (a seed article)", () => {
    expect(
      articleMetadata(
        "Showing posts with label MEK. Show all posts\n\nFriday, November 13, 2020\n\nFormer US officials speak at radical anti-Iran forum",
      ),
    ).toEqual({ author: null, outlet: null, publishedAt: day("2020-11-13") });
  });

  it("says nothing it cannot read: a sentence that starts with By, a date inside a sentence", () => {
    expect(
      articleMetadata(
        "Title\nBy March 2025, unemployment had fallen to 4%.\nOn 14 March 2025 the minister said so.",
      ),
    ).toEqual({ author: null, outlet: null, publishedAt: null });
    expect(articleMetadata("")).toEqual({ author: null, outlet: null, publishedAt: null });
  });
});

describe("authorFromByline", () => {
  it("keeps the name of a page's byline", () => {
    expect(authorFromByline("By Jane Doe, Staff Reporter")).toBe("Jane Doe");
    expect(authorFromByline("Jane Doe")).toBe("Jane Doe");
    expect(authorFromByline("  ")).toBeNull();
  });
});
