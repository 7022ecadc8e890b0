import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createDb } from "@factdesk/db";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths";

// The installed bin, as `npx factdesk` runs it, on an embedded database in a fresh directory.
const bin = join(repoRoot, "node_modules", ".bin", "factdesk");
const run = promisify(execFile);
const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const work = mkdtempSync(join(tmpdir(), "factdesk-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function factdesk(args: string[], stdin?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      bin,
      args,
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: "", DATA_DIR: join(work, "db") } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? "");
  });
}
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("the factdesk command line", () => {
  it("extracts sentences with offsets and scores, and scores lines in order", async () => {
    const text = "Cookie settings\nThe MEK was founded in 1965 by students. I think that is wonderful!\n";
    const extracted = await factdesk(["extract", "-"], text);
    expect(extracted.code).toBe(0);
    const sentences = jsonLines(extracted.stdout);
    expect(sentences.map((s) => s.text)).toEqual([
      "The MEK was founded in 1965 by students.",
      "I think that is wonderful!",
    ]);
    expect(sentences[0]).toMatchObject({ start: 0, end: 40, checkworthy: true, claimant: null });
    expect(sentences[0].score).toBeGreaterThan(sentences[1].score);
    expect(Object.keys(sentences[0]).sort()).toEqual([
      "checkworthy",
      "claimant",
      "end",
      "score",
      "start",
      "text",
    ]);

    const scored = await factdesk(["score"], "Unemployment fell to 3.5% in 2019.\nWhat a night!\n");
    const scores = scored.stdout.trim().split("\n").map(Number);
    expect(scores).toHaveLength(2);
    expect(scores[0]).toBeGreaterThan(scores[1] ?? 1);
  });

  it("ingests the seeds into an empty directory, lists links, imports and matches fact-checks", async () => {
    const seeds = readdirSync(join(repoRoot, "seeds"))
      .filter((name) => name.endsWith(".txt"))
      .map((name) => join("seeds", name));
    const ingested = await factdesk(["ingest", ...seeds]);
    expect(ingested.code, ingested.stderr).toBe(0);
    const results = jsonLines(ingested.stdout);
    expect(results).toHaveLength(seeds.length);
    expect(results.every((r) => r.created && r.claims > 0)).toBe(true);
    expect(jsonLines((await factdesk(["ingest", seeds[0] ?? ""])).stdout)[0]).toMatchObject({
      created: false,
      claims: 0,
    });

    // Links are suggested by the job workers, not by ingest itself.
    expect((await factdesk(["links"])).stdout.trim()).toBe("");
    expect((await factdesk(["worker", "--until-idle"])).code).toBe(0);
    const contradictions = jsonLines((await factdesk(["links", "--kind", "contradiction"])).stdout);
    expect(contradictions.every((link) => link.kind === "contradiction")).toBe(true);
    expect(contradictions.find((link) => /1963 vs 1965/.test(link.reason))).toMatchObject({
      state: "suggested",
      a: { text: expect.stringMatching(/founded in 196[35]/) },
      b: { text: expect.stringMatching(/founded in 196[35]/) },
    });

    const csv = join(work, "archive.csv");
    writeFileSync(
      csv,
      'text,rating,url,date\n"The MEK was founded in 1965 by leftist students.",True,https://checks.example/mek-founding,2019-05-02\n',
    );
    expect(jsonLines((await factdesk(["import-factchecks", csv])).stdout)[0]).toMatchObject({
      imported: 1,
      skipped: 0,
    });
    const matched = await factdesk(["match", "--stdin"], "When was the MEK founded? In 1965.\nzzzz\n");
    const [first, second] = jsonLines(matched.stdout);
    expect(first[0]).toMatchObject({
      text: "The MEK was founded in 1965 by leftist students.",
      url: "https://checks.example/mek-founding",
    });
    expect(Object.keys(first[0]).sort()).toEqual(["id", "score", "text", "url"]);
    expect(second).toEqual([]);
    const dated = await factdesk(["match", "--claimant", "Rajavi", "--on", "2019-05-01", "MEK founded 1965"]);
    expect(jsonLines(dated.stdout)[0][0]).toMatchObject({ url: "https://checks.example/mek-founding" });
    const undated = await factdesk(["match", "--on", "May 2019", "MEK founded 1965"]);
    expect(undated).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--on takes a day: YYYY-MM-DD."),
    });
  });

  it("moves the desk from the embedded database to PostgreSQL in one line, never while another process has it", async () => {
    // The database of the ingest test above, held open here as the app would hold it.
    const held = await createDb({ engine: "pglite", dataDir: join(work, "db") });
    const refused = await factdesk(["backup", join(work, "x.jsonl.gz")]);
    await held.close();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`is in use by process ${process.pid}`);
    const nowhere = await run(bin, ["backup", join(work, "y.jsonl.gz")], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: join(work, "no-such-desk") },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(nowhere).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("There is no embedded database in"),
    });

    const server = new pg.Client({ connectionString: serverUrl });
    await server.connect();
    const name = `factdesk_cli_move_${randomBytes(4).toString("hex")}`;
    await server.query(`create database ${name}`);
    try {
      const target = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
      const moved = await run(
        "sh",
        ["-c", `"${bin}" backup - | DATABASE_URL="${target}" "${bin}" restore -`],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: "", DATA_DIR: join(work, "db") },
        },
      );
      expect(JSON.parse(moved.stdout)).toMatchObject({ file: "-", from: "pglite", rows: expect.any(Number) });
      const copy = new pg.Client({ connectionString: target });
      await copy.connect();
      const { rows } = await copy.query(
        "select (select count(*) from claims)::int as claims, (select count(*) from fact_checks)::int as checks",
      );
      await copy.end();
      const original = await createDb({ engine: "pglite", dataDir: join(work, "db") });
      const [counts] = (
        await original.query({
          text: "select (select count(*) from claims)::int as claims, (select count(*) from fact_checks)::int as checks",
          values: [],
        })
      ).rows;
      await original.close();
      expect(rows[0]).toEqual(counts);
      expect(rows[0].claims).toBeGreaterThan(0);
    } finally {
      await server.query(`drop database if exists ${name} with (force)`);
      await server.end();
    }
  });

  it("explains wrong usage with exit code 2", async () => {
    const result = await factdesk(["links", "--kind", "nonsense"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--kind must be one of: duplicate, contradiction, related/);
    expect((await factdesk(["frobnicate"])).code).toBe(2);
  });
}, 180_000);
