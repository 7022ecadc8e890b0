import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";
import { sourceAndSubmitVerdict } from "./steps";

const running = useRunningApp();

const tipText =
  'The city spent <b onmouseover="window.__xss=1">900 million euros</b> on the new Lyon bridge.';
const secondTip = "Is it true the new Lyon bridge cost the city 900 million euros?";

describe("reader tips", () => {
  it("are sent without JavaScript and followed through triage, a claim, a verdict and its publication", async () => {
    // Two readers, their browsers without JavaScript.
    const readers = await Promise.all(
      [1, 2].map(async () => (await running.browser.newContext({ javaScriptEnabled: false })).newPage()),
    );
    for (const reader of readers) await reader.goto(`${running.url}/tips`);
    // Accessibility is checked in a browser with JavaScript (axe runs in the page).
    const auditor = await (await running.browser.newContext({ bypassCSP: true })).newPage();
    await auditor.goto(`${running.url}/tips`);
    expect(await accessibilityProblems(auditor)).toEqual([]);
    const [first, second] = readers as [(typeof readers)[number], (typeof readers)[number]];
    await first.getByLabel("What was claimed").fill(tipText);
    await first.getByLabel("Where did you see or hear it?").fill("A leaflet through my door");
    await first.getByLabel(/Your email or phone/).fill("reader@example.org");
    await first.getByRole("checkbox").check();
    await second.getByLabel("What was claimed").fill(secondTip);
    // People take a few seconds to write; the form's time check refuses anything faster.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    for (const reader of readers) {
      await reader.getByRole("button", { name: "Send the tip" }).click();
      await reader.getByText("Thank you: your tip has arrived").waitFor();
    }
    const tracking = first.url().replace(/\?sent=1$/, "");
    expect(tracking).toMatch(/\/tips\/[A-Za-z0-9_-]{22}$/);
    const progress = async () => {
      await first.goto(tracking);
      const body = (await first.locator("main").textContent()) ?? "";
      // The tracking page shows progress only, never what the reader sent.
      for (const secret of ["Lyon", "900 million", "leaflet", "reader@example.org"])
        expect(body).not.toContain(secret);
      return (await first.locator("ol.progress li.now").textContent()) ?? "";
    };
    expect(await progress()).toMatch(/^Received/);
    await auditor.goto(tracking);
    expect(await accessibilityProblems(auditor)).toEqual([]);

    // The desk sees both in one group and makes one claim of them.
    const checker = await running.signedIn("checker@factdesk.test");
    await checker.getByRole("link", { name: "Tips" }).click();
    const group = checker.locator("article", { hasText: "Asked by 2 readers" });
    await group.waitFor();
    expect(await group.locator("b").count()).toBe(0);
    expect(await group.textContent()).toContain("contact (private): reader@example.org");
    await group.getByRole("button", { name: "Mark as read" }).click();
    await checker.getByText("No tips here.").waitFor();
    expect(await progress()).toMatch(/^In triage/);
    await checker.getByRole("button", { name: "In triage" }).click();
    await group.getByRole("button", { name: "Make a claim…" }).click();
    await group
      .getByLabel("The claim, as the desk words it")
      .fill("The new Lyon bridge cost 900 million euros.");
    await group.getByRole("button", { name: "Create the claim" }).click();
    await checker
      .locator("h1.claim-text", { hasText: "The new Lyon bridge cost 900 million euros." })
      .waitFor();
    const claimUrl = checker.url();
    expect(await progress()).toMatch(/^Being checked/);

    // Checked, approved and published as any claim is.
    await sourceAndSubmitVerdict(checker, {
      source: { url: "https://example.org/bridge-accounts", title: "City accounts 2025", stance: "refutes" },
      rating: "False",
      headline: "The Lyon bridge cost 310 million euros",
      summary: "The city's accounts show 310 million euros.",
      explanation: "The **accounts** say 310 million.",
    });
    const editor = await running.signedIn("editor@factdesk.test");
    await editor.goto(claimUrl);
    await editor.getByRole("button", { name: "Approve" }).click();
    await editor.getByRole("button", { name: "Publish" }).click();
    await editor.getByRole("button", { name: "Yes, publish" }).click();
    await editor.locator(".verdict .badge", { hasText: "Published" }).waitFor();

    // Both readers' pages say published and lead to the fact-check.
    expect(await progress()).toMatch(/^Published/);
    await first.getByRole("link", { name: "Read the fact-check" }).click();
    await first.getByRole("heading", { level: 1, name: "The Lyon bridge cost 310 million euros" }).waitFor();
    await second.reload();
    expect(await second.locator("ol.progress li.now").textContent()).toMatch(/^Published/);
  });
});
