import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { articles, claims, type Db, settings, sources, users } from "@factdesk/db";
import type { TClaimPriority, TClaimStatus, TMediaRating, TRole, TSourceStance } from "@factdesk/schema";
import { eq } from "drizzle-orm";
import { loadConfig } from "../src/config";
import { hashPassword } from "../src/domain/auth";
import { createContextInner } from "../src/trpc/init";
import { createCaller } from "../src/trpc/router";
import { TEST_AUDIT_KEY } from "./setup";

export const PASSWORD = "correct horse battery";
/** The app's configuration as a fresh install has it, read by the app's own loader. */
export const testConfig = loadConfig({
  WEB_DIST: "/nonexistent",
  SESSION_TTL_HOURS: "1",
  WEBHOOK_RETRY_SECONDS: "1", // a failed delivery is retried within seconds
  AUDIT_KEY: TEST_AUDIT_KEY,
  AUDIT_CHECKPOINT_FILE: join(tmpdir(), `factdesk-test-checkpoints-${process.pid}.jsonl`),
  BACKUP_DIR: join(tmpdir(), `factdesk-test-backups-${process.pid}`),
});
// Hashing is deliberately slow; every factory user shares one hash.
const passwordHash = hashPassword(PASSWORD);

export async function makeUser(
  db: Db,
  { role = "fact_checker" as TRole, name = "Test User", active = true } = {},
) {
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID().slice(0, 8)}@factdesk.test`,
      name,
      role,
      active,
      passwordHash: await passwordHash,
    })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  if (!user) throw new Error("makeUser: nothing inserted");
  return user;
}

export async function makeArticle(
  db: Db,
  {
    title = "An article",
    body = "Intro. The MEK was founded in 1965. Outro.",
    createdAt = undefined as Date | undefined,
  } = {},
) {
  const [article] = await db
    .insert(articles)
    .values({ title, body, contentHash: randomUUID(), createdAt })
    .returning();
  if (!article) throw new Error("makeArticle: nothing inserted");
  return article;
}

export async function makeClaim(
  db: Db,
  {
    status = "unverified" as TClaimStatus,
    text = "The MEK was founded in 1965.",
    articleId = null as string | null,
    score = 0.5,
    assigneeId = null as string | null,
    priority = "normal" as TClaimPriority,
    createdAt = undefined as Date | undefined,
  } = {},
) {
  const [claim] = await db
    .insert(claims)
    .values({
      text,
      normalizedText: text.toLowerCase(),
      status,
      articleId,
      score,
      assigneeId,
      priority,
      createdAt,
    })
    .returning();
  if (!claim) throw new Error("makeClaim: nothing inserted");
  return claim;
}

export async function makeSource(
  db: Db,
  claimId: string,
  addedBy: string,
  { stance = "supports" as TSourceStance } = {},
) {
  const [source] = await db
    .insert(sources)
    .values({ claimId, addedBy, stance, url: "https://example.org/report", title: "A report" })
    .returning();
  if (!source) throw new Error("makeSource: nothing inserted");
  return source;
}

export const callerFor = (db: Db, user: Awaited<ReturnType<typeof makeUser>> | null, config = testConfig) =>
  createCaller(createContextInner({ db, config, user }));

/** The test configuration with outbound requests allowed to reach these (local) hosts. */
export const allowingHosts = (...allowHosts: string[]) => ({
  ...testConfig,
  fetch: { ...testConfig.fetch, allowHosts },
});

/** The organisation settings ClaimReview needs before anything can be published. */
export async function configureOrganisation(db: Db, values: Partial<typeof settings.$inferInsert> = {}) {
  const row = { organisationName: "Test Checks", organisationUrl: "https://checks.example/", ...values };
  await db.insert(settings).values(row).onConflictDoUpdate({ target: settings.id, set: row });
}

/**
 * A verdict taken through the real workflow to publication: a checker sources the claim and
 * drafts, an editor approves and publishes. Returns the callers to carry on (corrections).
 */
export async function publishVerdict(
  db: Db,
  {
    claimText = "The MEK was founded in 1963.",
    claimant = "Example Times",
    headline = "The MEK was founded in 1965, not 1963",
    explanation = "Britannica says **1965**.",
    sourceTitle = "Britannica: Mujahideen-e-Khalq",
    summary = "Britannica and the group's own histories date it to 1965.",
    rating = "false",
    mediaRating = undefined as TMediaRating | undefined,
    beforeSubmit = async (_claimId: string, _caller: ReturnType<typeof callerFor>) => {},
  } = {},
) {
  await configureOrganisation(db);
  const checker = await makeUser(db, { name: "Carla Checker" });
  const editor = await makeUser(db, { role: "editor", name: "Eden Editor" });
  const [article] = await db
    .insert(articles)
    .values({
      title: "Where the claim appeared",
      body: claimText,
      url: "https://news.example/mek",
      outlet: "Example Times",
      contentHash: randomUUID(),
    })
    .returning();
  const claim = await makeClaim(db, { text: claimText, articleId: article?.id ?? null });
  await db.update(claims).set({ claimant }).where(eq(claims.id, claim.id));
  const asChecker = callerFor(db, checker);
  const asEditor = callerFor(db, editor);
  const source = await asChecker.source.add({
    claimId: claim.id,
    url: "https://www.britannica.com/topic/Mujahideen-e-Khalq",
    title: sourceTitle,
    excerpt: "founded in 1965",
    stance: "refutes",
  });
  await asChecker.claim.transition({ id: claim.id, to: "sourced", version: 1 });
  await beforeSubmit(claim.id, asChecker);
  const saved = await asChecker.verdict.save({
    claimId: claim.id,
    baseRevision: 0,
    rating,
    ...(mediaRating ? { mediaRating } : {}),
    headline,
    summary,
    explanation,
    sourceIds: [source.id],
  });
  let verdict = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
  verdict = await asEditor.verdict.approve({ id: verdict.id, version: verdict.version });
  verdict = await asEditor.verdict.publish({ id: verdict.id, version: verdict.version });
  return { verdict, claim, source, checker, editor, asChecker, asEditor };
}

/** Waits (polling) until `condition` holds, or fails after `ms`: for work that happens in the background. */
export async function until(condition: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
