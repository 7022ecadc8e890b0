import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { DomainError } from "@factdesk/schema";
import { Readability } from "@mozilla/readability";
import ipaddr from "ipaddr.js";
import { parseHTML } from "linkedom";

export interface TFetchedArticle {
  title: string;
  text: string;
  url: string;
  author: string | null;
  outlet: string | null;
  publishedAt: Date | null;
}

export interface TFetchOptions {
  /** Hosts (names or addresses) that may resolve to private addresses, e.g. a local test server. */
  allowHosts?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
}

const MAX_REDIRECTS = 5;

/** Only public unicast addresses: not loopback, private, link-local, multicast or reserved. */
const isPublic = (address: string) => {
  const parsed = ipaddr.process(address);
  return parsed.range() === "unicast";
};

/**
 * A DNS lookup that refuses private addresses for hosts not on the allow-list. It runs when
 * the socket connects, so a name that resolves differently the second time cannot slip by.
 */
function guardedLookup(host: string, allowHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const blocked = !allowHosts.includes(host) && addresses.some((a) => !isPublic(a.address));
      if (blocked) {
        return callback(
          new DomainError(
            "BAD_REQUEST",
            `${host} resolves to a private or local address; Factdesk does not fetch it.`,
          ),
          "",
          4,
        );
      }
      if (options.all) return callback(null, addresses as never, 4);
      const first = addresses[0];
      return first
        ? callback(null, first.address, first.family)
        : callback(new Error(`No address for ${hostname}`), "", 4);
    });
  };
}

/** The same rule for an address written in the URL itself, where no lookup happens. */
function assertAllowedLiteral(url: URL, allowHosts: readonly string[]) {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !allowHosts.includes(url.hostname) && !isPublic(host)) {
    throw new DomainError(
      "BAD_REQUEST",
      `${url.hostname} resolves to a private or local address; Factdesk does not fetch it.`,
    );
  }
}

function get(
  url: URL,
  options: Required<TFetchOptions>,
): Promise<{ status: number; location?: string; type: string; body: string }> {
  assertAllowedLiteral(url, options.allowHosts);
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.get(
      url,
      {
        lookup: guardedLookup(url.hostname, options.allowHosts),
        timeout: options.timeoutMs,
        headers: { "user-agent": "Factdesk/0.1 (+fact-check ingest)", accept: "text/html,text/plain;q=0.9" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            request.destroy();
            reject(
              new DomainError(
                "BAD_REQUEST",
                `The page is larger than ${Math.round(options.maxBytes / 1e6)} MB.`,
              ),
            );
          } else chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            ...(response.headers.location ? { location: response.headers.location } : {}),
            type: response.headers["content-type"] ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () =>
      request.destroy(new DomainError("BAD_REQUEST", "The page took too long to answer.")),
    );
    request.on("error", (error) =>
      reject(
        error instanceof DomainError
          ? error
          : new DomainError("BAD_REQUEST", `The page could not be fetched: ${error.message}`),
      ),
    );
  });
}

/** The readable article in an HTML page: title, text, byline, site and date when present. */
export function extractArticle(html: string, url?: string): Omit<TFetchedArticle, "url"> {
  const { document } = parseHTML(html);
  const meta = (name: string) =>
    document
      .querySelector(`meta[property="${name}"], meta[name="${name}"]`)
      ?.getAttribute("content")
      ?.trim() || null;
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const raw: string = parsed?.textContent ?? document.body?.textContent ?? "";
  const text = raw
    .split(/\n\s*\n+/)
    .map((paragraph: string) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
  const published = meta("article:published_time") ?? meta("date");
  const date = published ? new Date(published) : null;
  const outlet = parsed?.siteName?.trim() || meta("og:site_name") || (url ? new URL(url).hostname : null);
  const title = parsed?.title?.trim() || meta("og:title") || document.title || (url ?? "Untitled");
  const siteSuffix = outlet
    ? [" | ", " - ", " – ", " — "].map((sep) => sep + outlet).find((s) => title.endsWith(s))
    : undefined;
  return {
    // "Headline | Site" → "Headline"
    title: siteSuffix ? title.slice(0, -siteSuffix.length) : title,
    text,
    author: parsed?.byline?.trim() || meta("author"),
    outlet,
    publishedAt: date && !Number.isNaN(date.getTime()) ? date : null,
  };
}

/** Fetches a page (http/https, timeout, size cap, redirects re-checked) and extracts its article. */
export async function fetchArticle(address: string, options: TFetchOptions = {}): Promise<TFetchedArticle> {
  const settings = { allowHosts: [], timeoutMs: 10_000, maxBytes: 5_000_000, ...options };
  let url = new URL(address);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new DomainError("BAD_REQUEST", "Only http and https pages can be fetched.");
    }
    const response = await get(url, settings);
    if (response.status >= 300 && response.status < 400 && response.location) {
      url = new URL(response.location, url);
      continue;
    }
    if (response.status !== 200)
      throw new DomainError("BAD_REQUEST", `The page answered ${response.status}.`);
    if (response.type.startsWith("text/plain")) {
      return {
        title: url.pathname.split("/").pop() || url.hostname,
        text: response.body,
        url: url.toString(),
        author: null,
        outlet: url.hostname,
        publishedAt: null,
      };
    }
    if (!response.type.includes("html"))
      throw new DomainError(
        "BAD_REQUEST",
        `The page is ${response.type || "of an unknown type"}, not HTML or text.`,
      );
    return { ...extractArticle(response.body, url.toString()), url: url.toString() };
  }
  throw new DomainError("BAD_REQUEST", "The page redirects too many times.");
}
