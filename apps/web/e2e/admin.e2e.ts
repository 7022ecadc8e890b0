import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const running = useRunningApp();

describe("administration", () => {
  it("adds a user who can then log in, and renames a rating", async () => {
    const page = await running.signedIn("admin@factdesk.test");

    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { name: "Users" }).waitFor();
    await page.getByLabel("Name").fill("Nia Newcomer");
    await page.getByLabel("Email").fill("nia@factdesk.test");
    await page.locator("select[name=role]").selectOption("editor");
    await page.getByLabel(/First password/).fill("a-proper-long-password");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("cell", { name: "nia@factdesk.test" }).waitFor();
    expect(await page.getByLabel("Role of Nia Newcomer").inputValue()).toBe("editor");
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole("link", { name: "Rating scale" }).click();
    await page.getByLabel("Label of half_true").fill("Half right");
    await page.getByRole("button", { name: "Save scale" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // The organisation's settings: the methodology shows on the public site at once.
    await page.getByRole("link", { name: "Settings" }).click();
    expect(await page.getByLabel("Name").inputValue()).toBe("Factdesk Demo Desk");
    await page.getByLabel(/^Methodology/).fill("## What we check\nStatements of **fact** only.");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.goto(`${running.url}/methodology`);
    await page.getByRole("heading", { name: "What we check" }).waitFor();

    // Webhooks: registered with a secret that is never shown again.
    await page.goto(`${running.url}/app/admin/webhooks`);
    await page.getByLabel("Endpoint address").fill("https://partner.example/factdesk");
    await page.getByLabel(/^Secret/).fill("partner-shared-secret-0001");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page
      .getByRole("list", { name: "Registered webhooks" })
      .getByText("https://partner.example/factdesk")
      .waitFor();
    expect(await page.getByText("partner-shared-secret-0001").count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    // System: a backup made on request by the job workers, listed with its file and size.
    await page.getByRole("link", { name: "System" }).click();
    await page.getByRole("heading", { name: "Backups" }).waitFor();
    await page.getByRole("button", { name: "Back up now" }).click();
    await page
      .getByRole("table", { name: "Recent backups" })
      .getByRole("row")
      .filter({ hasText: "asked for" })
      .getByText(/factdesk-\d{8}-\d{6}Z(-\d+)?\.jsonl\.gz/)
      .waitFor();
    await page.getByText(/^Last backup/).waitFor();
    await page.getByLabel("Backups to keep").fill("3");
    await page.getByRole("button", { name: "Save schedule" }).click();
    await page.getByRole("status").filter({ hasText: "Schedule saved." }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    const newcomer = await running.signedIn("nia@factdesk.test", "a-proper-long-password");
    await newcomer.getByRole("link", { name: "Approvals" }).waitFor();
  });
});
