import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

describe("the review queue", () => {
  it("searches with highlights, keeps its view in the URL, and works by keyboard and in bulk", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    const rows = page.locator("table.queue tbody tr[data-index]");
    await rows.first().waitFor();

    // Full-text search, with the words found marked in each row.
    await page.getByLabel("Search claims").fill("delisted");
    await page.waitForURL(/q=delisted/);
    await page.locator("table.queue mark").first().waitFor();
    const found = await rows.count();
    expect(found).toBeGreaterThan(0);
    expect(await page.locator("table.queue tbody tr[data-index]:not(:has(mark))").count()).toBe(0);

    // Status counts toggle a filter; the back button undoes it.
    const unverified = page.getByRole("button", { name: /^Unverified \d+/ });
    await unverified.click();
    await page.waitForURL(/status=unverified/);
    // The button shows it is pressed once the view has rendered from the new address.
    await page.getByRole("button", { name: /^Unverified \d+/, pressed: true }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes("status="));
    await page.getByRole("button", { name: /^Unverified \d+/, pressed: false }).waitFor();
    expect(await page.getByLabel("Search claims").inputValue()).toBe("delisted");

    // The keyboard: ? lists shortcuts, j moves, x selects.
    await page.locator("h1").click();
    await page.keyboard.press("?");
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-index")))
      .toBe("1");
    await page.getByText("2 claims selected").waitFor();

    // The workflow judges each claim: none has a source yet, so none becomes "sourced".
    await page.keyboard.press("s");
    const status = page.getByRole("region", { name: "Bulk actions" }).getByLabel("Status");
    await expect.poll(() => status.evaluate((el) => el === document.activeElement)).toBe(true);
    await status.selectOption({ label: "Sourced" });
    await page.getByRole("button", { name: "Apply" }).click();
    const summary = page.getByRole("status", { name: "Result of the bulk action" });
    await summary.getByText("0 of 2 claims updated. 2 not:").waitFor();
    expect(await summary.getByRole("listitem").first().textContent()).toMatch(/source/i);
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);

    // Assign both to themself.
    await page.keyboard.press("a");
    const assign = page.getByRole("region", { name: "Bulk actions" }).getByLabel("Assign to");
    await expect.poll(() => assign.evaluate((el) => el === document.activeElement)).toBe(true);
    await assign.selectOption({ label: "Me" });
    await page.getByRole("button", { name: "Apply" }).click();
    await summary.getByText("2 of 2 claims updated.").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}queue-bulk.png`, fullPage: true });

    // The view is in the URL: a colleague opening it sees the same claims.
    await page
      .getByRole("form", { name: "Filter the queue" })
      .getByLabel("Assignee")
      .selectOption({ label: "Me" });
    await page.waitForURL(/assignee=me/);
    await page.waitForFunction(
      () => document.querySelectorAll("table.queue tbody tr[data-index]").length === 2,
    );

    // Saved under a name, the view is one click away.
    await page.getByLabel("Save this view as").fill("My delisting claims");
    await page.getByRole("button", { name: "Save view" }).click();
    const savedLink = page
      .getByRole("region", { name: "Saved views" })
      .getByRole("link", { name: "My delisting claims" });
    await savedLink.waitFor();
    expect(await savedLink.getAttribute("aria-current")).toBe("page");

    // The export is the same view, as CSV.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv.trim().split("\n")).toHaveLength(3); // header and the two claims
    expect(csv).toContain("Casey Checker");

    const editor = await running.signedIn("editor@factdesk.test");
    await editor.goto(page.url().replace("assignee=me", "assignee=unassigned"));
    await editor.locator("table.queue mark").first().waitFor();
    expect(await editor.locator("table.queue tbody tr[data-index]").count()).toBe(found - 2);
  });
});
