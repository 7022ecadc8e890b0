import { describe, expect, it } from "vitest";
import { readUpload } from "./read-upload";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("readUpload", () => {
  it("refuses files that are not text, saying what they are", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(readUpload("chart.png", png)).toEqual({
      ok: false,
      problem: "chart.png is a PNG image, not text. Upload a .txt, .md or .html file.",
    });
    expect(readUpload("report.pdf", new TextEncoder().encode("%PDF-1.7\n"))).toMatchObject({ ok: false });
    expect(readUpload("latin1.txt", bytes(0x43, 0x61, 0x66, 0xe9))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not UTF-8 text/),
    });
    expect(readUpload("odd.txt", bytes(0x61, 0, 0x62))).toMatchObject({ ok: false });
  });

  it("reads UTF-8 text as it is", () => {
    expect(readUpload("a.txt", new TextEncoder().encode("Café prices rose 4% in 2024."))).toEqual({
      ok: true,
      text: "Café prices rose 4% in 2024.",
      title: null,
    });
  });
});
