import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

describe("two people on one claim", () => {
  it("see each other live, and a clash of edits keeps both texts until one is chosen", async () => {
    const checker = await running.signedIn("checker@factdesk.test");
    const editor = await running.signedIn("editor@factdesk.test");

    await checker.getByLabel("Search claims").fill("delisted");
    const row = checker.locator("table.queue tbody tr[data-index]").first();
    await row.locator("mark").first().waitFor();
    const claimText = (await row.getByRole("link").first().textContent()) ?? "";
    await row.getByRole("link").first().click();
    await checker.getByRole("heading", { name: "Sources" }).waitFor();
    const claimUrl = checker.url();

    // The editor's queue shows who has the claim open, then that they are typing.
    await editor.getByLabel("Search claims").fill("delisted");
    const editorRow = editor.locator("table.queue tbody tr[data-index]", { hasText: claimText.slice(0, 40) });
    await editorRow.getByText("Casey Checker has it open").waitFor({ timeout: 10_000 });
    await checker.getByLabel("Headline (the claim as reviewed)").fill("The group was delisted in 2012");
    await checker.getByLabel("Summary").fill("First summary.");
    await checker.getByRole("button", { name: "Save draft" }).click();
    await checker.getByText("Revision 1 saved").waitFor();
    await checker.getByLabel("Headline (the claim as reviewed)").click();
    await editorRow.getByText("Casey Checker is editing").waitFor({ timeout: 10_000 });
    expect(await accessibilityProblems(editor)).toEqual([]);
    await editor.screenshot({ path: `${screenshots}queue-presence.png`, fullPage: true });

    // Both edit the headline; the editor also rewrites the summary, and saves first.
    await editor.goto(claimUrl);
    await editor.getByText("Casey Checker is editing").waitFor();
    await checker
      .getByLabel("Headline (the claim as reviewed)")
      .fill("Delisted by the State Department in 2012");
    await editor
      .getByLabel("Headline (the claim as reviewed)")
      .fill("The US delisted the MEK in September 2012");
    await editor.getByLabel("Summary").fill("The editor's summary.");
    await editor.getByRole("button", { name: "Save draft" }).click();
    await editor.getByText("Revision 2 saved").waitFor();

    // The checker's form merges the summary and asks about the headline, keeping their text.
    const conflict = checker.getByRole("region", { name: /saved changes to the same field/ });
    await conflict.waitFor({ timeout: 10_000 });
    expect((await conflict.locator("del").allTextContents()).join(" ")).toContain("The US delisted");
    expect(await checker.getByLabel("Headline (the claim as reviewed)").inputValue()).toBe(
      "Delisted by the State Department in 2012",
    );
    expect(await accessibilityProblems(checker)).toEqual([]);
    await checker.screenshot({ path: `${screenshots}conflict.png`, fullPage: true });

    await conflict.getByRole("button", { name: "Keep mine" }).click();
    expect(await checker.getByLabel("Summary").inputValue()).toBe("The editor's summary.");
    await checker.getByRole("button", { name: "Save draft" }).click();
    await checker.getByText("Revision 3 saved").waitFor();
    // The editor had not typed since saving: the checker's revision simply arrives in the form.
    await editor.getByText(/saved revision 3; their changes to headline are in the form/).waitFor();
    expect(await editor.getByLabel("Headline (the claim as reviewed)").inputValue()).toBe(
      "Delisted by the State Department in 2012",
    );
    expect(await editor.getByLabel("Summary").inputValue()).toBe("The editor's summary.");

    // Leaving the claim clears the mark in the colleague's view.
    await checker.goto(`${running.url}/app/`);
    await editor
      .getByText(/Casey Checker (has it open|is editing)/)
      .waitFor({ state: "detached", timeout: 10_000 });
  });
});
