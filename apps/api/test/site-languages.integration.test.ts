import { useTestDb } from "@factdesk/db/testing";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, makeUser, publishVerdict } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer(t.handle);
});
afterAll(() => server.stop());

const read = async (path: string) => {
  await server.caughtUp();
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, document: parseHTML(await response.text()).document };
};
/** An admin sets the site's language in Settings (audited: every instance drops its kept pages). */
async function speak(publicLocale: "en" | "es" | "fr" | "ar") {
  const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }));
  const { updatedAt: _at, updatedBy: _by, id: _id, ...current } = await admin.settings.get();
  await admin.settings.update({ ...current, publicLocale });
}

describe("the public site's language", () => {
  it("is the organisation's: Spanish and French pages, plurals and dates, Arabic right to left", async () => {
    const { verdict } = await publishVerdict(t.db);
    const path = `/verdicts/${verdict.slug}`;

    await speak("es");
    const es = await read(path);
    expect(es.document.documentElement.getAttribute("lang")).toBe("es");
    expect(es.document.documentElement.getAttribute("dir")).toBe("ltr");
    expect(es.document.querySelector("#explanation")?.textContent).toBe("Nuestro razonamiento");
    expect(es.document.querySelector("#sources + ul strong")?.textContent).toBe("Desmiente:");
    expect(es.document.querySelector('nav[aria-label="Sitio"] a[href="/tips"]')?.textContent).toBe(
      "Envíanos una pista",
    );
    // Dates as Spanish writes them.
    const day = new Intl.DateTimeFormat("es", { dateStyle: "long", timeZone: "UTC" }).format(new Date());
    expect(es.document.querySelector("p.muted")?.textContent).toContain(`Publicada el ${day}.`);
    const list = await read("/verdicts");
    expect(list.document.querySelector("main p.muted")?.textContent).toBe("1 verificación; página 1 de 1.");
    expect((await read("/tips")).document.querySelector("h1")?.textContent).toBe(
      "Envíanos una afirmación para verificar",
    );
    expect((await read("/verdicts/no-such-verdict")).document.querySelector("main p")?.textContent).toBe(
      "Aquí no hay ninguna página. Ver todas las verificaciones.",
    );

    await speak("fr");
    await publishVerdict(t.db, { claimText: "The camp held 3,000 people.", headline: "About 2,000" });
    const fr = await read("/verdicts");
    expect(fr.document.documentElement.getAttribute("lang")).toBe("fr");
    expect(fr.document.querySelector("main p.muted")?.textContent).toBe("2 vérifications ; page 1 sur 1.");
    // The feeds speak it too.
    await server.caughtUp();
    const feed = (await (await fetch(`${server.url}/feed.json`)).json()) as {
      language: string;
      title: string;
    };
    expect(feed.language).toBe("fr");
    expect(feed.title).toMatch(/ : vérifications$/);
    const rss = await (await fetch(`${server.url}/feed.xml`)).text();
    expect(rss).toContain("<language>fr</language>");

    await speak("ar");
    const ar = await read(path);
    expect(ar.document.documentElement.getAttribute("dir")).toBe("rtl");
    expect(ar.document.querySelector("#explanation")?.textContent).toBe("تحليلنا");
    // What Arabic has no words for yet is said in English, never as a message id.
    expect(ar.document.querySelector("#sources + ul strong")?.textContent).toBe("Refutes:");
    expect(ar.document.body.innerHTML).not.toMatch(/\b(verdict|site|list)\.[a-z]+/);

    await speak("en");
    const en = await read(path);
    expect(en.document.documentElement.getAttribute("lang")).toBe("en");
    expect(en.document.querySelector("#explanation")?.textContent).toBe("Our reasoning");
  });
});
