import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DbHandle } from "@factdesk/db";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { Logger } from "pino";
import { createApp } from "../src/app";
import type { TConfig } from "../src/config";
import { CHANGES_CHANNEL } from "../src/domain/audit";
import { listenForChanges } from "../src/live";
import type { AppRouter } from "../src/trpc/router";
import { testConfig } from "./factories";

export { testConfig };

const quiet = () => {};

/** The real app on an ephemeral port, with live changes from the database. */
export async function startServer(
  database: DbHandle,
  log: (message: string, error?: unknown) => void = quiet,
  config: Partial<TConfig> = {},
  {
    keepPublicPages = true,
    readDatabase = undefined as DbHandle | undefined,
    logger = undefined as Logger | undefined,
  } = {},
) {
  const live = await listenForChanges(database);
  const app = createApp({
    database,
    config: { ...testConfig, ...config } as TConfig,
    changes: live.feed,
    log,
    keepPublicPages,
    readDatabase,
    logger,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves when the server has heard every change committed so far (its kept pages are current). */
    caughtUp: async () => {
      const id = randomUUID();
      const heard = live.feed.marker(id);
      await database.query({
        text: "select pg_notify($1, $2)",
        values: [CHANGES_CHANNEL, JSON.stringify({ marker: id })],
      });
      await heard;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await live.stop();
    },
  };
}

/** A tRPC client over HTTP that keeps its session cookie like a browser. */
export function browserClient(base: string) {
  const jar = { cookie: "" };
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        fetch: async (url, init) => {
          const response = await fetch(url, { ...init, headers: { ...init?.headers, cookie: jar.cookie } });
          const setCookie = response.headers.get("set-cookie");
          if (setCookie) jar.cookie = setCookie.split(";")[0] ?? "";
          return response;
        },
      }),
    ],
  });
  return { client, jar };
}

export async function loggedIn(base: string, email: string, password: string) {
  const { client } = browserClient(base);
  await client.auth.login.mutate({ email, password });
  return client;
}
