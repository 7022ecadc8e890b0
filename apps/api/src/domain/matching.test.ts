import { contentWords } from "@factdesk/claims";
import { claims } from "@factdesk/db";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { candidateConditions } from "./matching";

const rendered = (text: string) =>
  candidateConditions(claims, text, contentWords(text), {
    rows: 0,
    shares: new Map(),
    unlisted: 0,
  }).map((condition) => new PgDialect().sqlToQuery(condition));
const arms = (text: string) =>
  rendered(text).reduce((n, query) => n + (query.sql.match(/@@/g) ?? []).length, 0);
const tsqueries = (query: { params: unknown[] }) =>
  query.params.filter((param): param is string => typeof param === "string" && / & /.test(param));

describe("the candidate query", () => {
  it("asks for two shared rare words, or a year's subject among claims stating a year", () => {
    const conditions = rendered("The MEK was founded in 1965 by leftist students in Tehran.");
    const year = conditions.find((query) => query.params.includes("\\y(1[6-9]|20)[0-9]{2}s?\\y"));
    expect(year && tsqueries(year).some((query) => / & \(/.test(query))).toBe(true);
    expect(conditions.some((query) => query !== year && tsqueries(query).length > 0)).toBe(true);
  });

  describe("with the column's statistics", () => {
    const shares = new Map([
      ["mek", 0.3],
      ["found", 0.05],
      ["student", 0.02],
    ]);
    const text = "The MEK was founded in 1965 by leftist students in Tehran.";
    const words = ["mek", "found", "1965", "leftist", "student", "tehran"];
    const conditions = (rows: number) =>
      candidateConditions(claims, text, words, { rows, shares, unlisted: 0 }).map((c) =>
        new PgDialect().sqlToQuery(c),
      );

    it("asks first for the rarest pairs, last for the commonest", () => {
      const [first, ...rest] = conditions(10_000);
      // Unlisted words are the rarest, longer first: "leftist", then "tehran".
      expect(first?.params).toEqual(["'leftist' & ('tehran' | '1965' | 'student' | 'found' | 'mek')"]);
      // The year's subject "founded … MEK" (0.05 × 0.3 of the claims) comes last.
      expect(rest.at(-1)?.params).toEqual(["\\y(1[6-9]|20)[0-9]{2}s?\\y", "'found' & ('mek')"]);
    });

    it("leaves out pairs expected in more than 5,000 claims, which would walk a growing share of the table", () => {
      const asked = (rows: number) => conditions(rows).flatMap((query) => query.params);
      expect(asked(10_000)).toContain("'found' & ('mek')");
      expect(asked(1_000_000)).not.toContain("'found' & ('mek')");
      expect(asked(1_000_000)).toContain("'leftist' & ('tehran' | '1965' | 'student' | 'found' | 'mek')");
    });
  });

  it("stays a query of bounded size however many figures a text states", () => {
    const figures = Array.from({ length: 120 }, (_, i) => `budget${i} ${1990 + (i % 30)}`).join(" ");
    expect(arms(figures.slice(0, 1000))).toBeLessThanOrEqual(60);
    expect(arms(figures.slice(0, 1000))).toBeGreaterThan(arms("The budget rose in 1990."));
  });

  it("asks for nothing when a text has no word to share", () => {
    expect(rendered("")).toEqual([]);
  });
});
