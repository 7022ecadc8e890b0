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
          "The United States relocated 3,000 MEK members to Albania in 2013, officials said.",
          "I think this is all very sad.",
          "Leave a Reply",
          "The camp near Durres cost $20 million to build, according to the Albanian government.",
        ].join("\n"),
      );
    await page.getByRole("button", { name: "Preview sentences" }).click();
    await page.getByRole("heading", { name: "Sentences (3)" }).waitFor();
    expect(await page.getByText("1 lines of boilerplate left out").count()).toBe(1);
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
});
