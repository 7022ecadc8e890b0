import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { DEMO_PASSWORD, launchBrowser, startApp } from "./server";

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("administration", () => {
  it("adds a user who can then log in, and renames a rating", async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${app.url}/app/login`);
    await page.getByLabel("Email").fill("admin@factdesk.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();

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

    const newcomer = await (await browser.newContext()).newPage();
    await newcomer.goto(`${app.url}/app/login`);
    await newcomer.getByLabel("Email").fill("nia@factdesk.test");
    await newcomer.getByLabel("Password").fill("a-proper-long-password");
    await newcomer.getByRole("button", { name: "Log in" }).click();
    await newcomer.getByRole("link", { name: "Approvals" }).waitFor();
  });
});
