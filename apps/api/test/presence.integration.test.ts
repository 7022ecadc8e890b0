import { claimPresence } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import type { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CHANGES_CHANNEL } from "../src/domain/audit";
import { callerFor, makeClaim, makeUser } from "./factories";

const t = useTestDb();

describe("presence on a claim", () => {
  it("shows colleagues who has a claim open and who is typing, until they leave or go quiet", async () => {
    const editor = await makeUser(t.db, { role: "editor", name: "Eden Editor" });
    const checker = await makeUser(t.db, { name: "Casey Checker" });
    const claim = await makeClaim(t.db, { text: "The camp held 3,000 residents in 2013." });
    const asEditor = callerFor(t.db, editor);
    const asChecker = callerFor(t.db, checker);
    const presentInQueue = async () =>
      (await asChecker.claim.list({})).items.find((row) => row.id === claim.id)?.present;

    await asEditor.claim.presence({ claimId: claim.id, here: true });
    await asChecker.claim.presence({ claimId: claim.id, here: true });
    expect(await presentInQueue()).toEqual([{ userId: editor.id, name: "Eden Editor", editing: false }]);

    await asEditor.claim.presence({ claimId: claim.id, here: true, editing: true });
    expect((await asChecker.claim.get({ id: claim.id })).present).toEqual([
      { userId: editor.id, name: "Eden Editor", editing: true },
    ]);
    // Nobody is shown to themselves.
    expect((await asEditor.claim.get({ id: claim.id })).present).toEqual([
      { userId: checker.id, name: "Casey Checker", editing: false },
    ]);

    await asEditor.claim.presence({ claimId: claim.id, here: false });
    expect(await presentInQueue()).toEqual([]);

    // A browser that stopped reporting (closed laptop) stops showing after the window.
    await asEditor.claim.presence({ claimId: claim.id, here: true });
    await t.db.update(claimPresence).set({ seenAt: sql`now() - interval '2 minutes'` });
    expect(await presentInQueue()).toEqual([]);
  });

  it("announces arrivals, departures and typing live, but not every heartbeat", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const claim = await makeClaim(t.db);
    const asEditor = callerFor(t.db, editor);
    const heard: string[] = [];
    const stop = await t.handle.listen(CHANGES_CHANNEL, (payload) => heard.push(payload));
    try {
      await asEditor.claim.presence({ claimId: claim.id, here: true });
      await asEditor.claim.presence({ claimId: claim.id, here: true });
      await asEditor.claim.presence({ claimId: claim.id, here: true, editing: true });
      await asEditor.claim.presence({ claimId: claim.id, here: false });
      // NOTIFYs arrive in commit order: once the marker is heard, everything before it has been.
      await t.db.execute(sql`select pg_notify(${CHANGES_CHANNEL}, 'marker')`);
      await expect.poll(() => heard.at(-1)).toBe("marker");
      expect(heard).toHaveLength(4);
      expect(JSON.parse(heard[0] ?? "{}")).toEqual({
        changed: [{ entityType: "claim", entityId: claim.id, action: "presence", claimId: claim.id }],
      });
    } finally {
      await stop();
    }
  });

  it("refuses an unknown claim and anonymous callers", async () => {
    const checker = await makeUser(t.db);
    const missing = "00000000-0000-4000-8000-000000000000";
    const error = await callerFor(t.db, checker)
      .claim.presence({ claimId: missing, here: true })
      .catch((e: TRPCError) => e);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    const anonymous = await callerFor(t.db, null)
      .claim.presence({ claimId: missing, here: true })
      .catch((e: TRPCError) => e);
    expect((anonymous as TRPCError).code).toBe("UNAUTHORIZED");
  });
});
