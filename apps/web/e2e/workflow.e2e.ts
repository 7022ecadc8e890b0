import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

const statusOf = (page: Page) => page.locator(".facts .badge").first().textContent();

describe("the claim workspace", () => {
  it("takes a claim from evidence to a published verdict, and a colleague sees it live", async () => {
    const checker = await running.signedIn("checker@factdesk.test");
    const editor = await running.signedIn("editor@factdesk.test");

    const firstClaim = checker.locator("table.queue tbody tr").first().getByRole("link");
    await firstClaim.click();
    await checker.getByRole("heading", { name: "Sources" }).waitFor();
    const claimUrl = checker.url();
    await editor.goto(claimUrl);
    await editor.getByRole("heading", { name: "Sources" }).waitFor();
    expect(await statusOf(editor)).toBe("Unverified");

    // Evidence: add a refuting source, then the status steps open up.
    await checker.getByRole("button", { name: "Add a source" }).click();
    await checker.getByLabel("Address").fill("https://example.org/primary-record");
    await checker.getByLabel("Title").fill("Primary record");
    await checker.getByLabel("Quoted excerpt").fill("The group was formed in 1963.");
    await checker.getByLabel("Stance").selectOption("refutes");
    await checker.getByRole("button", { name: "Add source" }).click();
    await checker.getByRole("link", { name: "Primary record" }).waitFor();
    await checker.getByRole("button", { name: "Mark sourced" }).click();
    await checker.locator(".facts .badge", { hasText: "Sourced" }).waitFor();

    // The editor's open page follows without a reload.
    await editor.locator(".facts .badge", { hasText: "Sourced" }).waitFor({ timeout: 10_000 });
    await editor.getByRole("link", { name: "Primary record" }).waitFor();

    // Draft, preview and submit the verdict.
    await checker.getByLabel("Rating").selectOption({ label: "Mostly false" });
    await checker.getByLabel("Headline (the claim as reviewed)").fill("The MEK was founded in 1965");
    await checker.getByLabel("Summary").fill("Primary records date it to 1963.");
    await checker.getByRole("textbox", { name: "Explanation" }).fill("The **primary record** says 1963.");
    await checker.getByRole("button", { name: "Preview" }).click();
    expect(await checker.locator(".markdown strong").textContent()).toBe("primary record");
    await checker.getByRole("checkbox", { name: "Primary record" }).check();
    await checker.getByRole("button", { name: "Save draft" }).click();
    await checker.getByText("Revision 1 saved").waitFor();
    expect(await accessibilityProblems(checker)).toEqual([]);
    await checker.getByRole("button", { name: "Submit for approval" }).click();
    await checker.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();

    // The editor approves from the queue and publishes from the claim.
    await editor.getByRole("link", { name: "Approvals" }).click();
    await editor.getByRole("heading", { name: "The MEK was founded in 1965" }).waitFor();
    expect(await accessibilityProblems(editor)).toEqual([]);
    await editor.getByRole("button", { name: "Approve" }).click();
    await editor.getByText("No verdicts are waiting for approval.").waitFor();
    await editor.goto(claimUrl);
    await editor.getByRole("button", { name: "Publish" }).click();
    await editor.getByRole("button", { name: "Yes, publish" }).click();
    await editor.locator(".verdict .badge", { hasText: "Published" }).waitFor();
    await editor.getByText("/verdicts/the-mek-was-founded-in-1965").waitFor();

    // The checker's page shows the publication live, and the history tells the story.
    await checker.locator(".verdict .badge", { hasText: "Published" }).waitFor({ timeout: 10_000 });
    const history = await checker.locator(".timeline li").allTextContents();
    expect(
      history.some((line) => line.includes("Eden Editor") && line.includes("published the verdict")),
    ).toBe(true);
    await checker.screenshot({ path: `${screenshots}workspace.png`, fullPage: true });

    // A correction: written over two saves, it keeps its note and goes back for review.
    await checker.getByRole("button", { name: "Start a correction" }).click();
    await checker.getByLabel("Rating").selectOption({ label: "False" });
    await checker
      .getByLabel(/Correction note/)
      .fill("Rating changed: a second primary source confirms 1963.");
    await checker.getByRole("button", { name: "Save draft" }).click();
    await checker.getByText("Revision 2 saved").waitFor();
    await checker.getByLabel("Summary").fill("Two primary records date it to 1963.");
    await checker.getByRole("button", { name: "Save draft" }).click();
    await checker.getByText("Revision 3 saved").waitFor();
    expect(await checker.getByLabel(/Correction note/).inputValue()).toBe(
      "Rating changed: a second primary source confirms 1963.",
    );
    await checker.getByRole("button", { name: "Submit for approval" }).click();
    await checker.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();
    expect(await checker.getByRole("alert").count()).toBe(0);
  });
});
