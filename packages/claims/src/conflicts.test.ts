import { describe, expect, it } from "vitest";
import { slotConflictReason, slotted } from "./conflicts";
import { contradictionReason } from "./similarity";

describe("conflicts beyond numbers", () => {
  it("finds a place that differs in the same sentence, with the reason", () => {
    expect(
      slotConflictReason(
        "The climate summit was held in Lyon in March.",
        "The climate summit was held in Marseille in March.",
      ),
    ).toBe("place: Lyon vs Marseille");
  });

  it("finds it in a short claim whose other words all agree, and where 'based' means 'headquarters'", () => {
    expect(
      slotConflictReason("The ferry was registered in Malta.", "The ferry was registered in Cyprus."),
    ).toBe("place: Malta vs Cyprus");
    expect(slotConflictReason("The bank's headquarters are in Oslo.", "The bank is based in Madrid.")).toBe(
      "place: Oslo vs Madrid",
    );
    // One word in common is not enough to say two claims are about the same thing.
    expect(slotConflictReason("The ferry sank off Malta.", "The ferry was built in Cyprus.")).toBeNull();
  });

  it("finds the same event put in two places: the same thing, person and year (the seeds' Bolton speech)", () => {
    expect(
      slotConflictReason(
        "On April 1, 2017, Bolton addressed an MEK Nowruz (Persian New Year) conference in Albania.",
        "During a 2017 Mujahedin Khalq conference in Paris, Bolton told a room filled with its members that policy should change.",
      ),
    ).toBe("place: conference in Albania vs Paris");
    // No shared year: conferences are held in many places.
    expect(
      slotConflictReason(
        "Giuliani spoke at a Free Iran conference in Paris organised by the group.",
        "Giuliani appeared at a Mujahedin Khalq conference in Albania.",
      ),
    ).toBeNull();
  });

  it("finds a nationality that differs, and a side that flips (the seeds' Iran-Iraq war)", () => {
    expect(
      slotConflictReason(
        "An Australian expert said the alliance uses Albania as a base for the militants.",
        "A British expert said the alliance uses Albania as a base for the militants.",
      ),
    ).toBe("origin: Australian vs British");
    expect(
      slotConflictReason(
        "During the Iran-Iraq war, the MKO made regular incursions into Iranian territory and fought against Iranian government forces.",
        "The group launched terrorist attacks into Iran and sided with Iran in the eight year war between Iraq and Iran.",
      ),
    ).toBe("side: against vs with Iran");
    expect(
      slotConflictReason(
        "The council approved the plan for a new stadium.",
        "The council rejected the plan for a new stadium.",
      ),
    ).toBe("side: approved vs rejected");
  });

  it("finds a negation when all else is the same", () => {
    expect(
      slotConflictReason(
        "The embassy in Ankara would stay open, the ambassador said.",
        "The embassy in Ankara would not stay open, the ambassador said.",
      ),
    ).toBe("negation: the second says “not”");
  });

  it("never flags restatements, additions, a city within its country, or people named like cities", () => {
    expect(
      contradictionReason(
        "Nearly 500 people attended the rally in Tirana.",
        "Almost 500 people attended the rally in Tirana.",
      ),
    ).toBeNull();
    expect(
      slotConflictReason(
        "The minister visited Paris and Berlin to discuss trade.",
        "The minister visited Paris to discuss trade.",
      ),
    ).toBeNull();
    expect(
      slotConflictReason(
        "The protesters gathered in Tehran on Friday.",
        "The protesters gathered in Iran on Friday.",
      ),
    ).toBeNull();
    // Bolton is a town in England; after no "in", it is the adviser.
    expect(slotted("Bolton addressed the conference.").slots).toEqual([]);
    expect(slotted("The match was played in Bolton.").slots.map((s) => s.surface)).toEqual(["Bolton"]);
  });
});
