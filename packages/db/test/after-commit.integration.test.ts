import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { notifyOnCommit } from "../src";
import { useTestDb } from "../src/testing";

const t = useTestDb();
const channel = "after_commit_test";
let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

async function listening() {
  const heard: string[] = [];
  stop = await t.handle.listen(channel, (payload) => heard.push(payload));
  return heard;
}

describe("notices after commit", () => {
  it("announces a transaction's notices once it has committed, and none of one rolled back", async () => {
    const heard = await listening();
    await t.db
      .transaction(async (tx) => {
        await notifyOnCommit(tx, channel, "rolled back");
        throw new Error("undo");
      })
      .catch(() => undefined);
    let heardDuring: string[] = [];
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await notifyOnCommit(tx, channel, "first");
      await notifyOnCommit(tx, channel, "second");
      heardDuring = [...heard];
    });
    // A notice sent outside any transaction of ours comes after: nothing is left behind.
    await notifyOnCommit(t.db, channel, "last");
    await expect.poll(() => heard.at(-1)).toBe("last");
    expect(heardDuring).toEqual([]);
    expect(heard).toEqual(["first", "second", "last"]);
  });

  it("batches the notices of transactions committing together, none lost", async () => {
    const heard = await listening();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await tx.execute(sql`select ${i}`);
          await notifyOnCommit(tx, channel, `change ${i}`);
        }),
      ),
    );
    await notifyOnCommit(t.db, channel, "marker");
    await expect.poll(() => heard.at(-1)).toBe("marker");
    expect(heard.slice(0, -1).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `change ${i}`).sort());
  });
});
