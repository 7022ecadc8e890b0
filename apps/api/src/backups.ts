import { execFile } from "node:child_process";
import { once } from "node:events";
import {
  chmodSync,
  closeSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import { basename, dirname } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
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
  if (file === "-")
    return { file, bytes: null, ...(await streamBackup(database, process.stdout, { checkpointFile })) };
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    const made = await streamBackup(database, createWriteStream(partial, { mode: 0o600 }), {
      checkpointFile,
    });
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, ...made };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The backup, gzipped, into `destination` (a file, standard output, an HTTP answer). */
export async function streamBackup(
  database: Pick<DbHandle, "db" | "engine">,
  destination: NodeJS.WritableStream,
  { checkpointFile }: { checkpointFile: string },
) {
  const gzip = createGzip();
  const written = pipeline(gzip, destination);
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
    return { rows, tables, checkpoints: checkpoints.length };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    throw error;
  }
}

/**
 * Where a running app on the embedded database takes backups for `factdesk backup` (which may
 * not open the database the app holds): a socket beside the data, readable by its owner only.
 */
export const backupSocketOf = (dataDir: string) => `${dataDir.replace(/\/+$/, "")}.backup.sock`;

/** The app's side: serves a backup to whoever can open the socket; returns how to stop. */
export async function serveBackups(
  database: DbHandle,
  dataDir: string,
  { checkpointFile }: { checkpointFile: string },
) {
  const socket = backupSocketOf(dataDir);
  rmSync(socket, { force: true }); // a stale one from a process that died
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/backup") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/gzip" });
    streamBackup(database, res, { checkpointFile }).catch((error) => res.destroy(error));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socket, resolve));
  chmodSync(socket, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(socket, { force: true });
    });
}

/** The CLI's side: the running app's backup through its socket, into `file`; false when no app answers. */
async function backupFromRunningApp(dataDir: string, file: string) {
  const socket = backupSocketOf(dataDir);
  if (!existsSync(socket)) return false;
  const response = await new Promise<import("node:http").IncomingMessage | null>((resolve) => {
    // Local IPC with this desk's own app over its unix socket (never a user-supplied address, so
    // not the fetcher's business); HTTP's chunked framing tells a cut-off backup from a whole one.
    const req = request({ socketPath: socket, path: "/backup" }, resolve);
    req.on("error", () => resolve(null)); // nobody listening: the app is not running
    req.end();
  });
  if (!response) return false;
  if (response.statusCode !== 200)
    throw new Error(`The running app refused the backup (${response.statusCode}).`);
  if (file === "-") {
    await pipeline(response, process.stdout);
    return true;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    await pipeline(response, createWriteStream(`${file}.partial`, { mode: 0o600 }));
  } catch (error) {
    rmSync(`${file}.partial`, { force: true });
    throw error;
  }
  renameSync(`${file}.partial`, file);
  return true;
}

/**
 * `factdesk backup FILE`: the configured database as it is, not migrated first (so a backup
 * taken before an upgrade is of the release that made it). When the app runs on the embedded
 * database, which one process may hold, the app writes the backup and the CLI saves it.
 */
export async function backupConfigured(config: TConfig, file: string) {
  const target = config.database;
  if (target.engine === "pglite" && (await backupFromRunningApp(target.dataDir, file)))
    return { file, bytes: file === "-" ? null : statSync(file).size, by: "the running app" };
  if (target.engine === "pglite" && !existsSync(`${target.dataDir}/PG_VERSION`))
    throw new Error(`There is no embedded database in ${target.dataDir}: check DATA_DIR (or DATABASE_URL).`);
  const database = await createDb(
    target.engine === "postgres" ? { engine: "postgres", url: target.url, poolSize: 1 } : target,
  );
  try {
    return await writeBackup(database, file, { checkpointFile: config.audit.checkpointFile });
  } finally {
    await database.close();
  }
}

/**
 * `factdesk backup --pg-dump FILE` on PostgreSQL: PostgreSQL's own custom-format archive,
 * for operators who keep their backups with its tools (pg_dump and pg_restore of the
 * server's major version or newer, Debian's postgresql-client). Sessions and other
 * passing state are left out as in Factdesk's format; the audit checkpoints, which live
 * outside the database, are copied beside it (FILE.checkpoints.jsonl).
 */
