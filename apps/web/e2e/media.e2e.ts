import { createHash } from "node:crypto";
import { schemaOrgProblems } from "@factdesk/schema/testing/schema-org";
import { describe, expect, it } from "vitest";
import { DEVICE, jpegSample } from "../../api/test/media-samples";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";
import { sourceAndSubmitVerdict } from "./steps";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

describe("a claim about an image", () => {
  it("is uploaded on the claim page, rated as MediaReview, and published without the photo's metadata", async () => {
    const checker = await running.signedIn("checker@factdesk.test");
    const editor = await running.signedIn("editor@factdesk.test");
    const { withMetadata, plain } = jpegSample();

    await checker.locator("table.queue tbody tr").first().getByRole("link").click();
    const panel = checker.getByRole("region", { name: "Image or video" });
    await panel.waitFor();
    const claimUrl = checker.url();
    await panel
      .getByLabel(/^File/)
      .setInputFiles({ name: "flood.jpg", mimeType: "image/jpeg", buffer: Buffer.from(withMetadata) });
    await panel.getByLabel(/Where it was shared/).fill("https://social.example/post/1");
    await panel.getByRole("button", { name: "Attach" }).click();
    await panel.getByText(createHash("sha256").update(withMetadata).digest("hex")).waitFor();
    await panel.getByText(/Without its EXIF, XMP, comment/).waitFor();
    // The preview loads the original from the desk's own address (the picture is 24 pixels wide).
    await expect
      .poll(() => panel.locator("img.media-preview").evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(24);

    // Not an image at all: refused, with the reason, and the picture stays.
    await panel
      .getByLabel(/^File/)
      .setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<html></html>") });
    await panel.getByRole("button", { name: "Replace" }).click();
    await panel
      .getByRole("alert")
      .getByText(/not a picture or video we recognise/)
      .waitFor();
    expect(await accessibilityProblems(checker)).toEqual([]);

    await sourceAndSubmitVerdict(checker, {
      source: {
        url: "https://example.org/original-photo",
        title: "The original photo, 2019",
        stance: "refutes",
      },
      rating: "False",
      mediaRating: "Transformed",
      headline: "The flooded airport photo was altered",
      summary: "Water was added to a 2019 photo.",
      explanation: "The original, from 2019, shows a dry runway.",
    });
    await editor.goto(claimUrl);
    await editor.getByRole("button", { name: "Approve" }).click();
    await editor.getByRole("button", { name: "Publish" }).click();
    await editor.getByRole("button", { name: "Yes, publish" }).click();
    await editor.locator(".verdict .badge", { hasText: "Published" }).waitFor();

    // A reader, with the site's own Content Security Policy in force.
    const reader = await (await running.browser.newContext()).newPage();
    await reader.goto(`${running.url}/verdicts/the-flooded-airport-photo-was-altered`);
    const figure = reader.locator("figure.media");
    await figure.getByText("How the image was presented: Transformed.").waitFor();
    const src = await figure.locator("img").getAttribute("src");
    await reader.waitForLoadState("load");
    await expect
      .poll(() => figure.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(24);
    const copy = new Uint8Array(await (await fetch(`${running.url}${src}`)).arrayBuffer());
    expect(Buffer.from(copy).equals(Buffer.from(plain))).toBe(true);
    expect(Buffer.from(copy).toString("latin1")).not.toContain(DEVICE);

    const blocks = (await reader.locator('script[type="application/ld+json"]').allTextContents()).map(
      (text) => JSON.parse(text),
    );
    expect(blocks.map((block) => block["@type"])).toEqual(["ClaimReview", "MediaReview"]);
    expect(blocks[1]).toMatchObject({ mediaAuthenticityCategory: "TransformedContent" });
    expect(schemaOrgProblems(blocks[1])).toEqual([]);

    const audited = await (await running.browser.newContext({ bypassCSP: true })).newPage();
    await audited.goto(`${running.url}/verdicts/the-flooded-airport-photo-was-altered`);
    expect(await accessibilityProblems(audited)).toEqual([]);
    await audited.screenshot({ path: `${screenshots}public-media-verdict.png`, fullPage: true });
  });
});
