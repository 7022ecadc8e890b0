import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const running = useRunningApp();

describe("similar and contradicting claims", () => {
  it("shows the seeds' conflicting founding years, and confirming the contradiction allows 'Mark disputed'", async () => {
    const page = await running.signedIn("checker@factdesk.test");
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
});
