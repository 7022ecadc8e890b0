import { parseArgs } from "node:util";
import { verifyAuditChain } from "@factdesk/db";
import { readCheckpoints, writeCheckpoint } from "./audit-checkpoints";
import { openDatabase } from "./boot";
import { loadConfig } from "./config";

// `npm run audit:verify [-- --checkpoints FILE]`: checks the keyed audit chain and the signed
// checkpoints (AUDIT_CHECKPOINT_FILE by default); exits 1 at the first break.
// `npm run audit:checkpoint`: signs the chain's head now and appends it to the checkpoint file.
const { values, positionals } = parseArgs({
  options: { checkpoints: { type: "string" } },
  allowPositionals: true,
});
const config = loadConfig();
const file = values.checkpoints ?? config.audit.checkpointFile;
const { database, auditKey } = await openDatabase(config);
try {
  if (positionals[0] === "checkpoint") {
    const written = await writeCheckpoint(database.db, auditKey, file);
    console.log(
      written
        ? `Checkpoint of event ${written.eventId} appended to ${file}.`
        : "No new events since the last checkpoint.",
    );
  } else {
    const checkpoints = readCheckpoints(file);
    const result = await verifyAuditChain(database.db, { key: auditKey, checkpoints });
    if (result.ok) {
      console.log(
        `Audit chain intact: ${result.events} events verified against ${result.checkpoints} signed checkpoints.`,
      );
    } else {
      console.error(`Audit chain broken at event ${result.firstBrokenEventId}: ${result.problem}.`);
      process.exitCode = 1;
    }
  }
} finally {
  await database.close();
}
