// What the database commands of the CLI use, loaded only when one runs: extraction and
// scoring start without the database drivers, Readability and the job queue.
export { backupConfigured, pgDumpConfigured, restoreBackup } from "./backups";
export { openDatabase } from "./boot";
export { articleFromText, ingestArticle } from "./domain/articles";
export { importFactCheckFile, matchFactChecks } from "./domain/fact-checks";
export { listAllLinks } from "./domain/matching";
export { createJobQueue } from "./jobs/queue";
export { runUntilIdle, startWorkers } from "./jobs/workers";
