import { createDb, migrationsJournal, verdictPublications } from "@factdesk/db";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyAudit } from "../src/domain/audit";
import { getApprovalRules } from "../src/domain/editorial-rules";
import { siteOf } from "../src/domain/settings";
import { publicVerdict } from "../src/public/verdicts";
import { callerFor, makeUser } from "./factories";

// The tests here use the embedded database alone: a pass on PostgreSQL would repeat them unchanged.
const onPostgresPass = Boolean(process.env.TEST_DATABASE_URL);

/** How many migrations a release had: those up to and including `tag`. */
const levelOf = (tag: string) => migrationsJournal().entries.findIndex((entry) => entry.tag === tag) + 1;

describe.skipIf(onPostgresPass)("upgrading a desk from before snapshots and the keyed audit chain", () => {
  it("backfills what readers see, keeps the old audit history verifiable and chains on with the key", async () => {
    const handle = await createDb({ engine: "pglite" });
    try {
      await handle.migrate({ upTo: levelOf("0014_claim_presence") });
      // A published verdict and its history as the previous version wrote them.
      const statements = `
        insert into settings (organisation_name, organisation_url) values ('Old Desk', 'https://old.example/');
        insert into users (id, email, name, role, password_hash) values
          ('00000000-0000-4000-8000-000000000001', 'c@x.test', 'Carla', 'fact_checker', 'x'),
          ('00000000-0000-4000-8000-000000000002', 'e@x.test', 'Eden', 'editor', 'x');
        insert into articles (id, title, body, url, content_hash) values
          ('00000000-0000-4000-8000-0000000000a1', 'Where', 'The MEK was founded in 1963.', 'https://news.example/a', 'h');
        insert into claims (id, text, normalized_text, article_id, claimant, status) values
          ('00000000-0000-4000-8000-0000000000c1', 'The MEK was founded in 1963.', 'the mek was founded in 1963.',
           '00000000-0000-4000-8000-0000000000a1', 'Example Times', 'sourced');
        insert into sources (id, claim_id, url, title, stance, added_by) values
          ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000c1',
           'https://www.britannica.com/x', 'Britannica', 'refutes', '00000000-0000-4000-8000-000000000001');
        insert into verdicts (id, claim_id, state, author_id, approver_id, slug, published_at) values
          ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000c1', 'published',
           '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'founded-1965', now());
        insert into verdict_revisions (id, verdict_id, number, rating, headline, explanation, source_ids, author_id) values
          ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000d1', 1, 'false',
           'Founded in 1965, not 1963', 'Britannica says 1965.', '{00000000-0000-4000-8000-0000000000f1}',
           '00000000-0000-4000-8000-000000000001');
        update verdicts set current_revision_id = '00000000-0000-4000-8000-0000000000e1',
          published_revision_id = '00000000-0000-4000-8000-0000000000e1';
        insert into verdict_publications (verdict_id, revision_id, approver_id, publisher_id) values
          ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000e1',
           '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000002');
        insert into events (entity_type, entity_id, action) values
          ('claim', '00000000-0000-4000-8000-0000000000c1', 'created'),
          ('verdict', '00000000-0000-4000-8000-0000000000d1', 'verdict_published')`;
      for (const statement of statements.split(";\n")) await handle.db.execute(sql.raw(statement));

      await handle.migrate();

      const [publication] = await handle.db.select().from(verdictPublications);
      expect(publication?.snapshot).toMatchObject({
        claim: { text: "The MEK was founded in 1963.", claimant: "Example Times" },
        revision: { headline: "Founded in 1965, not 1963", number: 1 },
        rating: { key: "false", label: "False" },
        sources: [{ title: "Britannica", stance: "refutes" }],
        appearance: { url: "https://news.example/a" },
      });
      const page = await publicVerdict(
        handle.db,
        "founded-1965",
        await siteOf(handle.db, new URL("https://old.example/")),
      );
      expect(page?.claimReview?.claimReviewed).toBe("The MEK was founded in 1963.");

      // The old SHA-256 events stay a verified prefix; new events chain on with the key.
      expect(await verifyAudit(handle.db)).toMatchObject({ ok: true, events: 2 });
      await callerFor(handle.db, await makeUser(handle.db, { role: "admin" })).user.create({
        email: "new@x.test",
        name: "New",
        role: "editor",
        password: "a long enough password",
      });
      expect(await verifyAudit(handle.db)).toMatchObject({ ok: true, events: 3 });
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(onPostgresPass)("upgrading a desk of the previous release", () => {
  it("keeps its rules, tips and claims, and gains what the new release adds", async () => {
    const previous = migrationsJournal().entries.length - 1;
    const handle = await createDb({ engine: "pglite" });
    try {
      await handle.migrate({ upTo: previous });
      const statements = `
        insert into settings (organisation_name, organisation_url) values ('Last Release Desk', 'https://last.example/');
        insert into users (id, email, name, role, password_hash) values
          ('00000000-0000-4000-8000-000000000001', 'c@x.test', 'Carla', 'fact_checker', 'x'),
          ('00000000-0000-4000-8000-000000000002', 'e@x.test', 'Eden', 'editor', 'x');
        insert into approval_rules (rules, version) values ('{"approvers": 2, "minSources": 1}', 3);
        insert into tips (statement, code, consent_text) values ('The bridge cost twice as much.', 'code-0001', 'We may contact you.');
        insert into articles (id, title, body, url, content_hash) values
          ('00000000-0000-4000-8000-0000000000a1', 'Where', 'The MEK was founded in 1963.', 'https://news.example/a', 'h');
        insert into claims (id, text, normalized_text, article_id, claimant, status) values
          ('00000000-0000-4000-8000-0000000000c1', 'The MEK was founded in 1963.', 'the mek was founded in 1963.',
           '00000000-0000-4000-8000-0000000000a1', 'Example Times', 'sourced')`;
      for (const statement of statements.split(";\n")) await handle.db.execute(sql.raw(statement));

      await handle.migrate();

      expect(await handle.migrationsBehind()).toBe(0);
      expect(await getApprovalRules(handle.db)).toMatchObject({
        rules: { approvers: 2, minSources: 1 },
        version: 3,
      });
      const admin = await makeUser(handle.db, { role: "admin" });
      const asAdmin = callerFor(handle.db, admin);
      expect((await asAdmin.tip.list({})).flatMap((group) => group.tips.map((tip) => tip.statement))).toEqual(
        ["The bridge cost twice as much."],
      );
      expect((await asAdmin.claim.list({})).items.map((claim) => claim.text)).toEqual([
        "The MEK was founded in 1963.",
      ]);
      expect((await asAdmin.system.status()).backups).toMatchObject({
        schedule: { everyHours: 24, keep: 7 },
      });
    } finally {
      await handle.close();
    }
  });
});
