import { type SQL, sql } from "drizzle-orm";
import {
  type DbHandle,
  type DbOrTx,
  migrationLevel,
  migrationsJournal,
  type TMigrationLevel,
} from "./client";
import { JOB_SCHEMA } from "./jobs";

/**
 * A desk's rows as JSON lines, the same on PGlite and PostgreSQL, so one file restores on
 * either (and moves a desk from the embedded database to a server). Line 1 is the header;
 * each table starts with a ["table", name, columns] line followed by its rows, one JSON
 * object each; ["end", rows] closes the file, so a cut-off copy is refused, not half-loaded.
 * Meta lines are arrays and rows objects, so no column name can be mistaken for a marker.
 * Files the desk keeps outside the database (the audit chain's signed checkpoints) follow
 * the tables as ["file", name, line] lines.
 */
export const BACKUP_FORMAT = "factdesk-backup";

export type TBackupHeader = {
  format: 1;
  createdAt: string;
  engine: DbHandle["engine"];
  migrations: TMigrationLevel;
};

/** Who is logged in, rate counters and who is looking at what are not a desk's record. */
const NOT_BACKED_UP = ["public.sessions", "public.rate_limits", "public.claim_presence"];
/** Jobs not yet done are kept (a restored desk finishes them); finished ones are history pg-boss prunes. */
const JOBS = `${JOB_SCHEMA}.job`;
const JOBS_PENDING = sql.raw("state in ('created', 'retry', 'active')");

/** Rows fetched at a time: bounded memory whatever the table's size (an article is at most ~8 MB). */
const FETCH = 50;
/** Tables whose rows may be large files (an uploaded video): one row at a time. */
const ONE_AT_A_TIME = ["public.media_items"];
/** Rows inserted by one statement, or fewer when they reach this many characters. */
const LOAD_ROWS = 500;
const LOAD_CHARS = 8_000_000;

