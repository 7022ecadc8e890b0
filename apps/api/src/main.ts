import { createApp, WEB_BASE } from "./app";
import { startCheckpoints } from "./audit-checkpoints";
import { openDatabase, openReadReplica } from "./boot";
import { loadConfig } from "./config";
import { runUntilIdle, startWorkers } from "./jobs/workers";
import { listenForChanges } from "./live";
import { createLogger, logTo } from "./observability";
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
    // The seed's links are made before the first screen, so a newcomer sees them at once (and
    // the embedded database's one connection is not busy matching while they look around).
    await runUntilIdle(database, { config, log: (message, error) => console.error(message, error) });
    console.log(
      `Seeded ${seeded.articles} articles, ${seeded.claims} claims and ${seeded.users} demo users.`,
    );
  }

  const readDatabase = await openReadReplica(config);
  const live = await listenForChanges(database);
  const workers = config.jobs.inProcess ? await startWorkers(database, { config, log: logTo(logger) }) : null;
  const stopCheckpoints = startCheckpoints(database.db, auditKey, {
    file: config.audit.checkpointFile,
    intervalMs: config.audit.checkpointMs,
  });
  const app = createApp({ database, readDatabase, config, changes: live.feed, logger });
  const server = app.listen(config.port, config.host, () => {
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

  const shutdown = () => {
    server.closeAllConnections(); // open live-update streams would hold the server open
    server.close(
      () =>
        void Promise.resolve(workers?.stop())
          .then(() => stopCheckpoints())
          .then(() => live.stop())
          .then(() => readDatabase?.close())
          .then(() => database.close())
          .then(() => process.exit(0)),
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
