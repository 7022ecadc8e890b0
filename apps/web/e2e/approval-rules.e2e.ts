import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";
import { sourceAndSubmitVerdict } from "./steps";

const running = useRunningApp();

describe("approval rules", () => {
  it("walk a False verdict that needs two editors and a right of reply to publication", async () => {
    // The admin sets the desk's rules: "False" needs two editors; the claimant must have had a say.
    const admin = await running.signedIn("admin@factdesk.test");
    await admin.goto(`${running.url}/app/admin/settings`);
    const rules = admin.getByRole("form", { name: "Approval rules" });
    await rules.getByLabel("Editors for False", { exact: true }).selectOption("2");
    await rules.getByLabel(/^Right of reply before publication/).check();
    await rules.getByRole("button", { name: "Save approval rules" }).click();
    await rules.getByText("Approval rules saved.").waitFor();
    expect(await accessibilityProblems(admin)).toEqual([]);

    // A fact-checker sources the claim and submits a "False" verdict.
    const checker = await running.signedIn("checker@factdesk.test");
    await checker.getByLabel("Search claims").fill("MEK founded 1965 students");
    await checker.getByRole("link", { name: /founded by students at Tehran University in 1965/ }).click();
    await checker.getByRole("heading", { name: "Sources" }).waitFor();
    const claimUrl = checker.url();
    await sourceAndSubmitVerdict(checker, {
      source: { url: "https://example.org/founding-record", title: "The founding record", stance: "refutes" },
      rating: "False",
      headline: "The MEK's founding year is disputed",
      summary: "The record gives another year.",
      explanation: "The **record** says otherwise.",
    });

    // The first editor's approval is not enough; they cannot approve twice.
    const editor = await running.signedIn("editor@factdesk.test");
    await editor.goto(claimUrl);
    await editor.getByRole("button", { name: "Approve" }).click();
    const standing = editor.getByRole("note", { name: "The desk's approval rules" });
    await standing.getByText("Needs a second editor's approval (1 of 2).").waitFor();
    expect(await standing.textContent()).toContain(
      "A verdict in review is judged by the rules in force when it is approved.",
    );
    await editor.getByText(/^You approved this revision\./).waitFor();
    expect(await editor.getByRole("button", { name: "Approve" }).count()).toBe(0);

    // A second editor (the admin) approves: approved, but publication waits for the right of reply.
    await admin.goto(claimUrl);
    await admin.getByRole("button", { name: "Approve" }).click();
    await admin.locator(".verdict .badge", { hasText: "Approved" }).waitFor();
    await admin.getByText(/^Record the right of reply first/).waitFor();
    expect(await admin.getByRole("button", { name: "Publish" }).isDisabled()).toBe(true);

    // The fact-checker records asking the group, and its answer.
    await checker.getByRole("button", { name: "Record a contact attempt" }).click();
    const contact = checker.getByRole("form", { name: "Record a contact attempt" });
    await contact.getByLabel("How").selectOption("email");
    await contact.getByLabel("Whom").fill("The group's press office");
    await contact.getByLabel("What was asked").fill("When was the group founded?");
    await contact.getByRole("button", { name: "Record the contact" }).click();
    await checker.getByText("When was the group founded?").waitFor();
    await checker.getByRole("button", { name: "Record the response" }).click();
    const response = checker.getByRole("form", { name: "Record the response" });
    await response.getByLabel("Their response").fill("We were founded in 1965.");
    await response.getByRole("button", { name: "Save the response" }).click();
    await checker.getByText("We were founded in 1965.").waitFor();
    expect(await accessibilityProblems(checker)).toEqual([]);

    // Now it can be published.
    await admin.reload();
    await admin.getByRole("button", { name: "Publish" }).click();
    await admin.getByRole("button", { name: "Yes, publish" }).click();
    await admin.locator(".verdict .badge", { hasText: "Published" }).waitFor();

    // The admin makes the quarter's assessment pack, and it holds the check just published.
    await admin.goto(`${running.url}/app/admin/settings`);
    await admin
      .getByRole("form", { name: "Make an assessment pack" })
      .getByRole("button", { name: "Make the pack" })
      .click();
    const download = admin.getByRole("link", { name: /^Download/ });
    await download.waitFor({ timeout: 30_000 });
    const [file] = await Promise.all([admin.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^assessment-pack-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.zip$/);
    const zip = await readFile((await file.path()) as string);
    const files = unzipSync(new Uint8Array(zip));
    expect(strFromU8(files["checks.csv"] as Uint8Array)).toContain("The MEK's founding year is disputed");
  });
});
