import { claims } from "@factdesk/db";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { candidateCondition } from "./matching";

const rendered = (text: string) => {
  const condition = candidateCondition(
    claims,
    text,
    text.toLowerCase().split(/\W+/).filter(Boolean),
    new Map(),
  );
  return condition ? new PgDialect().sqlToQuery(condition) : null;
};
const arms = (text: string) => (rendered(text)?.sql.match(/@@/g) ?? []).length;

describe("the candidate query", () => {
  it("asks for two shared rare words, or a year's subject among claims stating a year", () => {
    const query = rendered("The MEK was founded in 1965 by leftist students in Tehran.");
    expect(query?.sql).toContain(" or ");
    expect(query?.params).toContain("\\y(1[6-9]|20)[0-9]{2}s?\\y");
    expect(query?.params.some((param) => typeof param === "string" && / & \(/.test(param))).toBe(true);
  });

  it("stays a query of bounded size however many figures a text states", () => {
    const figures = Array.from({ length: 120 }, (_, i) => `budget${i} ${1990 + (i % 30)}`).join(" ");
    expect(arms(figures.slice(0, 1000))).toBeLessThanOrEqual(60);
    expect(arms(figures.slice(0, 1000))).toBeGreaterThan(arms("The budget rose in 1990."));
  });

  it("asks for nothing when a text has no word to share", () => {
    expect(rendered("")).toBeNull();
  });
});
