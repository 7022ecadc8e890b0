import { describe, it } from "vitest";
import { playJourney } from "./journey-flow";
import { useRunningApp } from "./server";

// The same journey on a phone (390 × 844), on its own fresh desk.
const running = useRunningApp();

describe("the newsroom journey on a phone", () => {
  it("goes from an ingested article to a published verdict at 390 px, every screen fitting", async () => {
    await playJourney(running, {
      viewport: { width: 390, height: 844 },
      screenshots: new URL("./screenshots/journey-phone/", import.meta.url).pathname,
    });
  });
});
