import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { accessibilityProblems } from "./a11y";
import { DEMO_PASSWORD } from "./server";

/**
 * The whole newsroom journey, played by the journey tests at a laptop's size and at a phone's:
 * ingest, filter, bulk-assign, sources, review, changes requested, revision, approval,
 * publication, an anonymous reader. Screenshots are numbered in the journey's order.
 */
export async function playJourney(
  running: { url: string; browser: Browser },
  { viewport, screenshots }: { viewport: { width: number; height: number }; screenshots: string },
) {
  let shot = 0;
  /** A full-page picture of the screen, numbered in the order of the journey (CI keeps them). */
  const capture = (page: Page, name: string) =>
    page.screenshot({ path: `${screenshots}${String(++shot).padStart(2, "0")}-${name}.png`, fullPage: true });
  /** Serious or critical accessibility problems fail the journey where they appear. */
  const accessible = async (page: Page) => expect(await accessibilityProblems(page)).toEqual([]);
  /** No screen of the journey is wider than the viewport. */
  const fits = async (page: Page) =>
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);
  const signedIn = async (email: string) => {
    const page = await (await running.browser.newContext({ bypassCSP: true, viewport })).newPage();
    await page.goto(`${running.url}/app/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    return page;
  };

  const article = [
    "Albania agreed in 2013 to take in 2,900 residents of Camp Liberty, the State Department said.",
    "The new camp near Durres covers 34 hectares, according to the Albanian government.",
    "The US Congress allocated $20 million for the resettlement in 2016.",
    "Leave a Reply",
    "About 3,000 people lived in Ashraf 3 by 2019, Reuters reported.",
  ].join("\n");

  const checker = await signedIn("checker@factdesk.test");
  const editor = await signedIn("editor@factdesk.test");
  const editorBell = editor.getByRole("link", { name: /^Notifications/ });
  expect(await editorBell.getAttribute("aria-label")).toBe("Notifications");

  // The checker ingests an article.
  await checker.getByRole("link", { name: "Ingest" }).click();
  await checker.getByLabel("Title").fill("Resettling the camp in Albania");
  await checker.getByLabel("Outlet").fill("Journey Gazette");
  await checker.getByLabel("Article text").fill(article);
  await checker.getByRole("button", { name: "Preview sentences" }).click();
  await checker.getByRole("heading", { name: "Sentences (4)" }).waitFor();
  await accessible(checker);
  await fits(checker);
  await capture(checker, "ingest-preview");
  await checker.getByRole("button", { name: /^Create \d+ claims$/ }).click();
  await checker
    .getByRole("status")
    .filter({ hasText: /Created \d+ claims/ })
    .waitFor();

  // The queue, filtered to that article.
  await checker.getByRole("link", { name: "See its claims in the queue" }).click();
  await checker.waitForURL(/articleId=/);
  const articleFilter = checker.getByRole("form", { name: "Filter the queue" }).getByLabel("Article");
  await expect
    .poll(() => articleFilter.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text))
    .toBe("Resettling the camp in Albania (Journey Gazette)");
  const rows = checker.locator("table.queue tbody tr[data-index]");
  await rows.nth(2).waitFor();
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  for (const title of await rows.locator("td:nth-child(3)").allTextContents())
    expect(title).toMatch(/^Resettling the camp in Albania/);
  await accessible(checker);
  await fits(checker);
  await capture(checker, "queue-filtered-to-article");

  // Three claims, selected by keyboard and assigned to themself in one go.
  await checker.locator("h1").click();
  for (const key of ["j", "x", "j", "x", "j", "x"]) await checker.keyboard.press(key);
  await checker.getByText("3 claims selected").waitFor();
  await checker.keyboard.press("a");
  await checker
    .getByRole("region", { name: "Bulk actions" })
    .getByLabel("Assign to")
    .selectOption({ label: "Me" });
  await checker.getByRole("button", { name: "Apply" }).click();
  await checker
    .getByRole("status", { name: "Result of the bulk action" })
    .getByText("3 of 3 claims updated.")
    .waitFor();
  await expect.poll(() => rows.getByText("Casey Checker").count()).toBe(3);
  await capture(checker, "queue-bulk-assigned");

  // The first claim: two sources, then sourced and disputed.
  const claimText = (await rows.first().getByRole("link").first().textContent()) ?? "";
  await rows.first().getByRole("link").first().click();
  await checker.getByRole("heading", { name: "Sources" }).waitFor();
  const claimUrl = checker.url();
  const addSource = async (url: string, title: string, stance: string) => {
    await checker.getByRole("button", { name: "Add a source" }).click();
    await checker.getByLabel("Address").fill(url);
    await checker.getByLabel("Title").fill(title);
    await checker.getByLabel("Stance").selectOption(stance);
    await checker.getByRole("button", { name: "Add source" }).click();
    await checker.getByRole("link", { name: title }).waitFor();
  };
  await addSource(
    "https://example.org/state-department-2013",
    "State Department statement, 2013",
    "supports",
  );
  await addSource("https://example.org/unhcr-count", "UNHCR resettlement count", "refutes");
  // Each source's archived copy opens in place (this machine reaches no outside site, so it
  // says why no copy could be kept; the integration tests keep real copies from a local site).
  await checker.getByText("Archived copy of UNHCR resettlement count").click();
  await checker
    .locator(".archived-copy[open]")
    .getByText(/^(Kept|No copy kept yet)/)
    .waitFor();
  await checker.getByRole("button", { name: "Mark sourced" }).click();
  await checker.locator(".facts .badge", { hasText: "Sourced" }).waitFor();
  await checker.getByRole("button", { name: "Mark disputed" }).click();
  await checker.locator(".facts .badge", { hasText: "Disputed" }).waitFor();

  // The checker drafts and submits a verdict.
  await checker.getByLabel("Rating").selectOption({ label: "Mostly false" });
  await checker
    .getByLabel("Headline (the claim as reviewed)")
    .fill("Albania took in 2,900 camp residents in 2013");
  await checker.getByLabel("Summary").fill("The count was lower.");
  await checker.getByRole("textbox", { name: "Explanation" }).fill("UNHCR counted fewer arrivals that year.");
  await checker.getByRole("checkbox", { name: "UNHCR resettlement count" }).check();
  await checker.getByRole("button", { name: "Save draft" }).click();
  await checker.getByText("Revision 1 saved").waitFor();
  await accessible(checker);
  await fits(checker);
  await capture(checker, "claim-workspace-draft");
  await checker.getByRole("button", { name: "Submit for approval" }).click();
  await checker.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();

  // The editor, on another screen, is told live; they ask for changes.
  await editor.getByRole("link", { name: "Notifications 1 unread" }).waitFor({ timeout: 10_000 });
  await editorBell.click();
  const submitted = editor
    .getByRole("listitem")
    .filter({ hasText: "Casey Checker submitted a verdict for your approval" });
  await submitted.waitFor();
  await accessible(editor);
  await fits(editor);
  await capture(editor, "editor-notified");
  await editor.getByRole("link", { name: "Approvals" }).click();
  const item = editor
    .getByRole("listitem")
    .filter({ hasText: "Albania took in 2,900 camp residents in 2013" });
  await item.waitFor();
  // The editor sees the whole verdict being approved, not only a headline.
  const whole = item.getByRole("region", { name: "The verdict to approve" });
  for (const text of [
    "Mostly false",
    "The count was lower.",
    "UNHCR counted fewer arrivals that year.",
    "Refutes: UNHCR resettlement count",
  ])
    expect(await whole.textContent()).toContain(text);
  await accessible(editor);
  await fits(editor);
  await capture(editor, "approval-queue");
  await item.getByRole("button", { name: "Request changes" }).click();
  await editor.getByLabel("What should change?").fill("Give the UNHCR figure in the summary.");
  await item.locator("form").getByRole("button", { name: "Request changes" }).click();
  await editor.getByText("No verdicts are waiting for approval.").waitFor();

  // The checker is told, revises and resubmits.
  await checker.getByRole("link", { name: "Notifications 1 unread" }).waitFor({ timeout: 10_000 });
  await checker.locator(".verdict .badge", { hasText: "Changes requested" }).waitFor();
  await checker
    .getByRole("list", { name: "Editor comments" })
    .getByText("Give the UNHCR figure in the summary.")
    .waitFor();
  await checker.getByLabel("Summary").fill("UNHCR counted 1,900 arrivals in 2013, not 2,900.");
  await checker.getByRole("button", { name: "Save draft" }).click();
  await checker.getByText("Revision 2 saved").waitFor();
  await capture(checker, "claim-workspace-revised");
  await checker.getByRole("button", { name: "Submit for approval" }).click();
  await checker.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();

  // The editor sees what changed, approves and publishes.
  await editor.reload();
  const revised = editor.locator("li.approval", { hasText: "Revision 2 by Casey Checker" });
  // The change since revision 1, marked up, once the item has rendered its comparison.
  await revised.waitFor({ timeout: 10_000 });
  await expect
    .poll(async () => (await revised.locator("ins").allTextContents()).join(" "), { timeout: 10_000 })
    .toContain("UNHCR counted 1,900");
  await capture(editor, "approval-queue-revision-2");
  await revised.getByRole("button", { name: "Approve" }).click();
  await editor.getByText("No verdicts are waiting for approval.").waitFor();
  await editor.goto(claimUrl);
  await editor.getByRole("button", { name: "Publish" }).click();
  await editor.getByRole("button", { name: "Yes, publish" }).click();
  await editor.locator(".verdict .badge", { hasText: "Published" }).waitFor();
  const slug = ((await editor.locator(".verdict code").textContent()) ?? "").trim();
  expect(slug).toMatch(/^\/verdicts\/albania-took-in-2-?900/);
  await accessible(editor);
  await fits(editor);
  await capture(editor, "published");
  await checker.locator(".verdict .badge", { hasText: "Published" }).waitFor({ timeout: 10_000 });

  // An anonymous reader opens the public page.
  const reader = await (await running.browser.newContext({ bypassCSP: true, viewport })).newPage();
  await reader.goto(`${running.url}${slug}`);
  await reader
    .getByRole("heading", { level: 1, name: "Albania took in 2,900 camp residents in 2013" })
    .waitFor();
  expect(await reader.locator(".rating-badge").textContent()).toBe("Mostly false");
  expect(await reader.locator("blockquote.claim p").textContent()).toBe(claimText);
  expect(await reader.getByText("UNHCR counted 1,900 arrivals in 2013, not 2,900.").count()).toBe(1);
  const [jsonLd] = await reader.locator('script[type="application/ld+json"]').allTextContents();
  expect(JSON.parse(jsonLd ?? "{}")).toMatchObject({
    "@type": "ClaimReview",
    url: `${running.url}${slug}`,
  });
  await accessible(reader);
  await fits(reader);
  await capture(reader, "public-verdict");
}
