import { useTestDb } from "@factdesk/db/testing";
import type { TRole } from "@factdesk/schema";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter } from "../src/trpc/router";
import { callerFor, makeUser } from "./factories";

const t = useTestDb();

/** Who may call each procedure at all. Data rules (four eyes, own sources) come on top. */
const policy: Record<string, "public" | "authed" | TRole> = {
  "account.requestPasswordReset": "public",
  "account.setLocale": "authed",
  "account.setPassword": "public",
  "account.mailEnabled": "public",
  "account.emailPreferences": "authed",
  "account.setEmailPreferences": "authed",
  "account.twoFactor": "authed",
  "account.startTwoFactor": "authed",
  "account.enableTwoFactor": "authed",
  "account.disableTwoFactor": "authed",
  "article.list": "authed",
  "article.preview": "authed",
  "article.ingest": "authed",
  "article.setLanguage": "authed",
  "assessmentPack.request": "admin",
  "assessmentPack.list": "admin",
  "system.status": "admin",
  "apiKey.list": "admin",
  "apiKey.create": "admin",
  "apiKey.revoke": "admin",
  "system.backUpNow": "admin",
  "system.updateBackupSchedule": "admin",
  "audit.verify": "admin",
  "auth.login": "public",
  "auth.logout": "public",
  "auth.me": "public",
  "auth.changePassword": "authed",
  "claim.list": "authed",
  "claim.counts": "authed",
  "claim.bulk": "authed",
  "claim.get": "authed",
  "claim.transition": "authed",
  "claim.assign": "authed",
  "claim.update": "authed",
  "claim.archive": "authed",
  "claim.comment": "authed",
  "claim.history": "authed",
  "claim.links": "authed",
  "claim.archiveMatches": "authed",
  "claim.decideLinks": "authed",
  "claim.presence": "authed",
  "claim.onChange": "authed",
  "dashboard.get": "authed",
  "editorial.rules": "authed",
  "editorial.updateRules": "admin",
  "editorial.recusals": "authed",
  "editorial.recuse": "editor",
  "editorial.replies": "authed",
  "editorial.recordContact": "authed",
  "editorial.recordResponse": "authed",
  "editorial.waiveReply": "editor",
  "factCheck.import": "editor",
  "factCheck.match": "authed",
  "notification.list": "authed",
  "notification.markRead": "authed",
  "media.get": "authed",
  "media.attachAddress": "authed",
  "media.detach": "authed",
  "feed.list": "authed",
  "feed.add": "editor",
  "feed.remove": "editor",
  "tip.ticket": "public",
  "tip.submit": "public",
  "tip.status": "public",
  "tip.list": "authed",
  "tip.triage": "authed",
  "tip.attach": "authed",
  "tip.createClaim": "authed",
  "tip.decline": "authed",
  "published.list": "public",
  "published.get": "public",
  "ratingScale.list": "authed",
  "ratingScale.update": "admin",
  "savedView.list": "authed",
  "savedView.save": "authed",
  "savedView.remove": "authed",
  "settings.get": "admin",
  "settings.update": "admin",
  "source.add": "authed",
  "source.update": "authed",
  "source.remove": "authed",
  "source.archive": "authed",
  "user.list": "authed",
  "user.create": "admin",
  "user.invite": "admin",
  "user.setRole": "admin",
  "user.deactivate": "admin",
  "user.reactivate": "admin",
  "user.resetPassword": "admin",
  "verdict.get": "authed",
  "verdict.save": "authed",
  "verdict.submit": "authed",
  "verdict.approve": "editor",
  "verdict.withdrawApproval": "editor",
  "verdict.requestChanges": "editor",
  "verdict.publish": "editor",
  "verdict.retract": "editor",
  "verdict.revisions": "authed",
  "verdict.approvalQueue": "editor",
  "webhook.list": "admin",
  "webhook.create": "admin",
  "webhook.remove": "admin",
  "webhook.deliveries": "admin",
};

const actors = ["anonymous", "fact_checker", "editor", "admin"] as const;
const rank = { anonymous: 0, fact_checker: 1, editor: 2, admin: 3 } as const;
const needed = { public: 0, authed: 1, fact_checker: 1, editor: 2, admin: 3 } as const;

describe("authorisation policy", () => {
  const procedures = Object.keys(appRouter._def.procedures).sort();

  it("declares every procedure of the router, and no other", () => {
    expect(procedures).toEqual(Object.keys(policy).sort());
  });

  for (const path of procedures) {
    it(`${path}: ${policy[path] ?? "undeclared"}`, async () => {
      const level = policy[path];
      if (!level) throw new Error(`${path} is missing from the policy table`);
      for (const who of actors) {
        const user = who === "anonymous" ? null : await makeUser(t.db, { role: who });
        const caller = callerFor(t.db, user) as unknown as Record<
          string,
          Record<string, (input: unknown) => unknown>
        >;
        const [group, name] = path.split(".") as [string, string];
        // Input that no procedure accepts: an allowed caller gets past authorisation to validation.
        const outcome = await Promise.resolve()
          .then(() => caller[group]?.[name]?.({ id: "not-an-id" }))
          .then(
            () => "passed",
            (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
          );
        const denied = outcome === "UNAUTHORIZED" || outcome === "FORBIDDEN";
        const expectedDenied = rank[who] < needed[level];
        expect({ path, who, denied, outcome }).toEqual({
          path,
          who,
          denied: expectedDenied,
          outcome: expectedDenied ? (who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN") : outcome,
        });
      }
    });
  }
});
