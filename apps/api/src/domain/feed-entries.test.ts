import { describe, expect, it } from "vitest";
import { feedEntries } from "./feed-entries";

const base = "https://outlet.example/";

describe("feedEntries", () => {
  it("reads RSS, Atom, JSON Feed and sitemaps alike, keeping only web addresses", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>
      <item><title>One</title><link>https://outlet.example/one</link><guid>one-guid</guid></item>
      <item><title>Bad</title><link>javascript:alert(1)</link></item></channel></rss>`;
    expect(feedEntries(rss, "application/rss+xml", base)).toEqual([
      { key: "one-guid", url: "https://outlet.example/one", title: "One" },
    ]);
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Outlet</title>
      <entry><id>tag:outlet,2026:2</id><title>Two</title><link href="https://outlet.example/two"/></entry></feed>`;
    expect(feedEntries(atom, "application/atom+xml", base)).toMatchObject([
      { url: "https://outlet.example/two", title: "Two" },
    ]);
    const json = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Outlet",
      items: [{ id: "3", url: "https://outlet.example/three", title: "Three" }],
    });
    expect(feedEntries(json, "application/feed+json", base)).toMatchObject([
      { url: "https://outlet.example/three", title: "Three" },
    ]);
    const sitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://outlet.example/four</loc></url><url><loc>https://outlet.example/five</loc></url></urlset>`;
    expect(feedEntries(sitemap, "application/xml", base).map((e) => e.url)).toEqual([
      "https://outlet.example/four",
      "https://outlet.example/five",
    ]);
  });

  it("refuses what is not a feed", () => {
    expect(() => feedEntries("<html><body>Hello</body></html>", "text/html", base)).toThrow();
  });
});
