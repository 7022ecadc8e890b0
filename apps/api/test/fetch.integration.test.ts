import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { articles } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchAddress } from "../src/fetcher";
import { createContextInner } from "../src/trpc/init";
import { createCaller } from "../src/trpc/router";
import { allowingHosts, makeUser } from "./factories";

const t = useTestDb();

const page = `<!doctype html><html><head><title>Albania camp | Example Times</title>
<meta property="og:site_name" content="Example Times"><meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2019-08-02T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Albania camp</h1>
<p>The United States relocated 3,000 MEK members to Albania in 2013, officials said.</p>
<p>The camp near Durres cost $20 million to build, according to the Albanian government.</p>
<p>Critics say the group has changed little since it was founded in 1965.</p></article>
<footer>Leave a Reply</footer></body></html>`;

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/article")
      return response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    if (request.url === "/moved") return response.writeHead(302, { location: "/article" }).end();
    if (request.url?.startsWith("/loop"))
      return response.writeHead(302, { location: `/loop${request.url}` }).end();
    if (request.url === "/drip") {
      // Eight bytes a second, for ever: each byte would restart a per-read timeout.
      response.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => response.write("<p>drip."), 125);
      response.on("close", () => clearInterval(timer));
      return;
    }
    if (request.url === "/to-localhost") {
      const port = (server.address() as AddressInfo).port;
      return response.writeHead(302, { location: `http://localhost:${port}/article` }).end();
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const callerAllowing = async (hosts: string[]) =>
  createCaller(
    createContextInner({
      db: t.db,
      config: allowingHosts(...hosts),
      user: await makeUser(t.db),
    }),
  );
const failure = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error: unknown) => (error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error)),
  );

describe("ingest from a web address", () => {
  it("fetches the page, follows redirects and keeps the article's metadata", async () => {
    const caller = await callerAllowing(["127.0.0.1"]);
    const preview = await caller.article.preview({ url: `${base}/moved` });
    expect(preview.title).toBe("Albania camp");
    expect(preview.sentences.map((s) => s.text)).toEqual(
      expect.arrayContaining([
        "The United States relocated 3,000 MEK members to Albania in 2013, officials said.",
      ]),
    );
    expect(preview.sentences.some((s) => /Leave a Reply|Home \| World/.test(s.text))).toBe(false);

    const result = await caller.article.ingest({ url: `${base}/article` });
    expect(result).toMatchObject({ created: true, title: "Albania camp" });
    const [stored] = await t.db.select().from(articles);
    expect(stored).toMatchObject({
      url: `${base}/article`,
      outlet: "Example Times",
      author: "Jane Reporter",
      publishedAt: new Date("2019-08-02T10:00:00Z"),
    });
  });

  it("refuses private and local addresses unless allowed, also after a redirect", async () => {
    expect(await failure((await callerAllowing([])).article.preview({ url: `${base}/article` }))).toMatch(
      /^BAD_REQUEST: 127\.0\.0\.1 resolves to a private or local address/,
    );
    expect(
      await failure((await callerAllowing(["127.0.0.1"])).article.preview({ url: `${base}/to-localhost` })),
    ).toMatch(/^BAD_REQUEST: localhost resolves to a private or local address/);
    expect(
      await failure(
        (await callerAllowing([])).article.preview({ url: "http://169.254.169.254/latest/meta-data" }),
      ),
    ).toMatch(/private or local address/);
    expect(
      await failure((await callerAllowing(["127.0.0.1"])).article.preview({ url: `${base}/missing` })),
    ).toBe("BAD_REQUEST: The page answered 404.");
    expect(await failure((await callerAllowing([])).article.preview({ url: "http://[::1]:9/x" }))).toMatch(
      /private or local/,
    );
    expect(await t.db.$count(articles)).toBe(0);
  });

  it("gives up on a server that drips bytes at the total deadline, and on endless redirects", async () => {
    const rules = { allowHosts: ["127.0.0.1"], deadlineMs: 1_000, maxBytes: 1_000_000 };
    const dripping = await fetchAddress(`${base}/drip`, {}, rules).catch((error: Error) => error);
    expect(dripping).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/did not answer within 1 s/),
    });
    const looping = await fetchAddress(`${base}/loop`, {}, { ...rules, deadlineMs: 10_000 }).catch(
      (e: Error) => e,
    );
    expect(looping).toMatchObject({ message: "The address redirects more than 5 times." });
    const caller = await callerAllowing(["127.0.0.1"]);
    expect(await failure(caller.article.preview({ url: `${base}/loop` }))).toBe(
      "BAD_REQUEST: The address redirects more than 5 times.",
    );
  });

  it("extracts the article from an uploaded HTML file", async () => {
    const caller = await callerAllowing([]);
    const preview = await caller.article.preview({ title: "Camp", text: page });
    expect(preview.sentences.map((s) => s.text)).toContain(
      "The camp near Durres cost $20 million to build, according to the Albanian government.",
    );
    expect(preview.sentences.some((s) => s.text.includes("<p>"))).toBe(false);
  });
});
