import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders emphasis, lists, links and tables", () => {
    const html = renderMarkdown(
      "Britannica says **1965**.\n\n- [source](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain("<strong>1965</strong>");
    expect(html).toContain('<a href="https://example.org">source</a>');
    expect(html).toContain("<table>");
  });

  it("escapes raw HTML and drops dangerous link targets", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> <img src=x onerror="alert(1)">\n\n[click](javascript:alert(1)) ![i](data:text/html,x)',
    );
    expect(html).not.toMatch(/<script|<img src=x|onerror="/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text/html");
  });
});
