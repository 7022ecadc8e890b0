import { ZFactCheckImportInput, ZFactCheckMatchInput } from "@factdesk/schema";
import { importFactCheckFile, matchFactChecks } from "../../domain/fact-checks";
import { editorProcedure, router, spending } from "../init";

/** The archive of past fact-checks: editors import it, everyone on the desk searches it. */
export const factCheckRouter = router({
  import: editorProcedure
    .input(ZFactCheckImportInput)
    .mutation(({ ctx, input }) =>
      importFactCheckFile(ctx.db, input.content, { ...input, actorId: ctx.user.id, jobs: ctx.jobs }),
    ),
  match: spending("match")
    .input(ZFactCheckMatchInput)
    .query(({ ctx, input: { text, limit, ...context } }) => matchFactChecks(ctx.db, text, limit, context)),
});
