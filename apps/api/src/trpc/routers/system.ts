import { ZBackupScheduleInput } from "@factdesk/schema";
import { backupPlace, backupStatus, requestBackup, updateBackupSchedule } from "../../domain/backups";
import { adminProcedure, router } from "../init";

/** The admins' System page: backups (schedule, "Back up now", the last and the overdue warning). */
export const systemRouter = router({
  status: adminProcedure.query(async ({ ctx }) => ({
    database: ctx.config.database.engine,
    backups: await backupStatus(ctx.db, backupPlace(ctx.config)),
  })),
  backUpNow: adminProcedure.mutation(({ ctx }) => requestBackup(ctx.db, ctx.jobs, ctx.user)),
  updateBackupSchedule: adminProcedure
    .input(ZBackupScheduleInput)
    .mutation(({ ctx, input }) => updateBackupSchedule(ctx.db, ctx.user, input)),
});
