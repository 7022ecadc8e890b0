import { type DbOrTx, policyPages, policyVersions, settings, type TPolicyPage } from "@factdesk/db";
import { DomainError, type TActor, type TSettingsUpdateInput } from "@factdesk/schema";
import { desc, eq } from "drizzle-orm";
import { recordEvent } from "./audit";

/** The settings row's identity in the audit log (the table holds one row). */
const SETTINGS_ENTITY_ID = "00000000-0000-4000-8000-000000000001";

export type TSettings = typeof settings.$inferSelect;

const defaults: TSettings = {
  id: 1,
  organisationName: null,
  organisationUrl: null,
  logoUrl: null,
  publicUrl: null,
  methodology: "",
  correctionsPolicy: "",
  tipConsent: "",
  about: "",
  funding: "",
  requireTwoFactor: false,
  publicLocale: "en",
  version: 0,
  updatedBy: null,
  updatedAt: new Date(0),
};

/** The organisation's settings; version 0 until an admin first saves them. */
export async function getSettings(db: DbOrTx): Promise<TSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  return row ?? defaults;
}

/** The address canonical URLs start from: the admin's setting, else PUBLIC_URL. */
export const publicBase = (current: TSettings, configured: URL) =>
  new URL(current.publicUrl ?? configured.href);

/** What every public page and ClaimReview knows: who publishes, and where. */
export interface TSite {
  settings: TSettings;
  base: URL;
}

/** The site as it stands: the settings, read once, and the address links start from. */
export async function siteOf(db: DbOrTx, configured: URL): Promise<TSite> {
  const current = await getSettings(db);
  return { settings: current, base: publicBase(current, configured) };
}

/** Saves the settings if nobody else did since the version the admin saw. */
export async function updateSettings(db: DbOrTx, actor: TActor, input: TSettingsUpdateInput) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(settings).where(eq(settings.id, 1)).for("update");
    const seen = current?.version ?? 0;
    if (seen !== input.version) {
      throw new DomainError(
        "CONFLICT",
        `Someone changed the settings since you opened them (you saw version ${input.version}, they are now at ${seen}). Review the changes and try again.`,
        { current },
      );
    }
    const { version: _seen, ...values } = input;
    const row = { ...values, version: seen + 1, updatedBy: actor.id };
    const [saved] = await tx
      .insert(settings)
      .values({ id: 1, ...row })
      .onConflictDoUpdate({ target: settings.id, set: row })
      .returning();
    if (!saved) throw new Error("Settings vanished on save.");
    const changed = Object.keys(values).filter(
      (key) => (current ?? defaults)[key as keyof TSettings] !== values[key as keyof typeof values],
    );
    // Every text of a public policy page is kept: assessors ask for their change history.
    const versions = policyPages.filter((page) => changed.includes(page));
    if (versions.length)
      await tx
        .insert(policyVersions)
        .values(versions.map((page) => ({ page, body: saved[page], updatedBy: actor.id })));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "settings",
      entityId: SETTINGS_ENTITY_ID,
      action: "settings_updated",
      data: { changed },
    });
    return saved;
  });
}

/** The public policy pages, where they live and what they are called. */
export const publicPolicyPages: { path: string; title: string; page: TPolicyPage }[] = [
  { path: "/methodology", title: "Methodology", page: "methodology" },
  { path: "/corrections-policy", title: "Corrections policy", page: "correctionsPolicy" },
  { path: "/about", title: "About us", page: "about" },
  { path: "/funding", title: "Funding", page: "funding" },
];

/** Every saved text of a policy page, newest first. */
export async function policyHistory(db: DbOrTx, page: TPolicyPage) {
  return db
    .select({
      body: policyVersions.body,
      createdAt: policyVersions.createdAt,
      updatedBy: policyVersions.updatedBy,
    })
    .from(policyVersions)
    .where(eq(policyVersions.page, page))
    .orderBy(desc(policyVersions.createdAt));
}

/** When a policy page's text last changed; null until it was first written. */
export async function policyUpdatedAt(db: DbOrTx, page: TPolicyPage) {
  const [newest] = await db
    .select({ at: policyVersions.createdAt })
    .from(policyVersions)
    .where(eq(policyVersions.page, page))
    .orderBy(desc(policyVersions.createdAt))
    .limit(1);
  return newest?.at ?? null;
}
