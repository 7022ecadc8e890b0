import { inEnglish, sayIn } from "@factdesk/schema";
import { describe, expect, it } from "vitest";
import { describeEvent as describe_ } from "./describe-event";

const describeEvent = (text: Parameters<typeof describe_>[0]) => describe_(text, inEnglish);

const event = (action: string, more: Partial<Parameters<typeof describeEvent>[0]> = {}) => ({
  action,
  from: null,
  to: null,
  data: {},
  ...more,
});

describe("describeEvent", () => {
  it("names people, not their ids", () => {
    const id = "f2c17f38-4d5e-4c55-9c1e-8f1b2a3c4d5e";
    expect(describeEvent(event("assigned", { to: id, toName: "Eden Editor" }))).toBe(
      "assigned it to Eden Editor",
    );
    expect(
      describeEvent(
        event("assigned", { from: id, fromName: "Eden Editor", to: "x", toName: "Casey Checker" }),
      ),
    ).toBe("reassigned it from Eden Editor to Casey Checker");
    expect(describeEvent(event("assigned", { from: id, fromName: "Eden Editor" }))).toBe(
      "unassigned it (was Eden Editor)",
    );
  });

  it("speaks in labels and says why", () => {
    expect(
      describeEvent(
        event("status_changed", { from: "sourced", to: "unverified", data: { reason: "Wrong source" } }),
      ),
    ).toBe("moved it from Sourced to Unverified: “Wrong source”");
    expect(
      describeEvent(
        event("edited", { data: { before: { priority: "normal" }, after: { priority: "urgent" } } }),
      ),
    ).toBe("edited priority Normal → Urgent");
    expect(
      describeEvent(
        event("edited", {
          data: {
            before: { statedOn: null, claimantKind: null },
            after: { statedOn: "2019-03-05", claimantKind: "organisation" },
          },
        }),
      ),
    ).toBe(
      "edited the day it was made (not known → 2019-03-05), whether the claimant is a person or an organisation",
    );
    expect(describeEvent(event("verdict_changes_requested", { data: { reason: "Cite the register" } }))).toBe(
      "asked for changes to the verdict: “Cite the register”",
    );
    expect(describeEvent(event("link_confirmed"))).toBe("confirmed a link to another claim");
  });

  it("speaks the reader's language", () => {
    const spanish = sayIn("es");
    expect(
      describe_(
        event("status_changed", { from: "sourced", to: "unverified", data: { reason: "Fuente errónea" } }),
        spanish,
      ),
    ).toBe("la pasó de Con fuentes a Sin verificar: “Fuente errónea”");
    expect(describe_(event("assigned", { to: "x", toName: "Eden" }), sayIn("fr"))).toBe(
      "l'a attribuée à Eden",
    );
    expect(describe_(event("edited", { data: { after: { text: "…" } } }), spanish)).toBe(
      "editó la redacción",
    );
  });
});
