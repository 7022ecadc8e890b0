/**
 * The `factdesk` command line: extraction and scoring need nothing else; the database
 * commands use the app's configuration (DATABASE_URL, or the embedded database in DATA_DIR).
 * Run `factdesk help` for usage.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import {
  analyseArticle,
  CHECKWORTHY_THRESHOLD,
  FAST_CHECKWORTHY_THRESHOLD,
  scoreCheckWorthinessAll,
} from "@factdesk/claims";
import type { Db } from "@factdesk/db";
import { claimLinkKinds, type TClaimLinkKind, ZDay } from "@factdesk/schema";
import { loadConfig } from "./config";

const databaseSide = () => import("./cli-database");

const usage = `Usage: factdesk <command> [arguments]

  extract [--fast] FILE|-      sentences of an article with check-worthiness, one JSON line each
  score [--fast]               one sentence per stdin line in, one score per line out
                               (--fast: without the sentence encoder; many times faster, a little less accurate)
  ingest FILE...               add articles (.txt, .md: first line is the title; .html) and their claims;
                               the encoder's second look and their links are the job workers' (the app,
                               or factdesk worker)
  worker [--until-idle]        run only the job workers (matching, webhook deliveries) until stopped,
                               or until no job is due
  import-factchecks FILE...    add past fact-checks (ClaimReview .json/.jsonld, or .csv/.tsv with
                               text, rating, url, date columns) [--base-url URL for relative links]
  match [TEXT | --stdin]       the 5 closest past fact-checks for each text, one JSON line each
                               [--claimant NAME] [--on YYYY-MM-DD]: who said it and when, when known
  links [--kind KIND]          suggested and confirmed links between claims (KIND: ${claimLinkKinds.join(", ")})
  backup FILE|-                write a backup of the desk (every table but sessions, and the audit
                               checkpoints) to FILE or standard output, gzipped JSON lines; consistent
                               while the desk is used. --pg-dump (PostgreSQL): pg_dump's custom format
                               instead, the checkpoints in FILE.checkpoints.jsonl (needs postgresql-client)
  restore FILE|-               restore a backup (either format) into an empty database (as DATABASE_OWNER_URL when set).
                               From the embedded database to PostgreSQL in one line:
                               factdesk backup - | DATABASE_URL=postgres://… factdesk restore -

Database commands use DATABASE_URL, or the embedded database in DATA_DIR (default .data/pglite).`;

const fastOption = { fast: { type: "boolean" } } as const;
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const round = (n: number) => Math.round(n * 10_000) / 10_000;
const readInput = (file: string) => readFileSync(file === "-" ? 0 : file, "utf8");
const stdinLines = () =>
  readFileSync(0, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");

class UsageError extends Error {}

async function withDatabase<T>(run: (db: Db) => Promise<T>) {
  const { openDatabase } = await databaseSide();
  const { database } = await openDatabase(loadConfig());
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void> | void> = {
  async backup(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { "pg-dump": { type: "boolean" } },
    });
    const [file, ...rest] = positionals;
    if (!file || rest.length) throw new UsageError("backup needs one FILE.");
    const { backupConfigured, pgDumpConfigured } = await databaseSide();
    if (values["pg-dump"]) {
      print(await pgDumpConfigured(loadConfig(), file));
      return;
    }
    const summary = await backupConfigured(loadConfig(), file);
    // Standard output may be the backup itself.
    if (file === "-") console.error(JSON.stringify(summary));
    else print(summary);
  },

  async restore([file, ...rest]) {
    if (!file || rest.length) throw new UsageError("restore needs one FILE.");
    const { restoreBackup } = await databaseSide();
    const restored = await restoreBackup(loadConfig(), file);
    print(
      restored.format === "pg_dump"
        ? { file, format: restored.format, checkpoints: restored.checkpoints }
        : {
            file,
            format: restored.format,
            madeAt: restored.header.createdAt,
            from: restored.header.engine,
            tables: restored.tables,
            rows: restored.rows,
            checkpoints: restored.checkpoints,
          },
    );
    console.error(
      "Restored. Sessions are not in a backup: everyone signs in again. Run `npm run audit:verify` to check the audit chain (it needs the same AUDIT_KEY).",
    );
  },

  async extract(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: fastOption });
    const [file] = positionals;
    if (!file) throw new UsageError("extract needs a FILE, or - for standard input.");
    // Offsets are into the cleaned text (boilerplate removed), the text the app stores.
    const threshold =
      loadConfig().claimThreshold ?? (values.fast ? FAST_CHECKWORTHY_THRESHOLD : CHECKWORTHY_THRESHOLD);
    const { sentences } = await analyseArticle(readInput(file), { threshold, encoder: !values.fast });
    for (const sentence of sentences)
      print({
        text: sentence.text,
        start: sentence.start,
        end: sentence.end,
        score: round(sentence.score),
        checkworthy: sentence.suggested,
        claimant: sentence.claimant,
      });
  },

  async score(args) {
    const { values } = parseArgs({ args, options: fastOption });
    const scored = await scoreCheckWorthinessAll(stdinLines(), { encoder: !values.fast });
    process.stdout.write(scored.map(({ score }) => `${round(score)}\n`).join(""));
  },

  async worker(args) {
    const { values } = parseArgs({ args, options: { "until-idle": { type: "boolean" } } });
    const { openDatabase, runUntilIdle, startWorkers } = await databaseSide();
    const config = loadConfig();
    const { database } = await openDatabase(config);
    if (values["until-idle"]) {
      await runUntilIdle(database, { config });
      return database.close();
    }
    const workers = await startWorkers(database, { config });
    console.error("Factdesk job workers are running; stop with Ctrl-C or SIGTERM.");
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await workers.stop(); // running jobs finish, or return to the queue at the deadline
    await database.close();
  },

  async ingest(files) {
    if (files.length === 0) throw new UsageError("ingest needs at least one FILE.");
    const threshold = loadConfig().claimThreshold;
    const { articleFromText, createJobQueue, ingestArticle } = await databaseSide();
    await withDatabase(async (db) => {
      const jobs = createJobQueue(db);
      for (const file of files) {
        const result = await ingestArticle(db, jobs, articleFromText(readInput(file)), null, { threshold });
        print({
          file,
          articleId: result.article.id,
          title: result.article.title,
          created: result.created,
          claims: result.claimCount,
        });
      }
    });
  },

  async "import-factchecks"(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { "base-url": { type: "string" } },
    });
    if (positionals.length === 0) throw new UsageError("import-factchecks needs at least one FILE.");
    const { createJobQueue, importFactCheckFile } = await databaseSide();
    await withDatabase(async (db) => {
      // The queue's claims are checked against the import by a job (the app or `factdesk worker`).
      const jobs = createJobQueue(db);
      for (const file of positionals) {
        const baseUrl = values["base-url"];
        const format = [".json", ".jsonld"].includes(extname(file).toLowerCase()) ? "claimreview" : undefined;
        const { skipped, ...result } = await importFactCheckFile(db, readInput(file), {
          format,
          baseUrl,
          actorId: null,
          jobs,
        });
        for (const { at, reason } of skipped) console.error(`${file}: entry ${at} skipped: ${reason}`);
        print({ file, ...result, skipped: skipped.length });
      }
    });
  },

  async match(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { stdin: { type: "boolean" }, claimant: { type: "string" }, on: { type: "string" } },
    });
    const texts = values.stdin ? stdinLines() : positionals.length ? [positionals.join(" ")] : [];
    if (texts.length === 0) throw new UsageError("match needs a TEXT, or --stdin with one text per line.");
    const { claimant, on } = values;
    if (on !== undefined && !ZDay.safeParse(on).success)
      throw new UsageError("--on takes a day: YYYY-MM-DD.");
    const { matchFactChecks } = await databaseSide();
    await withDatabase(async (db) => {
      for (const text of texts) {
        const matches = await matchFactChecks(db, text, 5, { claimant, on });
        print(matches.map(({ id, text, score, url }) => ({ id, text, score, url })));
      }
    });
  },

  async links(args) {
    const { values } = parseArgs({ args, options: { kind: { type: "string" } } });
    const kind = values.kind as TClaimLinkKind | undefined;
    if (kind && !claimLinkKinds.includes(kind))
      throw new UsageError(`--kind must be one of: ${claimLinkKinds.join(", ")}.`);
    const { listAllLinks } = await databaseSide();
    await withDatabase(async (db) => {
      for (const link of await listAllLinks(db, kind ? { kind } : {})) print(link);
    });
  },
};

const [name = "help", ...args] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.log(usage);
  process.exit(["help", "--help", "-h"].includes(name) ? 0 : 2);
}
try {
  await command(args);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
  console.error(`factdesk ${name}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
