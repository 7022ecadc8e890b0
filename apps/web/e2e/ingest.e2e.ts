import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const running = useRunningApp();

describe("ingesting an article", () => {
  it("previews scored sentences without the boilerplate and creates the chosen claims", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    await page.getByRole("link", { name: "Ingest" }).click();
    await page.getByLabel("Title").fill("Albania camp report");
    await page.getByLabel("Outlet").fill("Example Times");
    await page
      .getByLabel("Article text")
      .fill(
        [
          "By Jane Doe, Staff Reporter | 14 March 2025",
          "Photo: Reuters",
          "The United States relocated 3,000 MEK members to Albania in 2013, officials said.",
          "Also read: Budget 2025 explained in five charts",
          "Facebook Twitter Email",
          "I think this is all very sad.",
          "Leave a Reply",
          "Subscribe to our newsletter",
          "The camp near Durres cost $20 million to build, according to the Albanian government.",
        ].join("\n"),
      );
    await page.getByRole("button", { name: "Preview sentences" }).click();
    await page.getByRole("heading", { name: "Sentences (3)" }).waitFor();
    expect(await page.getByText("6 lines of boilerplate left out").count()).toBe(1);
    // The tick-box column is narrow; the sentence has the room.
    const [tickColumn, table] = await page
      .locator("table.queue")
      .evaluate((el) => [
        el.querySelector("th")?.getBoundingClientRect().width ?? 0,
        el.getBoundingClientRect().width,
      ]);
    expect(tickColumn).toBeLessThan(0.12 * (table ?? 0));
    expect(await page.getByRole("cell", { name: "Albanian government", exact: true }).count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);

    const opinion = page.getByRole("checkbox", { name: /I think this is all very sad/ });
    expect(await opinion.isChecked()).toBe(false);
    await page.getByRole("button", { name: "Create 2 claims" }).click();
    await page.getByRole("status").filter({ hasText: "Created 2 claims" }).waitFor();
    await page.getByRole("link", { name: "See its claims in the queue" }).click();
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    const rows = page.locator("table.queue tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().getByRole("cell").nth(2).textContent()).toMatch(/^Albania camp report/);
  });

  it("reads an uploaded file by its content: HTML gives its title, an image is refused", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    await page.getByRole("link", { name: "Ingest" }).click();
    const file = page.getByLabel("File (.txt, .md or .html)");
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    await file.setInputFiles({ name: "chart.png", mimeType: "text/plain", buffer: png });
    await page
      .getByRole("alert")
      .getByText("chart.png is a PNG image, not text.", { exact: false })
      .waitFor();
    expect(await page.getByLabel("Article text").inputValue()).toBe("");

    const html = `<!doctype html><html><head><title>Site | Budget claims</title>
      <meta property="og:title" content="The budget did not double, records show"></head>
      <body><article><h1>The budget did not double</h1>
      <p>The ministry said the health budget doubled to $4 billion in 2024, but records show it rose by 12 percent.</p>
      <p>Officials confirmed the figures to reporters on Tuesday.</p></article></body></html>`;
    await file.setInputFiles({ name: "budget.html", mimeType: "text/html", buffer: Buffer.from(html) });
    await expect
      .poll(() => page.getByLabel(/^Title/).inputValue())
      .toBe("The budget did not double, records show");
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.getByRole("button", { name: "Preview sentences" }).click();
    await page
      .getByRole("cell", { name: /health budget doubled/ })
      .first()
      .waitFor();
  });
});
