import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, useRunningApp } from "./server";

// The main flow with the keyboard alone: no clicks, no focus() from the test, only keys.
const running = useRunningApp();

/** Presses Tab until `target` has focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, limit = 150) {
  await target.first().waitFor();
  for (let i = 0; i < limit; i++) {
    if (await target.first().evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function logIn(page: Page, email: string) {
  await page.goto(`${running.url}/app/login`);
  // The email field has focus when the page opens.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("email");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Review queue" }).waitFor();
  await page.locator("table.queue tbody tr[data-index]").first().waitFor();
}

describe("the journey by keyboard alone", () => {
  it("takes a claim from the queue to a published verdict without a mouse", async () => {
    const context = await running.browser.newContext();
    const checker = await context.newPage();
    await logIn(checker, "checker@factdesk.test");

    // The queue: j moves to a claim, Enter opens it.
    await checker.keyboard.press("j");
    await checker.keyboard.press("j");
    await checker.keyboard.press("Enter");
    await checker.waitForURL(/\/app\/claims\//);
    const claimUrl = checker.url();

    // A source, by Tab, typing and Enter.
    await tabTo(checker, checker.getByRole("button", { name: "Add a source" }));
    await checker.keyboard.press("Enter");
    await tabTo(checker, checker.getByLabel("Address"));
    await checker.keyboard.type("https://example.org/keyboard-record");
    await tabTo(checker, checker.getByLabel("Title"));
    await checker.keyboard.type("Keyboard record");
    await tabTo(checker, checker.getByLabel("Stance"));
    await checker.keyboard.press("ArrowDown");
    await checker.keyboard.press("ArrowDown");
    expect(await checker.getByLabel("Stance").inputValue()).toBe("refutes");
    await tabTo(checker, checker.getByRole("button", { name: "Add source" }));
    await checker.keyboard.press("Enter");
    await checker.getByRole("link", { name: "Keyboard record" }).waitFor();

    await tabTo(checker, checker.getByRole("button", { name: "Mark sourced" }));
    await checker.keyboard.press("Enter");
    await checker.locator(".facts .badge", { hasText: "Sourced" }).waitFor();

    // The verdict: a rating, a headline, an explanation, the source ticked with Space.
    await tabTo(checker, checker.getByLabel("Rating"));
    await checker.keyboard.press("ArrowDown");
    expect(await checker.getByLabel("Rating").inputValue()).not.toBe("");
    await tabTo(checker, checker.getByLabel("Headline (the claim as reviewed)"));
    await checker.keyboard.type("Checked by keyboard");
    await tabTo(checker, checker.getByRole("textbox", { name: "Explanation" }));
    await checker.keyboard.type("The record says otherwise.");
    await tabTo(checker, checker.getByRole("checkbox", { name: "Keyboard record" }));
    await checker.keyboard.press("Space");
    await tabTo(checker, checker.getByRole("button", { name: "Save draft" }));
    await checker.keyboard.press("Enter");
    await checker.getByText("Revision 1 saved").waitFor();
    await tabTo(checker, checker.getByRole("button", { name: "Submit for approval" }));
    await checker.keyboard.press("Enter");
    await checker.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();
    await tabTo(checker, checker.getByRole("button", { name: "Log out" }));
    await checker.keyboard.press("Enter");
    await checker.getByRole("button", { name: "Log in" }).waitFor();

    // The editor approves from the approval queue and publishes from the claim.
    const editor = await (await running.browser.newContext()).newPage();
    await logIn(editor, "editor@factdesk.test");
    await tabTo(
      editor,
      editor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }),
    );
    await editor.keyboard.press("Enter");
    const item = editor.locator("li.approval", { hasText: "Checked by keyboard" });
    await tabTo(editor, item.getByRole("button", { name: "Approve" }));
    await editor.keyboard.press("Enter");
    await editor.getByText("No verdicts are waiting for approval.").waitFor();

    await editor.goto(claimUrl);
    await tabTo(editor, editor.getByRole("button", { name: "Publish" }));
    await editor.keyboard.press("Enter");
    // The confirmation has focus: Enter confirms.
    await expect.poll(() => editor.evaluate(() => document.activeElement?.textContent)).toBe("Yes, publish");
    await editor.keyboard.press("Enter");
    await editor.locator(".verdict .badge", { hasText: "Published" }).waitFor();
    await context.close();
  });
});
