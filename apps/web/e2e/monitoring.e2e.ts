import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const running = useRunningApp();

describe("monitoring", () => {
  it("lets an editor watch an outlet's feed and see how it is doing", async () => {
    const editor = await running.signedIn("editor@factdesk.test");
    await editor.getByRole("link", { name: "Monitoring" }).click();
    await editor.getByText("No feeds are watched yet.").waitFor();
    const form = editor.getByRole("form", { name: "Watch a feed" });
    await form.getByLabel("Feed address").fill("https://outlet.example/feed.xml");
    await form.getByLabel("Name").fill("Example Outlet");
    await form.getByLabel("Every (minutes)").fill("15");
    await form.getByRole("button", { name: "Watch" }).click();
    const row = editor.locator("tr", { hasText: "Example Outlet" });
    await row.waitFor();
    expect(await row.textContent()).toContain("every 15 min");
    // The same feed twice is refused, saying why.
    await form.getByLabel("Feed address").fill("https://outlet.example/feed.xml");
    await form.getByRole("button", { name: "Watch" }).click();
    await editor.getByText("That feed is already watched.").waitFor();
    expect(await accessibilityProblems(editor)).toEqual([]);
  });
});
