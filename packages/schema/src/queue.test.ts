import { describe, expect, it } from "vitest";
import { highlightedParts, queueViewFromParams, queueViewToParams } from "./queue";

describe("the queue view in the URL", () => {
  it("round-trips every filter and leaves defaults out", () => {
    const view = {
      filter: {
        status: ["sourced" as const, "disputed" as const],
        assignee: "me",
        priority: ["urgent" as const],
        scoreMin: 0.25,
        scoreMax: 0.9,
        outlet: "Example Times",
        flags: ["contradiction" as const],
        verdict: ["none" as const, "draft" as const],
        archived: "include" as const,
        createdFrom: "2024-01-01",
        createdTo: "2024-02-01",
        q: '"founded in" 1963',
      },
      sort: "score" as const,
    };
    const params = queueViewToParams(view);
    expect(queueViewFromParams(new URLSearchParams(params.toString()))).toEqual(view);
    expect(queueViewToParams({ filter: {}, sort: "priority" }).toString()).toBe("");
  });

  it("drops what does not parse, so an old or edited link still opens the queue", () => {
    const view = queueViewFromParams(
      new URLSearchParams(
        "status=sourced,bogus&scoreMin=abc&scoreMax=0.5&sort=sideways&createdFrom=yesterday&q=tax",
      ),
    );
    expect(view).toEqual({ filter: { scoreMax: 0.5, q: "tax", archived: "exclude" }, sort: "priority" });
    // Each value parses, but together they contradict: the queue opens unfiltered.
    expect(queueViewFromParams(new URLSearchParams("scoreMin=0.9&scoreMax=0.1")).filter).toEqual({
      archived: "exclude",
    });
  });
});

describe("highlightedParts", () => {
  it("splits marked text into hits and the rest, keeping every character", () => {
    expect(highlightedParts("Taxes \uE000rose\uE001 in \uE0002019\uE001.")).toEqual([
      { text: "Taxes ", hit: false },
      { text: "rose", hit: true },
      { text: " in ", hit: false },
      { text: "2019", hit: true },
      { text: ".", hit: false },
    ]);
    expect(highlightedParts("<b>plain</b>")).toEqual([{ text: "<b>plain</b>", hit: false }]);
  });
});