export async function pgDumpConfigured(config: TConfig, file: string) {
  const target = config.database;
  if (target.engine !== "postgres")
    throw new Error(
      "--pg-dump backs up PostgreSQL; the embedded database is backed up in Factdesk's format.",
    );
  if (file === "-") throw new Error("--pg-dump writes to a file, not to standard output.");
  mkdirSync(dirname(file), { recursive: true });
  const passing = ["sessions", "rate_limits", "claim_presence"].flatMap((t) => [
    `--exclude-table-data=public.${t}`,
  ]);
  await clientTool("pg_dump", [
    "--format=custom",
    "--no-owner",
    "--no-privileges",
    ...passing,
    `--file=${file}.partial`,
    target.url,
  ]);
  renameSync(`${file}.partial`, file);
  const checkpoints = config.audit.checkpointFile;
  const beside = `${file}.checkpoints.jsonl`;
  if (existsSync(checkpoints)) copyFileSync(checkpoints, beside);
  return {
    file,
    bytes: statSync(file).size,
    checkpoints: existsSync(beside) ? lines(await readFile(beside, "utf8")).length : 0,
  };
}

/** A PostgreSQL client tool, with what to install when it is missing. */
async function clientTool(tool: "pg_dump" | "pg_restore", args: string[]) {
  try {
    await promisify(execFile)(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    if (code === "ENOENT")
      throw new Error(
        `${tool} is not installed: install the PostgreSQL client tools of your server's major version or newer (Debian: apt-get install postgresql-client), or back up in Factdesk's own format (without --pg-dump).`,
      );
    throw new Error(`${tool} failed: ${(stderr ?? String(error)).trim()}`);
  }
}

/** Whether a file is a pg_dump custom-format archive (it starts with "PGDMP"). */
function isPgDump(file: string) {
  if (file === "-") return false;
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return head.toString("latin1") === "PGDMP";
  } finally {
    closeSync(fd);
  }
}

/** Restores a pg_dump archive into an empty PostgreSQL database, in one transaction, then brings it up to date. */
async function restorePgDump(config: TConfig, file: string) {
  const target = config.database;
  if (target.engine !== "postgres")
    throw new Error(
      "This is a pg_dump archive: it restores into PostgreSQL (set DATABASE_URL), not the embedded database.",
    );
  const url = target.ownerUrl ?? target.url;
  const database = await createDb({ engine: "postgres", url, poolSize: 2 });
  try {
    const { rows } = await database.query({
      text: "select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'",
      values: [],
    });
    if ((rows[0] as { n: number }).n > 0)
      throw new Error("Restore into an empty database: this one already has tables.");
    await clientTool("pg_restore", [
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${url}`,
      file,
    ]);
    await database.migrate();
    if (target.ownerUrl) await grantAppRole(database.db, roleOf(target.url));
  } finally {
    await database.close();
  }
  const beside = `${file}.checkpoints.jsonl`;
  const checkpoints = existsSync(beside) ? lines(await readFile(beside, "utf8")) : [];
  await keepCheckpoints(config.audit.checkpointFile, checkpoints);
  return { format: "pg_dump" as const, checkpoints: checkpoints.length, file: basename(file) };
}

/** Appends the checkpoints the file does not have yet (a restore on the same machine has them all). */
async function keepCheckpoints(checkpointFile: string, checkpoints: string[]) {
  const present = new Set(existsSync(checkpointFile) ? lines(await readFile(checkpointFile, "utf8")) : []);
  const missing = checkpoints.filter((line) => !present.has(line));
  if (!missing.length) return;
  mkdirSync(dirname(checkpointFile), { recursive: true });
  await appendFile(checkpointFile, `${missing.join("\n")}\n`, { mode: 0o600 });
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
  if (isPgDump(file)) return restorePgDump(config, file);
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
    await keepCheckpoints(config.audit.checkpointFile, checkpoints);
    return {
      format: "factdesk" as const,
      ...restored,
      checkpoints: checkpoints.length,
      file: basename(file),
    };
  } finally {
    await database.close();
  }
}
