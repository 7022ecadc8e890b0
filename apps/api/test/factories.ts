import { randomUUID } from "node:crypto";
import { articles, claims, type Db, sources, users } from "@factdesk/db";
import type { TClaimStatus, TRole, TSourceStance } from "@factdesk/schema";
import { hashPassword } from "../src/domain/auth";
import { createContextInner } from "../src/trpc/init";
import { createCaller } from "../src/trpc/router";

export const PASSWORD = "correct horse battery";
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
  { title = "An article", body = "Intro. The MEK was founded in 1965. Outro." } = {},
) {
  const [article] = await db.insert(articles).values({ title, body, contentHash: randomUUID() }).returning();
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
  } = {},
) {
  const [claim] = await db
    .insert(claims)
    .values({ text, normalizedText: text.toLowerCase(), status, articleId, score, assigneeId })
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

export const callerFor = (db: Db, user: Awaited<ReturnType<typeof makeUser>> | null) =>
  createCaller(createContextInner({ db, user }));
