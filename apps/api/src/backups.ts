import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { createDb, type DbHandle, dumpDesk, grantAppRole, restoreDesk, roleOf } from "@factdesk/db";
import type { TConfig } from "./config";

// A backup file is the desk's rows as gzipped JSON lines (packages/db/src/backup.ts) with the
// audit chain's signed checkpoints: the same file on the embedded database and PostgreSQL.

/** The name the checkpoint file's lines travel under inside a backup. */
const CHECKPOINTS = "audit-checkpoints.jsonl";

const lines = (text: string) => text.split("\n").filter((line) => line.trim());

/**
 * Writes a consistent backup of the desk to `file` ("-": standard output): first to a
 * `.partial` file beside it, renamed when complete, so a half-written backup never passes
 * for one.
 */
export async function writeBackup(
  database: Pick<DbHandle, "db" | "engine">,
  file: string,
  { checkpointFile }: { checkpointFile: string },
) {
  const toFile = file !== "-";
  const partial = `${file}.partial`;
  if (toFile) mkdirSync(dirname(file), { recursive: true });
  const gzip = createGzip();
  const written = pipeline(gzip, toFile ? createWriteStream(partial, { mode: 0o600 }) : process.stdout);
  try {
    const checkpoints = existsSync(checkpointFile) ? lines(await readFile(checkpointFile, "utf8")) : [];
    const { rows, tables } = await dumpDesk(
      database,
      async (line) => {
        if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
      },
      { files: { [CHECKPOINTS]: checkpoints } },
    );
    gzip.end();
    await written;
    if (toFile) renameSync(partial, file);
    return {
      file,
      bytes: toFile ? statSync(file).size : null,
      rows,
      tables,
      checkpoints: checkpoints.length,
    };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    if (toFile) rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * `factdesk backup FILE`: the configured database as it is, not migrated first (so a backup
 * taken before an upgrade is of the release that made it).
 */
export async function backupConfigured(config: TConfig, file: string) {
  const target = config.database;
  const database = await createDb(
    target.engine === "postgres" ? { engine: "postgres", url: target.url, poolSize: 1 } : target,
  );
  try {
    return await writeBackup(database, file, { checkpointFile: config.audit.checkpointFile });
  } finally {
    await database.close();
  }
}

/** A backup file's lines ("-": standard input), read as a stream (a large desk never sits in memory whole). */
export function readBackupLines(file: string): AsyncIterable<string> {
  const stream = (file === "-" ? process.stdin : createReadStream(file)).pipe(createGunzip());
  return createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * Restores a backup into the configured database, which must be empty: as the owner role
 * when there is one (the app's role is then granted what it needs, as at start). Sessions
 * are not in a backup, so everyone signs in again. The checkpoints come back into the
 * checkpoint file (lines it does not already have are appended) once the rows are in.
 */
export async function restoreBackup(config: TConfig, file: string) {
  if (file !== "-" && !existsSync(file)) throw new Error(`No backup at ${file}.`);
  const target = config.database;
  const database = await createDb(
    target.engine === "postgres"
      ? { engine: "postgres", url: target.ownerUrl ?? target.url, poolSize: 2 }
      : target,
  );
  try {
    const checkpoints: string[] = [];
    const restored = await restoreDesk(database, readBackupLines(file), {
      onFileLine: (name, line) => {
        if (name === CHECKPOINTS) checkpoints.push(line);
      },
    });
    if (target.engine === "postgres" && target.ownerUrl) await grantAppRole(database.db, roleOf(target.url));
    const checkpointFile = config.audit.checkpointFile;
    const present = new Set(existsSync(checkpointFile) ? lines(await readFile(checkpointFile, "utf8")) : []);
    const missing = checkpoints.filter((line) => !present.has(line));
    if (missing.length) {
      mkdirSync(dirname(checkpointFile), { recursive: true });
      await appendFile(checkpointFile, `${missing.join("\n")}\n`, { mode: 0o600 });
    }
    return { ...restored, checkpoints: checkpoints.length, file: basename(file) };
  } finally {
    await database.close();
  }
}
