import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugify", () => {
  it("keeps letters and digits, drops accents and punctuation", () => {
    expect(slugify("Le MEK a été fondé en 1965 ?")).toBe("le-mek-a-ete-fonde-en-1965");
    expect(slugify("  “Quotes” — and dashes!  ")).toBe("quotes-and-dashes");
  });
  it("cuts at the limit without a trailing hyphen, and never returns empty", () => {
    expect(slugify("abc def ghi", 8)).toBe("abc-def");
    expect(slugify("!!!")).toBe("verdict");
    expect(slugify("The ministry misread the unemployment statistics", 30)).toBe("the-ministry-misread-the");
    expect(slugify("Supercalifragilisticexpialidocious claims", 10)).toBe("supercalif");
  });
});
