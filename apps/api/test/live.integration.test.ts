import { useTestDb } from "@factdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenForChanges, type TChange } from "../src/live";
import { createContextInner } from "../src/trpc/init";
import { createCaller } from "../src/trpc/router";
import { callerFor, makeClaim, makeUser, testConfig } from "./factories";

const t = useTestDb();
let live: Awaited<ReturnType<typeof listenForChanges>>;
beforeAll(async () => {
  live = await listenForChanges(t.handle);
});
afterAll(() => live.stop());

/** Collects what a subscriber receives until `count` changes arrived. */
async function receive(iterable: AsyncIterable<TChange>, count: number) {
  const received: TChange[] = [];
  for await (const change of iterable) {
    received.push(change);
    if (received.length === count) break;
  }
  return received;
}

describe("claim.onChange", () => {
  it("delivers committed changes of the watched claim through LISTEN/NOTIFY, and no others", async () => {
    const [checker, watcher] = [await makeUser(t.db), await makeUser(t.db)];
    const [watched, other] = [await makeClaim(t.db), await makeClaim(t.db)];
    const subscriber = createCaller(
      createContextInner({ db: t.db, config: testConfig, user: watcher, changes: live.feed }),
    );
    const stream = await subscriber.claim.onChange({ claimId: watched.id });
    const arriving = receive(stream, 2);

    const actor = callerFor(t.db, checker);
    await actor.claim.comment({ claimId: other.id, body: "Not this one." });
    await actor.source.add({
      claimId: watched.id,
      url: "https://example.org/a",
      title: "A source",
      stance: "supports",
    });
    await actor.claim.transition({ id: watched.id, to: "sourced", version: 1 });

    expect(await arriving).toEqual([
      expect.objectContaining({ entityType: "source", action: "source_added", claimId: watched.id }),
      { entityType: "claim", entityId: watched.id, action: "status_changed", claimId: watched.id },
    ]);
  });

  it("tells nothing about a change that was rolled back", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    const subscriber = createCaller(
      createContextInner({ db: t.db, config: testConfig, user: checker, changes: live.feed }),
    );
    const arriving = receive(await subscriber.claim.onChange({ claimId: claim.id }), 1);

    // Refused (no source yet): nothing committed, nothing announced.
    await expect(
      callerFor(t.db, checker).claim.transition({ id: claim.id, to: "sourced", version: 1 }),
    ).rejects.toThrow();
    await callerFor(t.db, checker).claim.comment({ claimId: claim.id, body: "Looking for sources." });

    expect(await arriving).toEqual([expect.objectContaining({ entityType: "comment", action: "commented" })]);
  });
});
