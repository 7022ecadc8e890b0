import { claimReviewValidator, googleProblems } from "@factdesk/schema/testing";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

// Each payload would set window.__xss if it ran. Axe needs the CSP bypassed, so only escaping stops them.
const hostileTitle = 'Primary record <img src=x onerror="window.__xss=1">';
const hostileExplanation = [
  "The **primary record** says 1963.",
  "<script>window.__xss = 2</script>",
  "[read more](javascript:window.__xss=3)",
  '<img src=x onerror="window.__xss=4">',
].join("\n\n");

const hostileSummary = 'Primary records date it to 1963. ]]><img src=x onerror="window.__xss=8">';

describe("publishing", () => {
  it("publishes a verdict whose public page shows it, with valid ClaimReview and nothing hostile running", async () => {
    const checker = await running.signedIn("checker@factdesk.test");
    const editor = await running.signedIn("editor@factdesk.test");

    await checker.locator("table.queue tbody tr").first().getByRole("link").click();
    await checker.getByRole("heading", { name: "Sources" }).waitFor();
    const claimUrl = checker.url();
    // The claim's wording and claimant carry payloads too.
    const claimText =
      'The MEK was founded in 1963 <script>window.__xss = 5</script><img src=x onerror="window.__xss=6">';
    await checker.getByRole("button", { name: "Edit wording" }).click();
    await checker.getByLabel("Claim wording").fill(claimText);
    await checker
      .getByLabel("Claimant", { exact: true })
      .fill('Example <b onmouseover="window.__xss=7">Times</b>');
    await checker.getByLabel("Said on").fill("2019-03-05");
    await checker.getByRole("button", { name: "Save wording" }).click();
    await checker.locator("h1.claim-text", { hasText: "The MEK was founded in 1963" }).waitFor();
    await checker.locator(".facts time[datetime='2019-03-05']").waitFor();
    await checker.getByRole("button", { name: "Add a source" }).click();
    await checker.getByLabel("Address").fill("https://example.org/primary-record");
    await checker.getByLabel("Title").fill(hostileTitle);
    await checker.getByLabel("Stance").selectOption("refutes");
    await checker.getByRole("button", { name: "Add source" }).click();
    await checker.getByRole("link", { name: hostileTitle }).waitFor();
    await checker.getByRole("button", { name: "Mark sourced" }).click();
    await checker.locator(".facts .badge", { hasText: "Sourced" }).waitFor();

    await checker.getByLabel("Rating").selectOption({ label: "Mostly false" });
    await checker.getByLabel("Headline (the claim as reviewed)").fill("Founded in 1963, records show");
    await checker.getByLabel("Summary").fill(hostileSummary);
    await checker.getByRole("textbox", { name: "Explanation" }).fill(hostileExplanation);
    await checker.getByRole("checkbox", { name: hostileTitle }).check();
    await checker.getByRole("button", { name: "Save draft" }).click();
    await checker.getByText("Revision 1 saved").waitFor();
    await checker.getByRole("button", { name: "Submit for approval" }).click();
    await checker.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();

    await editor.goto(claimUrl);
    await editor.getByRole("button", { name: "Approve" }).click();
    // Publishing is asked first, saying what readers will see; cancelling changes nothing.
    await editor.getByRole("button", { name: "Publish" }).click();
    const confirm = editor.getByRole("form", { name: "Publish: confirm" });
    expect(await confirm.textContent()).toMatch(/readers see its page/);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await editor.locator(".verdict .badge", { hasText: "Approved" }).waitFor();
    await editor.getByRole("button", { name: "Publish" }).click();
    await editor.getByRole("button", { name: "Yes, publish" }).click();
    await editor.locator(".verdict .badge", { hasText: "Published" }).waitFor();

    // An anonymous reader opens the public page.
    const reader = await (await running.browser.newContext({ bypassCSP: true })).newPage();
    const dialogs: string[] = [];
    reader.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await reader.goto(`${running.url}/verdicts/founded-in-1963-records-show`);
    await reader.getByRole("heading", { level: 1, name: "Founded in 1963, records show" }).waitFor();
    expect(await reader.locator(".rating-badge").textContent()).toBe("Mostly false");
    expect(await reader.locator("main strong", { hasText: "primary record" }).count()).toBe(1);
    expect(await reader.getByRole("link", { name: hostileTitle }).getAttribute("href")).toBe(
      "https://example.org/primary-record",
    );
    expect(await reader.locator("blockquote.claim p").textContent()).toBe(claimText);

    const canonical = await reader.locator('link[rel="canonical"]').getAttribute("href");
    expect(canonical).toBe(`${running.url}/verdicts/founded-in-1963-records-show`);
    const blocks = await reader.locator('script[type="application/ld+json"]').allTextContents();
    expect(blocks).toHaveLength(1);
    const review = JSON.parse(blocks[0] ?? "");
    expect(review["@type"]).toBe("ClaimReview");
    expect(review.url).toBe(canonical);
    expect(review.claimReviewed).toBe(claimText);
    // The day the claim was made, as the checker gave it, dates the claim for search engines.
    expect(review.itemReviewed.datePublished).toBe("2019-03-05");
    expect(await reader.locator("blockquote.claim footer").textContent()).toContain("said on 5 March 2019");
    expect(googleProblems(review)).toEqual([]);
    const validate = claimReviewValidator();
    expect(validate(review), JSON.stringify(validate.errors)).toBe(true);

    // Nothing hostile ran, and no link leads to javascript:.
    await reader.waitForLoadState("load");
    expect(await reader.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await reader.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await accessibilityProblems(reader)).toEqual([]);
    await reader.screenshot({ path: `${screenshots}public-verdict.png`, fullPage: true });

    // The feeds, opened in the browser, run nothing either.
    for (const feed of ["feed.xml", "feed.json", "claimreview.json"]) {
      await reader.goto(`${running.url}/${feed}`);
      await reader.waitForLoadState("load");
      expect(await reader.evaluate(() => (window as { __xss?: number }).__xss), feed).toBeUndefined();
    }
    expect(dialogs).toEqual([]);

    // What a feed reader does: every RSS title, description and content, and every JSON Feed
    // content_html, inserted into a page as HTML. Nothing runs and no element sneaks in.
    const rss = await (await fetch(`${running.url}/feed.xml`)).text();
    const json = (await (await fetch(`${running.url}/feed.json`)).json()) as {
      items: { content_html: string }[];
    };
    expect(rss).toContain("Primary records date it to 1963.");
    const inserted = await reader.evaluate(
      async ({ rss, htmls }) => {
        const xml = new DOMParser().parseFromString(rss, "text/xml");
        const parts = [...xml.querySelectorAll("item > *")].map((element) => element.textContent ?? "");
        for (const html of [...parts, ...htmls]) {
          const item = document.createElement("article");
          item.className = "feed-item";
          item.innerHTML = html;
          document.body.append(item);
        }
        await new Promise((resolve) => setTimeout(resolve, 500)); // an image's onerror fires after loading fails
        return document.querySelectorAll(".feed-item img, .feed-item script, .feed-item [onerror]").length;
      },
      { rss, htmls: json.items.map((item) => item.content_html) },
    );
    expect(inserted).toBe(0);
    expect(await reader.locator(".feed-item", { hasText: hostileSummary }).count()).toBeGreaterThan(0);
    expect(await reader.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // The index lists it; methodology is public.
    await reader.goto(`${running.url}/`);
    await reader.getByRole("link", { name: "Founded in 1963, records show" }).waitFor();
    expect(await accessibilityProblems(reader)).toEqual([]);
    await reader.getByRole("link", { name: "Methodology" }).first().click();
    await reader.getByRole("heading", { level: 1, name: "Methodology" }).waitFor();
    expect(await reader.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    // Published means frozen: the workspace says where the edit is made that readers keep
    // seeing the published version, and lists the edit as not public yet; the page is unchanged.
    await checker.goto(claimUrl);
    await checker.getByRole("button", { name: "Edit wording" }).click();
    await checker
      .getByRole("note")
      .filter({ hasText: "Readers see the published version" })
      .first()
      .waitFor();
    await checker.getByLabel("Claim wording").fill("The MEK was founded in 1970.");
    await checker.getByRole("button", { name: "Save wording" }).click();
    await checker.locator("h1.claim-text", { hasText: "1970" }).waitFor();
    await checker
      .getByRole("note")
      .filter({ hasText: "Not public yet: the claim's wording" })
      .first()
      .waitFor();
    await reader.goto(`${running.url}/verdicts/founded-in-1963-records-show`);
    expect(await reader.locator("blockquote.claim p").textContent()).toBe(claimText);
    await checker.screenshot({ path: `${screenshots}claim-edited-after-publication.png`, fullPage: true });

    // Retracting asks for the public reason and says what readers will see, then marks the page.
    await editor.goto(claimUrl);
    await editor.getByRole("button", { name: "Retract" }).click();
    const retract = editor.getByRole("form", { name: "Retract: confirm" });
    expect(await retract.textContent()).toMatch(/keeps the page online, marked as retracted/);
    await retract.getByLabel(/^Why\?/).fill("The quote was not the claimant's.");
    await retract.getByRole("button", { name: "Retract" }).click();
    await editor.locator(".verdict .badge", { hasText: "Retracted" }).waitFor();
    await reader.goto(`${running.url}/verdicts/founded-in-1963-records-show`);
    expect(await reader.locator(".rating-retracted").textContent()).toBe(
      "Retracted (was rated Mostly false)",
    );
  });
});
