import { describe, expect, it } from "vitest";
import { bm25, bm25FullMatch, idf, parseTsvector } from "./bm25";

const corpus = {
  docs: 100,
  avgLength: 10,
  df: new Map([
    ["mek", 5],
    ["the", 100],
  ]),
};

describe("bm25", () => {
  it("rewards rare words over common ones; a full match of average length scores the full-match value", () => {
    expect(idf(corpus, "mek")).toBeGreaterThan(idf(corpus, "the"));
    const doc = parseTsvector("'mek':1A,7A 'the':2A");
    const score = bm25(corpus, ["mek", "the"], doc.tf, doc.length);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeGreaterThan(bm25FullMatch(corpus, ["mek", "the"])); // "mek" twice
    const once = parseTsvector("'mek':1 'the':2 'a':3 'b':4 'c':5 'd':6 'e':7 'f':8 'g':9 'h':10");
    expect(bm25(corpus, ["mek", "the"], once.tf, once.length)).toBeCloseTo(
      bm25FullMatch(corpus, ["mek", "the"]),
    );
  });

  it("prefers the shorter of two documents with the same matches", () => {
    const short = parseTsvector("'mek':1 'x':2");
    const long = parseTsvector("'mek':1 'a':2 'b':3 'c':4 'd':5 'e':6 'f':7 'g':8 'h':9");
    expect(bm25(corpus, ["mek"], short.tf, short.length)).toBeGreaterThan(
      bm25(corpus, ["mek"], long.tf, long.length),
    );
  });
});

describe("parseTsvector", () => {
  it("counts positions by the weight of their label, with quotes and unpositioned lexemes", () => {
    const { tf, length } = parseTsvector("'it''s':3B 'mek':1A,5B 'plain'", { A: 1, B: 0.5 });
    expect(Object.fromEntries(tf)).toEqual({ "it's": 0.5, mek: 1.5, plain: 1 });
    expect(length).toBe(3);
  });
});
