import { parseFactCheckFile } from "@factdesk/claims";
import { DomainError, ZFactCheckImportInput, ZFactCheckMatchInput } from "@factdesk/schema";
import { importFactChecks, matchFactChecks } from "../../domain/fact-checks";
import { editorProcedure, router, spending } from "../init";

/** The archive of past fact-checks: editors import it, everyone on the desk searches it. */
export const factCheckRouter = router({
  import: editorProcedure.input(ZFactCheckImportInput).mutation(async ({ ctx, input }) => {
    const parsed = parseFactCheckFile(input.content, input);
    if (parsed.records.length === 0) {
      const reason = parsed.skipped[0]?.reason ?? "it holds no fact-checks";
      throw new DomainError("BAD_REQUEST", `Nothing to import: ${reason}.`);
    }
    const result = await importFactChecks(ctx.db, parsed.records, ctx.user.id, { jobs: ctx.jobs });
    return { ...result, skipped: parsed.skipped };
  }),
  match: spending("match")
    .input(ZFactCheckMatchInput)
    .query(({ ctx, input }) => matchFactChecks(ctx.db, input.text, input.limit)),
});
