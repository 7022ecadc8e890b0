import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup as dnsLookupAll } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { DomainError } from "@factdesk/schema";
import ipaddr from "ipaddr.js";

/**
 * The one way Factdesk reaches an address someone typed (ingest by URL, webhooks): only
 * http(s), only public addresses unless a host is allowed, checked when the socket connects
 * and after every redirect; one deadline for the whole exchange, however slowly the server
 * drips; a size cap; a bounded number of redirects.
 */
export interface TFetchRules {
  /** Hosts (names or addresses) that may resolve to private addresses, e.g. a local test server. */
  allowHosts: readonly string[];
  /** The whole exchange, redirects and body included, ends by then. */
  deadlineMs: number;
  maxBytes: number;
}

export interface TFetchRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** GET follows up to this many redirects; a POST never follows one (its status is the answer). */
  maxRedirects?: number;
}

export interface TFetchResponse {
  /** Where the answer came from, after redirects. */
  url: string;
  status: number;
  type: string;
  body: string;
  /** The validators for a conditional request next time (ETag, Last-Modified), when sent. */
  etag?: string;
  lastModified?: string;
}

export const defaultFetchRules: TFetchRules = { allowHosts: [], deadlineMs: 15_000, maxBytes: 5_000_000 };

const refuse = (message: string) => new DomainError("BAD_REQUEST", message);

/** Only public unicast addresses: not loopback, private, link-local, multicast or reserved. */
const isPublic = (address: string) => ipaddr.process(address).range() === "unicast";

const privateAddress = (host: string) =>
  refuse(`${host} resolves to a private or local address; Factdesk does not connect to it.`);

const allowed = (url: URL, allowHosts: readonly string[]) => allowHosts.includes(url.hostname);

function assertWebAddress(url: URL) {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw refuse("Only http and https addresses can be reached.");
  if (url.username || url.password) throw refuse("Addresses with a user name or password are not allowed.");
}

/** The rule for an address written in the URL itself, where no lookup happens. */
function assertAllowedLiteral(url: URL, allowHosts: readonly string[]) {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !allowed(url, allowHosts) && !isPublic(host))
    throw privateAddress(url.hostname);
}

/**
 * A DNS lookup that refuses private addresses for hosts not on the allow-list. It runs when
 * the socket connects, so a name that resolves differently the second time cannot slip by.
 */
function guardedLookup(url: URL, allowHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      if (!allowed(url, allowHosts) && addresses.some((a) => !isPublic(a.address)))
        return callback(privateAddress(url.hostname), "", 4);
      if (options.all) return callback(null, addresses as never, 4);
      const first = addresses[0];
      return first
        ? callback(null, first.address, first.family)
        : callback(new Error(`No address for ${hostname}`), "", 4);
    });
  };
}

/**
 * Whether an address may be saved for later use (a webhook target): the same rules as at
 * connect time, so an admin learns now rather than from a failed delivery.
 */
export async function assertReachableAddress(address: string, allowHosts: readonly string[]) {
  const url = new URL(address);
  assertWebAddress(url);
  assertAllowedLiteral(url, allowHosts);
  if (allowed(url, allowHosts) || ipaddr.isValid(url.hostname.replace(/^\[|\]$/g, ""))) return;
  // A name that does not resolve yet may later; connecting checks again whatever it becomes.
  const addresses = await dnsLookupAll(url.hostname, { all: true }).catch(() => []);
  if (addresses.some((a) => !isPublic(a.address))) throw privateAddress(url.hostname);
}

function exchange(url: URL, request: TFetchRequest, rules: TFetchRules, deadline: number) {
  assertWebAddress(url);
  assertAllowedLiteral(url, rules.allowHosts);
  return new Promise<Omit<TFetchResponse, "url"> & { location?: string }>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const outgoing = client.request(url, {
      method: request.method ?? "GET",
      lookup: guardedLookup(url, rules.allowHosts),
      headers: { "user-agent": "Factdesk (+https://github.com/factdesk)", ...request.headers },
    });
    // One timer for the whole exchange: a server that sends a byte now and then still ends here.
    const timer = setTimeout(
      () =>
        outgoing.destroy(
          refuse(`${url.host} did not answer within ${Math.round(rules.deadlineMs / 1000)} s.`),
        ),
      Math.max(0, deadline - Date.now()),
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(
        error instanceof DomainError ? error : refuse(`${url.host} could not be reached: ${error.message}`),
      );
    };
    outgoing.on("error", fail);
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= rules.maxBytes) return void chunks.push(chunk);
        outgoing.destroy(refuse(`The answer is larger than ${Math.round(rules.maxBytes / 1e6)} MB.`));
      });
      response.on("error", fail);
      response.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          ...(response.headers.location ? { location: response.headers.location } : {}),
          type: response.headers["content-type"] ?? "",
          body: Buffer.concat(chunks).toString("utf8"),
          ...(response.headers.etag ? { etag: response.headers.etag } : {}),
          ...(response.headers["last-modified"] ? { lastModified: response.headers["last-modified"] } : {}),
        });
      });
    });
    outgoing.end(request.body);
  });
}

/** Sends one request under `rules`; refusals and failures are DomainErrors that say what happened. */
export async function fetchAddress(
  address: string | URL,
  request: TFetchRequest = {},
  rules: TFetchRules = defaultFetchRules,
): Promise<TFetchResponse> {
  const deadline = Date.now() + rules.deadlineMs;
  const maxRedirects = request.method === "POST" ? 0 : (request.maxRedirects ?? 5);
  let url = new URL(address);
  for (let hop = 0; ; hop++) {
    const { location, ...response } = await exchange(url, request, rules, deadline);
    if (response.status < 300 || response.status >= 400 || !location || maxRedirects === 0)
      return { ...response, url: url.toString() };
    if (hop >= maxRedirects) throw refuse(`The address redirects more than ${maxRedirects} times.`);
    url = new URL(location, url);
  }
}
