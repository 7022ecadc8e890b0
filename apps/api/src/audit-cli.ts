import { createDb, verifyAuditChain } from "@factdesk/db";
import { loadConfig } from "./config";

// `npm run audit:verify`: checks the audit hash chain; exits 1 at the first broken link.
const config = loadConfig(process.env);
const database = await createDb(config.database);
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`Audit chain intact: ${result.events} events verified.`);
  } else {
    console.error(`Audit chain broken at event ${result.firstBrokenEventId}: ${result.problem}.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
