import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const running = useRunningApp();

describe("similar and contradicting claims", () => {
  it("shows the seeds' conflicting founding years, and confirming the contradiction allows 'Mark disputed'", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    await page.getByLabel("Search claims").fill("MEK founded 1963");
    await page.getByRole("link", { name: /The MEK was founded in 1963/ }).click();
    const panel = page.getByRole("region", { name: "Similar and contradicting claims" });
    await panel.waitFor();
    await panel.getByText("1963 vs 1965").waitFor();
    expect(await panel.getByRole("link", { name: /founded in 1965/ }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Mark disputed" }).isDisabled()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);

    await panel.locator(".link-contradiction").getByRole("button", { name: "Confirm" }).click();
    await panel.getByText("(confirmed)").waitFor();
    await page.getByRole("button", { name: "Mark disputed" }).click();
    await page.locator(".facts .badge", { hasText: "Disputed" }).waitFor();
  });

  it("imports past fact-checks and marks a matching claim 'Already fact-checked'", async () => {
    const editor = await running.signedIn("editor@factdesk.test");
    await editor.getByRole("link", { name: "Archive" }).click();
    await editor.getByLabel("File").setInputFiles({
      name: "archive.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        'claim,claimant,verdict,url,date\n"The MEK was founded in 1963 by Marxist students.",Jane Roe,False,https://checks.example/mek-1963,2019-05-02\n',
      ),
    });
    await editor.getByRole("button", { name: "Import" }).click();
    await editor
      .getByRole("status")
      .getByText(/Imported 1 fact-check(?!s)/)
      .waitFor();
    expect(await accessibilityProblems(editor)).toEqual([]);

    await editor.getByLabel("Claim or statement").fill("When was the MEK founded?");
    // Who said it and when, if known, go with the search.
    await editor.getByLabel("Said by (optional)").fill("Jane Roe");
    await editor.getByLabel("Said on (optional)").fill("2019-05-01");
    await editor.getByRole("button", { name: "Find matches" }).click();
    await editor
      .getByRole("list", { name: "Matching fact-checks" })
      .getByRole("link", { name: /founded in 1963/ })
      .waitFor();

    await editor.getByRole("link", { name: "Queue" }).click();
    await editor.getByLabel("Search claims").fill("MEK founded 1963");
    // The claims already in the queue were checked against the import (a job): the row says so.
    await editor
      .locator("table.queue tbody tr", { hasText: /The MEK was founded in 1963/ })
      .first()
      .getByText("Already fact-checked")
      .waitFor({ timeout: 15_000 });
    await editor.getByRole("link", { name: /The MEK was founded in 1963/ }).click();
    const archive = editor.getByRole("list", { name: "Already fact-checked" });
    await archive.getByRole("link", { name: "The MEK was founded in 1963 by Marxist students." }).waitFor();
    expect(await archive.getByRole("link").first().getAttribute("href")).toBe(
      "https://checks.example/mek-1963",
    );
  });
});
