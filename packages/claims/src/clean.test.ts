import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cleanArticle, lineRules, normalizeText } from "./clean";

const rule = (name: string) => {
  const found = lineRules.find((r) => r.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return (line: string, context = { previous: "", next: "", title: "" }) => found.test(line, context);
};

describe("normalizeText", () => {
  it("repairs mojibake, unifies spaces and drops invisible characters", () => {
    expect(normalizeText("Itâ€™s â€œfineâ€\u009d\u00a0said JosÃ©\u200b LondoƱo")).toBe(
      "It’s “fine” said José Londoño",
    );
    expect(normalizeText("e\u0301\r\nb")).toBe("é\nb");
  });
});

describe("line rules", () => {
  it.each([
    ["cookie notice", "This website uses cookies to improve your experience. Accept Read More"],
    ["comment form", "Leave a Reply"],
    ["comment form", "Your email address will not be published. Required fields are marked *"],
    ["captcha arithmetic", "+ 44 = 51"],
    ["captcha arithmetic", "7 × 3 = "],
    ["rating widget", "0 (0 votes)"],
    ["image caption", "Image result for Mujahedeen-e-Khalq (MEK)"],
    ["image caption", "Related image"],
    ["also read", "Also read:"],
    ["link to the source", "Link to the source"],
    ["link to the source", "Source source"],
    ["share prompt", "Click to share on Twitter"],
    ["blog navigation", "Showing posts with label MEK. Show all posts"],
    ["separator", "***"],
    ["end marker", "(End)"],
    ["bare link", "https://iran-interlink.org/wordpress/white-house-supporters-of-mek-terrorists/"],
    ["bare link", "News From Antiwar.com - http://news.antiwar.com/2009/07/29/us-not-happy/ -"],
    ["bare link", "Source: https://example.org/report"],
    [
      "excerpt",
      "White House supporters of MEK TerroristsMelissa Etehad, Les Angles Times, July 29 2019:… For decades, the United States categorized the MEK as a terrorist organization.",
    ],
    ["byline", "By Cyrus Shamloo,wilsontimes.com"],
    ["byline", "Washington Post Staff Writers"],
    ["byline", "Special correspondent Ramin Mostaghim in Tehran contributed to this report."],
    ["dateline", "Wednesday, March 14, 2007; A10"],
    ["dateline", "Friday, November 13, 2020"],
    ["byline", "By Jane Doe, Staff Reporter | 14 March 2025"],
    ["byline", "By Jane Doe and John Roe, Political Correspondents, Updated 14 March 2025, 10:32 GMT"],
    ["also read", "Also read: Budget 2025 explained in five charts"],
    ["also read", "READ MORE | Why the census matters"],
    ["social buttons", "Facebook Twitter Email"],
    ["social buttons", "Share · WhatsApp · Copy link"],
    ["image caption", "Photo: Reuters"],
    ["image caption", "(Photos: AFP/Getty Images)"],
    ["newsletter prompt", "Subscribe to our newsletter"],
    ["newsletter prompt", "Sign up for our daily briefing"],
    ["newsletter prompt", "Follow us on Twitter"],
    ["advertisement", "Advertisement"],
    ["advertisement", "Story continues below advertisement"],
  ])("%s: %s", (name, line) => {
    expect(rule(name)(line)).toBe(true);
  });

  it.each([
    "The MEK was founded in 1965 and uses cookies as a metaphor.".replace(
      "uses cookies as a metaphor",
      "relied on terrorist actions",
    ),
    "About 2,000 members of the group relocated to Iraq during the 1980s.",
    "By 2012, the State Department had removed the MEK from its list.",
    "The United States relocated 3,000 MEK members to Albania in 2013 + more later.",
    "By March 2025, unemployment had fallen to 4.1 percent, the statistics office said.",
    "Subscribers to the service rose by 12 percent in 2024, the company reported in its annual results.",
    "Email records show the minister was told in 2019.",
    "Watch groups said the vote was marred by fraud in 40 districts.",
    "The report, published at https://example.org/report, found that 3,000 members moved to Albania.",
    "The deadline was March 3, 2020: nobody met it.",
  ])("keeps a factual sentence: %s", (line) => {
    expect(
      lineRules.filter((r) => r.test(line, { previous: "", next: "", title: "" })).map((r) => r.name),
    ).toEqual([]);
  });
});

describe("cleanArticle", () => {
  it("drops repeated titles, teasers and the block after 'Also read'", () => {
    const raw = [
      "The MEK : Illusion vs. Reality",
      "",
      "The MEK was delisted in 2012.",
      "The MEK : Illusion vs. Reality",
      "Also read:",
      "White House supporters of MEK Terrorists",
      "https://example.org/x",
      "",
      "US will bank Tik Tok unless it sells off its US operations",
      "US Treasury Secretary Steven Mnuchin said during a CNBC interview that the app ...",
    ].join("\n");
    const { text, removed } = cleanArticle(raw, { title: "The MEK : Illusion vs. Reality" });
    expect(text).toBe("The MEK was delisted in 2012.");
    expect(removed.map((r) => r.rule)).toEqual([
      "repeated title",
      "repeated title",
      "also read",
      "also read",
      "bare link",
      "teaser",
      "teaser",
    ]);
  });

  it("keeps a whole article pasted as one line after an excerpt's credit", () => {
    const article = `Jane Doe, Civic Post, May 3 2024:… ${"The council approved the budget in 2024. ".repeat(40)}`;
    expect(cleanArticle(article).text).toBe(article.trim());
  });

  it("reads a teaser's headline across the blank line between their paragraphs", () => {
    const raw = [
      "The MEK was delisted in 2012.",
      "",
      "US will bank Tik Tok unless it sells off its US operations",
      "",
      "  US Treasury Secretary Steven Mnuchin said during a CNBC interview that the app ...",
      "",
      "The camp was closed in 2016.",
    ].join("\n");
    const { text, removed } = cleanArticle(raw);
    expect(text).toBe("The MEK was delisted in 2012.\n\nThe camp was closed in 2016.");
    expect(removed.map((r) => r.rule)).toEqual(["teaser", "teaser"]);
  });

  it("removes the seed articles' boilerplate and keeps their facts", () => {
    const dir = new URL("../../../seeds/", import.meta.url);
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => cleanArticle(readFileSync(new URL(f, dir), "utf8")).text)
      .join("\n");
    for (const boilerplate of [
      "Leave a Reply",
      "+ 44 = 51",
      "Related image",
      "uses cookies",
      "Also read",
      "(End)",
      "Showing posts with label",
      "News From Antiwar.com",
      "Tik Tok",
      "2019:…",
    ]) {
      expect(texts).not.toContain(boilerplate);
    }
    for (const fact of [
      "The MEK was founded in 1965",
      "The MEK was founded in 1963",
      "relocated 3,000 MEK members",
    ]) {
      expect(texts).toContain(fact);
    }
  });
});
