import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

describe("notifications", () => {
  it("reach an open page live, list what happened, and are marked read when opened", async () => {
    const checker = await running.signedIn("checker@factdesk.test");
    const editor = await running.signedIn("editor@factdesk.test");
    const bell = checker.getByRole("link", { name: /^Notifications/ });
    expect(await bell.getAttribute("aria-label")).toBe("Notifications");

    // The editor assigns two claims to the checker, in bulk.
    await editor.getByLabel("Search claims").fill("Albania");
    await editor.locator("table.queue mark").first().waitFor();
    await editor.locator("h1").click();
    for (const key of ["j", "x", "j", "x", "a"]) await editor.keyboard.press(key);
    await editor
      .getByRole("region", { name: "Bulk actions" })
      .getByLabel("Assign to")
      .selectOption({ label: "Casey Checker" });
    await editor.getByRole("button", { name: "Apply" }).click();
    await editor.getByText("2 of 2 claims updated.").waitFor();

    // The checker's open queue shows them without a reload.
    await checker.getByRole("link", { name: "Notifications 2 unread" }).waitFor();
    await bell.click();
    await checker.getByRole("heading", { name: "Notifications" }).waitFor();
    const items = checker.getByRole("listitem").filter({ hasText: "assigned you a claim" });
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    expect(await accessibilityProblems(checker)).toEqual([]);
    await checker.screenshot({ path: `${screenshots}notifications.png`, fullPage: true });

    await items.first().getByRole("link").click();
    await checker.getByRole("heading", { name: "Sources" }).waitFor();
    await checker.getByRole("link", { name: "Notifications 1 unread" }).waitFor();
    await checker.getByRole("link", { name: /^Notifications/ }).click();
    await checker.getByRole("button", { name: "Mark all read" }).click();
    await checker.getByRole("button", { name: "Mark all read" }).waitFor({ state: "hidden" });
    await checker.getByRole("link", { name: "Notifications", exact: true }).waitFor();

    // The dashboard counts the two claims in Casey's workload.
    await checker.getByRole("link", { name: "Dashboard" }).click();
    await checker.getByRole("heading", { name: "Dashboard" }).waitFor();
    const workload = checker.getByRole("figure", { name: "Open claims per fact-checker" });
    await workload.getByText("The numbers").click();
    await workload.getByRole("row", { name: /Casey Checker/ }).waitFor();
    expect(
      await workload
        .getByRole("row", { name: /Casey Checker/ })
        .getByRole("cell")
        .nth(1)
        .textContent(),
    ).toBe("2");
    expect(await checker.getByRole("figure").count()).toBe(7);
    // The period is in the URL; the backlog then has a row per week of it.
    await checker.getByLabel("Period").selectOption({ label: "Last 4 weeks" });
    await checker.waitForURL(/weeks=4/);
    const backlog = checker.getByRole("figure", { name: "Backlog by status, end of each week" });
    await backlog.getByText("The numbers").click();
    await expect.poll(() => backlog.locator("tbody tr").count()).toBe(4);
    expect(await accessibilityProblems(checker)).toEqual([]);
    await checker.screenshot({ path: `${screenshots}dashboard.png`, fullPage: true });
  });
});
