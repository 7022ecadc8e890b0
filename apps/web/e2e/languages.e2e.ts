import { messagesFor } from "@factdesk/schema";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityProblems } from "./a11y";
import { useRunningApp } from "./server";

const screenshots = new URL("./screenshots/", import.meta.url).pathname;
const running = useRunningApp();

// The app's English words that Spanish says otherwise: none may be left on a Spanish screen.
const english = messagesFor("en");
const spanish = messagesFor("es");
const untranslatedIn = (texts: string[]) =>
  texts.filter((text) =>
    Object.entries(english).some(
      ([id, words]) =>
        words === text && spanish[id as keyof typeof spanish] !== words && !/[{}<]/.test(words),
    ),
  );

/** The screen's own words (headings, labels, buttons, options, badges), not the claims' text. */
const chromeOf = (page: Page) =>
  page.$$eval(
    "h1, h2, th, dt, legend, summary, button, option, caption, .flag, .badge, label, nav a",
    (elements) =>
      elements.flatMap((element) =>
        [...element.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => (node.textContent ?? "").trim())
          .filter(Boolean),
      ),
  );

describe("the app in a person's own language", () => {
  it("speaks Spanish, then Arabic right to left, to one person, and English again", async () => {
    const page = await running.signedIn("checker@factdesk.test");
    await page.getByRole("link", { name: /Your account/ }).click();
    await page.getByLabel("Language").selectOption({ label: "Español" });
    await page.getByRole("link", { name: "Cola de revisión" }).click();
    await page.getByRole("heading", { level: 1, name: "Cola de revisión" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
    await page.getByRole("group", { name: "Estado" }).getByText("Sin verificar").waitFor();
    await page.getByRole("searchbox", { name: "Buscar afirmaciones" }).waitFor();
    await page.locator("table.queue tbody tr").first().waitFor();
    const queue = await chromeOf(page);
    expect(queue).toContain("Cola de revisión");
    expect(untranslatedIn(queue)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}queue-es.png`, fullPage: true });

    // A claim's page keeps the language (and the status badge says it in Spanish).
    await page.locator("table.queue tbody tr").first().getByRole("link").click();
    await page.locator(".facts .badge").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
    expect(await page.locator(".facts .badge").first().innerText()).toMatch(
      /Sin verificar|Con fuentes|Cuestionada/,
    );
    for (const panel of ["Fuentes", "Veredicto", "Derecho de réplica", "Comentarios", "Historial"])
      await page.getByRole("heading", { level: 2, name: panel }).waitFor();
    await page.getByRole("form", { name: "Borrador del veredicto" }).waitFor();
    const claim = await chromeOf(page);
    expect(claim).toEqual(
      expect.arrayContaining(["Fuentes", "Derecho de réplica", "Comentarios", "Historial"]),
    );
    expect(untranslatedIn(claim)).toEqual([]);
    // What the server says (why a step is blocked, the claim's history) is in Spanish too.
    const said = await page.locator("main").innerText();
    const serverWords = Object.entries(english).filter(
      ([id, text]) => /^(blocker|history|transition)\./.test(id) && !text.includes("{") && text.length > 12,
    );
    expect(serverWords.filter(([, text]) => said.includes(text))).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Arabic: the page runs right to left; what has no Arabic words yet is said in English.
    await page.getByRole("link", { name: /Tu cuenta/ }).click();
    await page.getByLabel("Idioma").selectOption({ label: "العربية" });
    await page.getByRole("link", { name: "قائمة المراجعة" }).click();
    await page.getByRole("heading", { level: 1, name: "قائمة المراجعة" }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      "ar",
      "rtl",
    ]);
    // Mirrored: the brand, first in the header, sits at its right edge.
    const header = await page.locator("header.app-header").boundingBox();
    const brand = await page.locator("header.app-header .brand").boundingBox();
    expect(brand && header && brand.x + brand.width > header.x + header.width / 2).toBe(true);
    expect(await page.locator("main").innerText()).not.toMatch(/\b(queue|app|claimStatus)\.[a-z]/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}queue-ar.png`, fullPage: true });

    // Back to the browser's language (English here).
    await page.getByRole("link", { name: /حسابك/ }).click();
    await page.getByLabel("اللغة").selectOption({ index: 0 });
    await page.getByRole("link", { name: "Review queue" }).click();
    await page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      "en",
      "ltr",
    ]);
  });
});
