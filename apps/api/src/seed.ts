import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type DbOrTx, settings, users } from "@factdesk/db";
import { ZRole } from "@factdesk/schema";
import { z } from "zod";
import { articleFromText, ingestArticle } from "./domain/articles";
import { recordEvents } from "./domain/audit";
import { hashPassword } from "./domain/auth";
import { createJobQueue } from "./jobs/queue";

const ZSeedUsers = z.array(z.object({ email: z.email(), name: z.string().min(1), role: ZRole }));
const ZSeedSettings = z.object({
  organisationName: z.string().min(1),
  methodologyFile: z.string().min(1),
  correctionsPolicyFile: z.string().min(1),
});

/** Loads the demo users and seed articles. Safe to run again: nothing is created twice. */
export async function seedDatabase(
  db: DbOrTx,
  options: { dir: string; password: string; threshold?: number | undefined; publicUrl: URL },
) {
  const demoUsers = ZSeedUsers.parse(JSON.parse(readFileSync(join(options.dir, "users.json"), "utf8")));
  const passwordHash = await hashPassword(options.password);
  const newUsers = await db
    .insert(users)
    .values(demoUsers.map((user) => ({ ...user, passwordHash })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  const jobs = createJobQueue(db);
  await recordEvents(
    db,
    newUsers.map(({ id }) => ({
      actorId: null,
      entityType: "user" as const,
      entityId: id,
      action: "created",
    })),
  );

  // The demo desk publishes from the app itself; admins change this under Settings.
  const demo = ZSeedSettings.parse(JSON.parse(readFileSync(join(options.dir, "settings.json"), "utf8")));
  await db
    .insert(settings)
    .values({
      organisationName: demo.organisationName,
      organisationUrl: options.publicUrl.href,
      methodology: readFileSync(join(options.dir, demo.methodologyFile), "utf8"),
      correctionsPolicy: readFileSync(join(options.dir, demo.correctionsPolicyFile), "utf8"),
    })
    .onConflictDoNothing();

  let articles = 0;
  let claims = 0;
  const files = readdirSync(options.dir)
    .filter((name) => name.endsWith(".txt"))
    .sort();
  for (const file of files) {
    const article = articleFromText(readFileSync(join(options.dir, file), "utf8"));
    const result = await ingestArticle(db, jobs, article, null, options);
    if (result.created) {
      articles += 1;
      claims += result.claimCount;
    }
  }
  return { users: newUsers.length, articles, claims, files: files.length, demoUsers };
}

export const isEmpty = async (db: DbOrTx) => (await db.$count(users)) === 0;
