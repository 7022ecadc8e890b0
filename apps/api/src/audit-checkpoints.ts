import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  checkpointHeads,
  type DbOrTx,
  type TAuditCheckpoint,
  type TAuditKey,
  takeCheckpoint,
} from "@factdesk/db";

/**
 * Signed checkpoints of the audit chain's head, one JSON line each, in a file outside the
 * database: with them `audit:verify` detects history rewritten or cut off the end, even by
 * the database's owner. Copy the file off the machine (backups, another host) to keep it so.
 */
export function readCheckpoints(file: string): TAuditCheckpoint[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as TAuditCheckpoint);
}

/** Appends a checkpoint when a chain's head moved since the last one in the file. */
export async function writeCheckpoint(db: DbOrTx, key: TAuditKey, file: string) {
  const checkpoint = await takeCheckpoint(db, key);
  if (!checkpoint) return null;
  const last = readCheckpoints(file).at(-1);
  const same = (c: TAuditCheckpoint) => JSON.stringify(checkpointHeads(c).sort(([a], [b]) => a - b));
  if (last && same(last) === same(checkpoint)) return null;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** Writes a checkpoint every `intervalMs` (and once more when stopped); failures are logged. */
export function startCheckpoints(
  db: DbOrTx,
  key: TAuditKey,
  {
    file,
    intervalMs,
    log = console.error,
  }: { file: string; intervalMs: number; log?: (m: string, e?: unknown) => void },
) {
  const write = () => writeCheckpoint(db, key, file).catch((error) => log("audit checkpoint failed", error));
  const timer = setInterval(write, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await write();
  };
}
