import { ZSettingsUpdateInput } from "@factdesk/schema";
import { getSettings, updateSettings } from "../../domain/settings";
import { adminProcedure, router } from "../init";

export const settingsRouter = router({
  get: adminProcedure.query(({ ctx }) => getSettings(ctx.db)),
  update: adminProcedure
    .input(ZSettingsUpdateInput)
    .mutation(({ ctx, input }) => updateSettings(ctx.db, ctx.user, input)),
});
