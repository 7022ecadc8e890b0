import { describe, expect, it } from "vitest";
import { claimSimilarity, contradictionReason } from "./similarity";

const founded1965 =
  "The MEK was founded in 1965 and it has the unusual distinction of taking action to overthrow both governments.";
const founded1963 = "The MEK was founded in 1963 by a group of Marxists who opposed the country’s Shah.";

describe("contradictionReason", () => {
  it("spells out a year stated differently about the same subject", () => {
    expect(contradictionReason(founded1965, founded1963)).toBe("mek found: 1963 vs 1965");
  });

  it("spells out differing figures", () => {
    expect(
      contradictionReason(
        "The United States relocated 3,000 MEK members to Albania.",
        "About 2,000 MEK members were relocated to Albania by the United States.",
      ),
    ).toMatch(/2,000 vs 3,000/);
  });

  it.each([
    ["different subjects", "The MEK was founded in 1965.", "The camp was closed in 2012 by Iraq."],
    ["same values", "The MEK was delisted in 2012.", "In 2012 the MEK was delisted by the US."],
    [
      "a range that includes the other year",
      "From 1997 to 2012, the US listed the MEK.",
      "The US listed the MEK in 1997.",
    ],
    [
      "a listing year and the year it ended",
      "The MEK landed on the terrorist group list in 1997.",
      "The U.S. kept the MEK on its designated terrorist list until 2012.",
    ],
    [
      "figures that count different things",
      "Camp Ashraf, a 14 square-mile former base, housed the MEK.",
      "Washington moved the 2,900 Camp Ashraf MEK members to Albania.",
    ],
  ])("finds none for %s", (_name, a, b) => {
    expect(contradictionReason(a, b)).toBeNull();
  });

  it("finds a figure whose counted noun trails it, and spares figures from different times", () => {
    const albania = "Albania houses 3,000 MEK members.";
    const moved =
      "Between 2013 and 2016 Washington moved the 2,900 Camp Ashraf (Iraq) MEK members to Albania.";
    expect(contradictionReason(albania, moved)).toMatch(
      /^(?=.*\bmember\b)(?=.*\balbania\b).*: 2,900 vs 3,000$/,
    );
    expect(
      contradictionReason("About 2,000 members of the group relocated to Iraq during the 1980s.", moved),
    ).toBeNull();
  });

  it("does not read a numbered name as a figure", () => {
    expect(
      contradictionReason(
        "Some believe that Ashraf 3 is being used to train MEK members for a war against Iran.",
        "Washington moved the 2,900 Camp Ashraf MEK members to Albania.",
      ),
    ).toBeNull();
  });
});

describe("claimSimilarity", () => {
  it("is high for restatements and low for unrelated claims", () => {
    expect(claimSimilarity("The MEK was delisted in 2012.", "In 2012 the MEK was delisted by the US.")).toBe(
      1,
    );
    expect(claimSimilarity("The MEK was delisted in 2012.", "Albania hosts a camp near Durres.")).toBe(0);
  });
});
