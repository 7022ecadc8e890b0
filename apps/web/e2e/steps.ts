import type { Page } from "playwright-core";

/**
 * On a claim's page, what a fact-checker does to send it for review: adds a source, marks the
 * claim sourced, drafts a verdict citing the source and submits it.
 */
export async function sourceAndSubmitVerdict(
  checker: Page,
  {
    source,
    rating,
    headline,
    summary,
    explanation,
    mediaRating,
  }: {
    source: { url: string; title: string; stance: "supports" | "refutes" | "context" };
    rating: string;
    headline: string;
    summary: string;
    explanation: string;
    /** For a claim about an image or a video: how it was presented (MediaReview's label). */
    mediaRating?: string;
  },
) {
  await checker.getByRole("button", { name: "Add a source" }).click();
  await checker.getByLabel("Address").fill(source.url);
  await checker.getByLabel("Title").fill(source.title);
  await checker.getByLabel("Stance").selectOption(source.stance);
  await checker.getByRole("button", { name: "Add source" }).click();
  await checker.getByRole("link", { name: source.title }).waitFor();
  await checker.getByRole("button", { name: "Mark sourced" }).click();
  await checker.locator(".facts .badge", { hasText: "Sourced" }).waitFor();
  await checker.getByLabel("Rating").selectOption({ label: rating });
  if (mediaRating)
    await checker.getByLabel(/was presented \(MediaReview\)/).selectOption({ label: mediaRating });
  await checker.getByLabel("Headline (the claim as reviewed)").fill(headline);
  await checker.getByLabel("Summary").fill(summary);
  await checker.getByRole("textbox", { name: "Explanation" }).fill(explanation);
  await checker.getByRole("checkbox", { name: source.title }).check();
  await checker.getByRole("button", { name: "Save draft" }).click();
  await checker.getByText("Revision 1 saved").waitFor();
  await checker.getByRole("button", { name: "Submit for approval" }).click();
  await checker.locator(".verdict .badge", { hasText: "Submitted" }).waitFor();
}
