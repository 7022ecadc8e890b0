import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, useRunningApp } from "./server";

// What a newsroom meets on its first day: the keyboard, roles, a phone, sessions, passwords.
const running = useRunningApp();

const firstClaimPath = async (page: Page) => {
  const href = await page.locator("table.queue tbody tr[data-index] a").first().getAttribute("href");
  if (!href) throw new Error("the queue has no claims");
  return href;
};

/** An admin adds a fact-checker on the Users page. */
async function addUser(admin: Page, name: string, email: string, password: string) {
  await admin.getByRole("link", { name: "Users" }).click();
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel(/First password/).fill(password);
  await admin.getByRole("button", { name: "Add user" }).click();
  await admin.getByRole("cell", { name: email }).waitFor();
}

/** How far the page reaches past the viewport's right edge (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("day one in a newsroom", () => {
  it("lets Enter follow the focused link or button, and open the claim j moved to", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    await page.locator("table.queue tbody tr[data-index]").first().waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ingest" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/app\/ingest$/);
    await page.goBack();
    await page.locator("table.queue tbody tr[data-index]").first().waitFor();

    await page.getByRole("button", { name: "Keyboard shortcuts (?)" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    const first = await firstClaimPath(page);
    await page.locator("h1").click();
    await page.keyboard.press("j");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-index")))
      .toBe("0");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === first);
  });

  it("shows admin and editor screens only to their roles, before anything of them renders", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Users", "Rating scale", "Settings", "Webhooks", "System", "Approvals"])
      expect(await nav.getByRole("link", { name }).count()).toBe(0);

    for (const path of ["admin/users", "admin/ratings", "admin/settings", "admin/webhooks", "admin/system"]) {
      await page.goto(`${running.url}/app/${path}`);
      await page.getByRole("heading", { name: "This page is for admins" }).waitFor();
      expect(await page.getByText("admin@factdesk.test").count()).toBe(0);
      expect(await page.getByRole("button", { name: /Deactivate|Add user|Save/ }).count()).toBe(0);
    }
    await page.goto(`${running.url}/app/approvals`);
    await page.getByRole("heading", { name: "This page is for editors" }).waitFor();

    const editor = await running.signedIn("editor@factdesk.test");
    await editor.goto(`${running.url}/app/approvals`);
    await editor.getByRole("heading", { name: "Approvals" }).waitFor();
    await editor.goto(`${running.url}/app/admin/users`);
    await editor.getByRole("heading", { name: "This page is for admins" }).waitFor();
  });

  it("fits a phone: no page is wider than the screen and the header's controls are on it", async () => {
    const context = await running.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${running.url}/app/login`);
    await page.getByLabel("Email").fill("admin@factdesk.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("table.queue tbody tr[data-index]").first().waitFor();
    const claim = await firstClaimPath(page);

    const screens: [string, string][] = [
      ["/app/", "Review queue"],
      [claim, "Verdict"],
      ["/app/ingest", "Ingest"],
      ["/app/archive", "Past fact-checks"],
      ["/app/dashboard", "Dashboard"],
      ["/app/notifications", "Notifications"],
      ["/app/approvals", "Approvals"],
      ["/app/account", "Your account"],
      ["/app/admin/users", "Users"],
      ["/app/admin/ratings", "Rating scale"],
      ["/app/admin/settings", "Settings"],
      ["/app/admin/webhooks", "Webhooks"],
      ["/app/admin/system", "System"],
    ];
    for (const [path, heading] of screens) {
      await page.goto(`${running.url}${path}`);
      await page.getByRole("heading", { name: heading }).first().waitFor();
      // Measured once the screen has its data (charts and tables take their width then).
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
      expect({ path, overflow: await overflow(page) }).toEqual({ path, overflow: 0 });
      for (const control of [
        page.getByRole("button", { name: "Log out" }),
        page.getByRole("link", { name: /^Notifications/ }),
        page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }),
      ]) {
        const box = await control.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      }
    }

    // A wide laptop: every menu item stays on one line.
    await page.setViewportSize({ width: 1366, height: 800 });
    const heights = await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => link.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(1.5 * Math.min(...heights));
    await context.close();
  });

  it("gives the explanation, the main writing field, the width of its panel", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    await page.goto(`${running.url}${await firstClaimPath(page)}`);
    const box = page.getByLabel("Explanation", { exact: true });
    const [field, panel] = await box.evaluate((el) => [
      el.getBoundingClientRect().width,
      (el.closest("fieldset") as HTMLElement).clientWidth,
    ]);
    expect(field).toBeGreaterThan(0.85 * (panel ?? 0));
  });

  it("sends a deactivated user's open tab to the login page", async () => {
    const admin = await running.signedIn("admin@factdesk.test");
    await addUser(admin, "Dana Departing", "dana@factdesk.test", "dana-first-password");

    const dana = await running.signedIn("dana@factdesk.test", "dana-first-password");
    await admin.getByRole("button", { name: "Deactivate Dana Departing" }).click();
    await admin.getByRole("button", { name: "Reactivate Dana Departing" }).waitFor();
    // The deactivation is announced live; Dana's tab finds its session gone.
    await dana.waitForURL(/\/app\/login$/);
    await dana.getByRole("button", { name: "Log in" }).waitFor();
    expect(await dana.getByText("Dana Departing").count()).toBe(0);
  });

  it("lets people change their own password and admins reset one; the sessions it ends end", async () => {
    const admin = await running.signedIn("admin@factdesk.test");
    await addUser(admin, "Pat Password", "pat@factdesk.test", "pat-first-password");

    const laptop = await running.signedIn("pat@factdesk.test", "pat-first-password");
    const phone = await running.signedIn("pat@factdesk.test", "pat-first-password");
    await laptop.getByRole("link", { name: /Your account/ }).click();
    await laptop.getByLabel("Current password").fill("not-my-password");
    await laptop.getByLabel(/^New password \(/).fill("pat-second-password");
    await laptop.getByLabel("New password again").fill("pat-second-password");
    await laptop.getByRole("button", { name: "Change password" }).click();
    await laptop.getByRole("alert").getByText("Your current password is not right.").waitFor();

    await laptop.getByLabel("Current password").fill("pat-first-password");
    await laptop.getByRole("button", { name: "Change password" }).click();
    await laptop
      .getByRole("status")
      .getByText(/Password changed/)
      .waitFor();
    // The other device is signed out at its next request; this one stays.
    await phone.reload();
    await phone.waitForURL(/\/app\/login$/);
    await laptop.getByRole("link", { name: "Review queue" }).click();
    await laptop.getByRole("heading", { name: "Review queue" }).waitFor();
    await running.signedIn("pat@factdesk.test", "pat-second-password");

    // The admin sets a new one: every session of Pat's ends.
    await admin.getByText("Reset password of Pat Password").click();
    await admin.getByLabel("New password for Pat Password").fill("short");
    await admin.getByRole("button", { name: "Set password" }).click();
    await admin.getByText("Use at least 12 characters for the password.").waitFor();
    await admin.getByLabel("New password for Pat Password").fill("pat-third-password");
    await admin.getByRole("button", { name: "Set password" }).click();
    await admin
      .getByRole("status")
      .getByText(/Password set/)
      .waitFor();
    await laptop.reload();
    await laptop.waitForURL(/\/app\/login$/);
    await running.signedIn("pat@factdesk.test", "pat-third-password");
  });

  it("tells a claim's history in names and labels, never ids", async () => {
    const editor = await running.signedIn("editor@factdesk.test");
    await editor.goto(`${running.url}${await firstClaimPath(editor)}`);
    const history = editor.getByRole("region", { name: "History" });
    await editor.getByLabel("Assignee").selectOption({ label: "Casey Checker" });
    await history.getByText("assigned it to Casey Checker").waitFor();
    await editor.getByLabel("Assignee").selectOption({ label: "Eden Editor" });
    await history.getByText("reassigned it from Casey Checker to Eden Editor").waitFor();
    expect(await history.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("refuses an empty draft and a headline too long, saying so instead of cutting it", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    const claims = page.locator("table.queue tbody tr[data-index] a");
    const href = await claims.nth(1).getAttribute("href");
    await page.goto(`${running.url}${href}`);
    await page.getByRole("button", { name: "Save draft" }).click();
    await page
      .getByRole("alert")
      .getByText(/^Write something first/)
      .waitFor();
    expect(await page.getByText(/Revision \d+ saved/).count()).toBe(0);

    const headline = page.getByLabel("Headline (the claim as reviewed)");
    await headline.fill("x".repeat(100_000));
    expect((await headline.inputValue()).length).toBe(100_000);
    await page.getByText(/^100,000 characters: shorten it to 75/).waitFor();
    expect(await headline.getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByText(/Revision \d+ saved/).count()).toBe(0);
  });

  it("asks for no missing file, makes the checker choose a stance, and lays forms out plainly", async () => {
    const admin = await running.signedIn("admin@factdesk.test");
    const missing: string[] = [];
    admin.on("response", (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await admin.goto(`${running.url}/app/`);
    await admin.locator("table.queue tbody tr[data-index]").first().waitFor();
    const claim = await firstClaimPath(admin);
    await admin.goto(`${running.url}/`);
    await admin.goto(`${running.url}${claim}`);
    await admin.getByRole("button", { name: "Add a source" }).click();
    const stance = admin.getByLabel("Stance");
    expect(await stance.inputValue()).toBe("");
    expect(await stance.evaluate((el) => (el as HTMLSelectElement).required)).toBe(true);
    expect(missing).toEqual([]);

    // A tick-box sits left of its label, on its line.
    await admin.goto(`${running.url}/app/admin/webhooks`);
    const tick = admin.getByRole("checkbox", { name: "verdict.published" });
    const [box, label] = await tick.evaluate((el) => {
      const own = el.getBoundingClientRect();
      const text = (el.closest("label") as HTMLElement).getBoundingClientRect();
      return [own, text].map((r) => ({ left: r.left, top: r.top, height: r.height }));
    });
    expect(box && label && box.left - label.left).toBeLessThan(10);
    expect(label?.height).toBeLessThan(2.2 * (box?.height ?? 0));

    // The settings' long labels read as one line at a laptop's width.
    await admin.setViewportSize({ width: 1366, height: 800 });
    await admin.goto(`${running.url}/app/admin/settings`);
    const caption = admin.locator("label", { hasText: "Methodology (Markdown" }).locator("span").first();
    expect(await caption.evaluate((el) => el.getClientRects().length)).toBe(1);
  });

  it("tells the author of a revision once, not per step, that another editor must review it", async () => {
    const editor = await running.signedIn("editor@factdesk.test");
    const claims = editor.locator("table.queue tbody tr[data-index] a");
    await editor.goto(`${running.url}${await claims.nth(2).getAttribute("href")}`);
    await editor.getByRole("button", { name: "Add a source" }).click();
    await editor.getByLabel("Address").fill("https://example.org/editor-source");
    await editor.getByLabel("Title").fill("Editor's own source");
    await editor.getByLabel("Stance").selectOption("refutes");
    await editor.getByRole("button", { name: "Add source" }).click();
    await editor.getByRole("link", { name: "Editor's own source" }).waitFor();
    await editor.getByRole("button", { name: "Mark sourced" }).click();
    await editor.locator(".facts .badge", { hasText: "Sourced" }).waitFor();
    await editor.getByLabel("Rating").selectOption({ label: "False" });
    await editor.getByLabel("Headline (the claim as reviewed)").fill("Written by the editor");
    await editor.getByRole("textbox", { name: "Explanation" }).fill("The editor's own reasoning.");
    await editor.getByRole("checkbox", { name: "Editor's own source" }).check();
    await editor.getByRole("button", { name: "Save draft" }).click();
    await editor.getByText("Revision 1 saved").waitFor();
    await editor.getByRole("button", { name: "Submit for approval" }).click();
    await editor.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();

    await editor.getByRole("link", { name: "Approvals" }).click();
    const item = editor.locator("li.approval", { hasText: "Written by the editor" });
    await item.waitFor();
    expect(await item.getByText("You wrote this revision; another editor must review it.").count()).toBe(1);
  });

  it("says what is wrong with a form in sentences beside the fields, not joined with field names", async () => {
    const admin = await running.signedIn("admin@factdesk.test");
    await admin.getByRole("link", { name: "Users" }).click();
    await admin.getByLabel("Name", { exact: true }).fill("Ivy Invalid");
    await admin.getByLabel("Email").fill("not-an-address");
    await admin.getByLabel(/First password/).fill("short");
    await admin.getByRole("button", { name: "Add user" }).click();
    const form = admin.getByRole("form", { name: "Add a user" });
    await form.getByText("Enter a valid email address.").waitFor();
    await form.getByText("Use at least 12 characters for the password.").waitFor();
    const alert = await form.getByRole("alert").textContent();
    expect(alert).not.toMatch(/email:|password:/);
    expect(alert).not.toContain("Enter a valid email address.");
  });
});
