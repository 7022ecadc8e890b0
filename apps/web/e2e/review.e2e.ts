import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { DEMO_PASSWORD, useRunningApp } from "./server";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${running.url}/app/`);
  await page.waitForURL("**/app/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

describe("a fact-checker's first minutes", () => {
  it("logs in, sees the review queue, and opens a claim in its article", async () => {
    // The app's CSP forbids injected scripts; the test context lets axe in.
    const page = await (await running.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${running.url}/app/login`);
    await page.getByLabel("Email").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await logIn(page, "checker@factdesk.test");

    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    expect(await page.title()).toBe("Review queue · Factdesk");
    expect(await accessibilityProblems(page)).toEqual([]);
    const rows = page.locator("table.queue tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(10);
    await page.screenshot({ path: `${screenshots}queue.png`, fullPage: false });

    const firstClaim = rows.first().getByRole("link");
    const claimText = (await firstClaim.textContent()) ?? "";
    await firstClaim.click();

    await page.getByRole("heading", { level: 1, name: claimText }).waitFor();
    expect(await page.locator("blockquote.context mark").textContent()).toBe(claimText);
    // The workflow says why "Mark sourced" cannot be pressed yet.
    expect(await page.getByRole("button", { name: "Mark sourced" }).isDisabled()).toBe(true);
    await page.getByText("Add a source first.").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}claim.png`, fullPage: true });

    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL("**/app/login");
    await page.close();
  });

  it("shows a wrong password next to the form and stays on the login page", async () => {
    const page = await running.browser.newPage();
    await logIn(page, "editor@factdesk.test", "not-the-password");
    await expect(page.getByRole("alert").textContent()).resolves.toBe("Email or password is incorrect.");
    expect(page.url()).toMatch(/\/app\/login$/);
    await page.close();
  });

  it("keeps the frame and offers a reload when a page's code cannot be fetched", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    await page.route(/\/assets\/DashboardPage-[^/]+\.js$/, (route) => route.abort());
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.getByRole("heading", { name: "This page could not be shown" }).waitFor();
    expect(await page.getByRole("button", { name: "Reload the page" }).count()).toBe(1);
    await page.getByRole("link", { name: "Review queue" }).first().click();
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
  });
});