type TTable = { name: string; columns: string[] };
const rowsOf = async <T>(db: DbOrTx, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;
const qualified = (name: string) => {
  const [schema, table] = name.split(".");
  return sql`${sql.identifier(schema ?? "")}.${sql.identifier(table ?? "")}`;
};

/** The desk's tables with their stored columns (generated ones are made again on load). */
async function deskTables(db: DbOrTx): Promise<TTable[]> {
  const tables = await rowsOf<TTable>(
    db,
    sql`
      select n.nspname || '.' || c.relname as name,
        array(select a.attname::text from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
              order by a.attnum) as columns
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition
        and (n.nspname = 'public' or (n.nspname || '.' || c.relname) = ${JOBS})
      order by 1`,
  );
  return tables.filter(({ name }) => !NOT_BACKED_UP.includes(name));
}

/**
 * Writes the desk's rows as they were at one moment (one repeatable-read snapshot), a few
 * at a time. On PGlite the snapshot holds the database's one connection, so the app's own
 * queries wait until the dump is written.
 */
export async function dumpDesk(
  handle: Pick<DbHandle, "db" | "engine">,
  write: (line: string) => Promise<void> | void,
  { files = {} }: { files?: Record<string, Iterable<string>> } = {},
): Promise<{ rows: number; tables: number }> {
  return handle.db.transaction(
    async (tx) => {
      const header: TBackupHeader = {
        format: 1,
        createdAt: new Date().toISOString(),
        engine: handle.engine,
        migrations: await migrationLevel(tx),
      };
      if (header.migrations.count === 0)
        throw new BackupError(
          "This database holds no desk (it was never migrated): check DATABASE_URL or DATA_DIR.",
        );
      await write(JSON.stringify([BACKUP_FORMAT, header]));
      const tables = await deskTables(tx);
      let rows = 0;
      for (const { name, columns } of tables) {
        await write(JSON.stringify(["table", name, columns]));
        const list = sql.join(
          columns.map((c) => sql.identifier(c)),
          sql`, `,
        );
        const where = name === JOBS ? sql`where ${JOBS_PENDING}` : sql``;
        await tx.execute(
          sql`declare backup_rows no scroll cursor for
              select row_to_json(r)::text as line from (select ${list} from ${qualified(name)} ${where}) r`,
        );
        const fetch = ONE_AT_A_TIME.includes(name) ? 1 : FETCH;
        for (;;) {
          const batch = await rowsOf<{ line: string }>(tx, sql.raw(`fetch ${fetch} from backup_rows`));
          for (const { line } of batch) await write(line);
          rows += batch.length;
          if (batch.length < fetch) break;
        }
        await tx.execute(sql`close backup_rows`);
      }
      for (const [name, fileLines] of Object.entries(files))
        for (const line of fileLines) await write(JSON.stringify(["file", name, line]));
      await write(JSON.stringify(["end", rows]));
      return { rows, tables: tables.length };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

export class BackupError extends Error {}

/** Reads a backup's first line: what it is and the migration level it was made at. */
export function parseBackupHeader(line: string | undefined): TBackupHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line ?? "");
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== BACKUP_FORMAT)
    throw new BackupError("This is not a Factdesk backup (its first line is not a backup header).");
  const header = parsed[1] as TBackupHeader;
  if (header?.format !== 1)
    throw new BackupError(`This backup's format (${header?.format}) is not one this Factdesk reads.`);
  return header;
}

/**
 * Refuses a restore that would not give the same desk: a database that already holds a desk,
 * a backup made by a newer Factdesk, or one from migrations this code does not have.
 */
async function checkRestorable(handle: Pick<DbHandle, "db">, header: TBackupHeader) {
  const entries = migrationsJournal().entries;
  const { count, last } = header.migrations;
  if (count > entries.length)
    throw new BackupError(
      `This backup was made by a newer Factdesk (${count} migrations; this one has ${entries.length}): restore it with that release or a later one.`,
    );
  if (count > 0 && entries[count - 1]?.when !== last)
    throw new BackupError(
      "This backup's migrations are not this Factdesk's: it was made by a different line of releases.",
    );
  const target = await migrationLevel(handle.db);
  if (target.count === 0) return;
  if (target.count !== count)
    throw new BackupError(
      `Restore into an empty database: this one is already migrated (${target.count} migrations, the backup has ${count}).`,
    );
  const [used] = await rowsOf<{ used: boolean }>(
    handle.db,
    sql`select exists (select 1 from users) or exists (select 1 from events) or exists (select 1 from articles) as used`,
  );
  if (used?.used) throw new BackupError("Restore into an empty database: this one already holds a desk.");
}

/**
 * Restores a desk into an empty database: migrates it to the backup's level, loads every
 * table in one transaction with the tables' own triggers off (the audit chain and the
 * counts are restored as they were, not recomputed), sets the sequences past the restored
 * ids, then applies any newer migrations. Nothing is left half-loaded: a bad or cut-off file
 * rolls the load back.
 */
export async function restoreDesk(
  handle: Pick<DbHandle, "db" | "migrate">,
  lines: AsyncIterable<string>,
  { onFileLine }: { onFileLine?: (name: string, line: string) => void } = {},
): Promise<{ header: TBackupHeader; rows: number; tables: number }> {
  const iterator = lines[Symbol.asyncIterator]();
  const header = parseBackupHeader((await iterator.next()).value);
  await checkRestorable(handle, header);
  await handle.migrate({ upTo: header.migrations.count });
  const loaded = await handle.db.transaction(async (tx) => {
    const known = new Map((await deskTables(tx)).map((t) => [t.name, new Set(t.columns)]));
    // Foreign keys come off during the load (some tables reference each other, so no order
    // satisfies them) and go back on after it, which checks every restored row against them.
    const foreignKeys = await rowsOf<{ target: string; name: string; definition: string }>(
      tx,
      sql`select conrelid::regclass::text as target, quote_ident(conname) as name, pg_get_constraintdef(oid) as definition
          from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
    );
    // Names and definitions come from the catalogue (quoted there).
    for (const fk of foreignKeys)
      await tx.execute(sql.raw(`alter table ${fk.target} drop constraint ${fk.name}`));
    let table: { name: string; columns: string[] } | undefined;
    let batch: string[] = [];
    let chars = 0;
    let rows = 0;
    let tables = 0;
    let ended: number | undefined;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const target = qualified(table.name);
      const list = sql.join(
        table.columns.map((c) => sql.identifier(c)),
        sql`, `,
      );
      await tx.execute(sql`
        insert into ${target} (${list}) overriding system value
        select ${list} from json_populate_recordset(null::${target}, ${`[${batch.join(",")}]`}::json)`);
      rows += batch.length;
      batch = [];
      chars = 0;
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = next.value;
      if (line.startsWith("{")) {
        if (!table) throw new BackupError("The backup has rows before any table.");
        batch.push(line);
        chars += line.length;
        if (batch.length >= LOAD_ROWS || chars >= LOAD_CHARS) await flush();
        continue;
      }
      if (!line.trim()) continue;
      await flush();
      const meta = JSON.parse(line) as unknown[];
      if (meta[0] === "end") {
        ended = Number(meta[1]);
        break;
      }
      if (meta[0] === "file") {
        onFileLine?.(String(meta[1]), String(meta[2]));
        continue;
      }
      if (meta[0] !== "table")
        throw new BackupError(`The backup has a line this Factdesk does not read: ${line.slice(0, 80)}`);
      const [, name, columns] = meta as [string, string, string[]];
      const stored = known.get(name);
      if (!stored) throw new BackupError(`The backup has a table this database does not: ${name}.`);
      const unknown = columns.filter((c) => !stored.has(c));
      if (unknown.length)
        throw new BackupError(
          `The backup's table ${name} has columns this database does not: ${unknown.join(", ")}.`,
        );
      if (name.startsWith("public.")) {
        // The desk's own triggers would re-chain, re-count or refuse restored history; the
        // rows migrations put in (the default rating scale) give way to the backup's own.
        await tx.execute(sql`alter table ${qualified(name)} disable trigger user`);
        await tx.execute(sql`truncate table ${qualified(name)}`);
      }
      table = { name, columns };
      tables++;
    }
    if (ended === undefined) throw new BackupError("The backup ends early (no end line): it is incomplete.");
    if (ended !== rows)
      throw new BackupError(`The backup says it holds ${ended} rows but ${rows} were read.`);
    for (const name of known.keys())
      if (name.startsWith("public."))
        await tx.execute(sql`alter table ${qualified(name)} enable trigger user`);
    for (const fk of foreignKeys)
      await tx.execute(sql.raw(`alter table ${fk.target} add constraint ${fk.name} ${fk.definition}`));
    // Jobs that were running when the backup was taken run again (jobs are idempotent).
    await tx.execute(
      sql`update ${qualified(JOBS)} set state = 'created', started_on = null where state = 'active'`,
    );
    await resetSequences(tx);
    return { rows, tables };
  });
  await handle.migrate();
  return { header, ...loaded };
}

/** Sets each column-owned sequence of the desk past the largest id now in its table. */
async function resetSequences(tx: DbOrTx) {
  const owned = await rowsOf<{ sequence: string; target: string; column: string }>(
    tx,
    sql`
      select format('%I.%I', sn.nspname, s.relname) as sequence,
             format('%I.%I', tn.nspname, t.relname) as target, quote_ident(a.attname) as column
      from pg_class s
      join pg_namespace sn on sn.oid = s.relnamespace
      join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass
        and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
      join pg_class t on t.oid = d.refobjid
      join pg_namespace tn on tn.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and sn.nspname = 'public'`,
  );
  // Names come from the catalogue, already quoted by format('%I') / quote_ident.
  for (const { sequence, target, column } of owned)
    await tx.execute(
      sql`select setval(${sequence}::regclass, coalesce((select max(${sql.raw(column)}) from ${sql.raw(target)}), 0) + 1, false)`,
    );
}
