import { describe, it } from "vitest";
import { playJourney } from "./journey-flow";
import { useRunningApp } from "./server";

const running = useRunningApp();

describe("the newsroom journey", () => {
  it("goes from an ingested article to a verdict a reader opens, through review and revision", async () => {
    await playJourney(running, {
      viewport: { width: 1280, height: 800 },
      screenshots: new URL("./screenshots/journey/", import.meta.url).pathname,
    });
  });
});
