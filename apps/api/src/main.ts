import { availableParallelism } from "node:os";
import { keepEncoderWarm, setEncoderThreads } from "@factdesk/claims";
import { claims } from "@factdesk/db";
import { createApp, WEB_BASE } from "./app";
import { startCheckpoints } from "./audit-checkpoints";
import { serveBackups } from "./backups";
import { openDatabase, openReadReplica } from "./boot";
import { loadConfig } from "./config";
import { runUntilIdle, startWorkers } from "./jobs/workers";
import { listenForChanges } from "./live";
import { trackLiveStreams } from "./live-streams";
import { createLogger, logTo } from "./observability";

/** How long requests in flight have to finish once the process is told to stop. */
const REQUESTS_DEADLINE_MS = 10_000;
/** When browsers are told to reconnect their live stream after a stop. */
const RECONNECT_AFTER_MS = 2_000;

import { isEmpty, seedDatabase } from "./seed";

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.observability.logLevel);
  const { database, auditKey } = await openDatabase(config);

  if (config.seed.onEmpty && (await isEmpty(database.db))) {
    const seeded = await seedDatabase(database.db, {
      ...config.seed,
      threshold: config.claimThreshold,
      publicUrl: config.publicUrl,
    });
    // The encoder's second look and the seed's links are done before the first screen, so a
    // newcomer sees the whole queue at once (and the embedded database's one connection is not
    // busy while they look around); nothing else runs yet, so the encoder may take every core.
    setEncoderThreads(availableParallelism());
    await runUntilIdle(database, { config, log: (message, error) => console.error(message, error) });
    setEncoderThreads(1);
    console.log(
      `Seeded ${seeded.articles} articles, ${await database.db.$count(claims)} claims and ${seeded.users} demo users.`,
    );
  }

  const readDatabase = await openReadReplica(config);
  const live = await listenForChanges(database);
  const workers = config.jobs.inProcess ? await startWorkers(database, { config, log: logTo(logger) }) : null;
  const stopCheckpoints = startCheckpoints(database.db, auditKey, {
    file: config.audit.checkpointFile,
    intervalMs: config.audit.checkpointMs,
  });
  // On the embedded database, `factdesk backup` asks this process for the backup (it holds the database).
  const stopServingBackups =
    config.database.engine === "pglite"
      ? await serveBackups(database, config.database.dataDir, { checkpointFile: config.audit.checkpointFile })
      : null;
  const liveStreams = trackLiveStreams();
  const app = createApp({ database, readDatabase, config, changes: live.feed, logger, liveStreams, workers });
  const server = app.listen(config.port, config.host, () => {
    // Loaded once the app answers, not while it opens the database (they would share the cores).
    keepEncoderWarm();
    const where =
      config.database.engine === "pglite" ? `embedded PGlite in ${config.database.dataDir}` : "PostgreSQL";
    console.log(`Factdesk is running at ${new URL(WEB_BASE, config.publicUrl)} (database: ${where})`);
    console.log(`Public verdict pages: ${config.publicUrl}`);
    if (config.seed.onEmpty) {
      const password = config.seed.password === "factdesk-dev" ? "factdesk-dev" : "the SEED_PASSWORD you set";
      console.log(
        `Demo accounts (password: ${password}): checker@factdesk.test (fact-checker), editor@factdesk.test (editor), admin@factdesk.test (admin)`,
      );
    }
  });

  /**
   * SIGTERM (or Ctrl-C): stop accepting connections, let the requests in flight finish (within
   * a deadline), tell live streams to reconnect in a few seconds (to another instance, if one is
   * up) and close them, let running jobs finish or return them to the queue, then exit.
   */
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Stopping: finishing the requests in flight");
    // Every answer from now on closes its connection, so keep-alive clients go elsewhere.
    app.locals.stopping = true;
    const closed = new Promise((resolve) => server.close(resolve));
    liveStreams.closeAll(RECONNECT_AFTER_MS);
    const deadline = setTimeout(() => server.closeAllConnections(), REQUESTS_DEADLINE_MS);
    await closed;
    clearTimeout(deadline);
    await workers?.stop(); // running jobs finish, or return to the queue at their deadline
    await stopServingBackups?.();
    await stopCheckpoints();
    await live.stop();
    await readDatabase?.close();
    await database.close();
    logger.info("Stopped");
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      // Whatever happens, the process ends: a stuck step is cut off well after the request deadline.
      setTimeout(() => process.exit(1), REQUESTS_DEADLINE_MS + 20_000).unref();
      void shutdown(signal).catch((error) => {
        logger.error({ err: error }, "Stopping failed");
        logger.flush(() => process.exit(1));
      });
    });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
