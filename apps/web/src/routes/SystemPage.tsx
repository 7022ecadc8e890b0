import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { ApiKeys } from "../components/ApiKeys";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { fileSize } from "../lib/file-size";
import { useT } from "../lib/i18n";
import { fieldError, queryClient, trpc } from "../lib/trpc";

/** Admins: the desk's backups (when the last one was made, the schedule, "Back up now") and the public API's keys. */
export function SystemPage() {
  const t = useT();
  const status = useQuery({
    ...trpc.system.status.queryOptions(),
    // While a backup is being made, look again until it is done.
    refetchInterval: (query) => (query.state.data?.backups.running ? 2000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.system.pathKey() });
  const backUp = useMutation(trpc.system.backUpNow.mutationOptions({ onSettled: refresh }));
  const save = useMutation(trpc.system.updateBackupSchedule.mutationOptions({ onSettled: refresh }));
  const id = useId();
  const backups = status.data?.backups;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    save.mutate({
      everyHours: Number(data.get("everyHours")),
      keep: Number(data.get("keep")),
      version: backups?.schedule.version ?? 0,
    });
  };

  return (
    <section>
      <title>{t("system.pageTitle")}</title>
      <h1>{t("app.nav.system")}</h1>
      <FormError error={status.error} />
      {backups && (
        <>
          <h2>{t("system.backups")}</h2>
          {backups.overdue && (
            <p className="notice" role="alert">
              {t("system.overdue")}{" "}
              {backups.lastSuccess?.finishedAt ? (
                <>
                  {t("system.lastFinished")} <Timestamp value={backups.lastSuccess.finishedAt} />
                </>
              ) : (
                t("system.noneMade")
              )}
              {t("system.overdueSchedule", { hours: backups.schedule.everyHours })}
            </p>
          )}
          {backups.schedule.everyHours === 0 && (
            <p className="notice" role="status">
              {t("system.off")} <code>factdesk backup</code> {t("system.offEnd")}
            </p>
          )}
          <dl className="facts">
            <dt>{t("system.last")}</dt>
            <dd>
              {backups.lastSuccess?.finishedAt ? (
                <>
                  <Timestamp value={backups.lastSuccess.finishedAt} />,{" "}
                  {fileSize(backups.lastSuccess.bytes ?? 0)} (<code>{backups.lastSuccess.file}</code>)
                </>
              ) : (
                t("system.noneYet")
              )}
            </dd>
            <dt>{t("system.next")}</dt>
            <dd>
              {backups.nextDueAt ? (
                <>
                  <Timestamp value={backups.nextDueAt} /> {t("system.quarterHour")}
                </>
              ) : (
                t("system.noneScheduled")
              )}
            </dd>
            <dt>{t("system.folder")}</dt>
            <dd>
              <code>{backups.folder}</code> {t("system.folderWhere")} (<code>BACKUP_DIR</code>)
            </dd>
            <dt>{t("system.database")}</dt>
            <dd>{status.data?.database === "pglite" ? t("system.embedded") : "PostgreSQL"}</dd>
          </dl>
          <p>
            <button
              type="button"
              disabled={backUp.isPending || Boolean(backups.running)}
              onClick={() => backUp.mutate()}
            >
              {t("system.backUpNow")}
            </button>{" "}
            {backups.running && (
              <span role="status">
                {t("system.running")} <Timestamp value={backups.running.startedAt} />
                )…
              </span>
            )}
          </p>
          <FormError error={backUp.error} />
          <form
            aria-label={t("system.schedule")}
            className="row"
            onSubmit={submit}
            key={backups.schedule.version}
          >
            <label htmlFor={`${id}-every`}>
              {t("system.every")}
              <input
                id={`${id}-every`}
                name="everyHours"
                type="number"
                min={0}
                max={720}
                required
                defaultValue={backups.schedule.everyHours}
                aria-invalid={Boolean(fieldError(save.error, "everyHours"))}
              />
            </label>
            <label htmlFor={`${id}-keep`}>
              {t("system.keep")}
              <input
                id={`${id}-keep`}
                name="keep"
                type="number"
                min={1}
                max={365}
                required
                defaultValue={backups.schedule.keep}
                aria-invalid={Boolean(fieldError(save.error, "keep"))}
              />
            </label>
            <button type="submit" disabled={save.isPending}>
              {t("system.saveSchedule")}
            </button>
          </form>
          <FormError error={save.error} />
          {save.isSuccess && <p role="status">{t("system.scheduleSaved")}</p>}
          {backups.recent.length > 0 && (
            <table>
              <caption>{t("system.recent")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("system.started")}</th>
                  <th scope="col">{t("system.how")}</th>
                  <th scope="col">{t("system.result")}</th>
                </tr>
              </thead>
              <tbody>
                {backups.recent.map((backup) => (
                  <tr key={backup.id}>
                    <td>
                      <Timestamp value={backup.startedAt} />
                    </td>
                    <td>{t(backup.trigger === "scheduled" ? "system.scheduled" : "system.manual")}</td>
                    <td>
                      {backup.error ? (
                        <span className="error">{t("packs.failed", { error: backup.error })}</span>
                      ) : backup.finishedAt ? (
                        <>
                          {fileSize(backup.bytes ?? 0)}, <code>{backup.file}</code>
                          {backup.prunedAt && <span className="muted"> {t("system.pruned")}</span>}
                        </>
                      ) : (
                        t("packs.beingMade")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            {t("system.holds")} <code>factdesk restore FILE</code>; {t("system.auditKey")}{" "}
            <code>AUDIT_KEY</code>
            {t("system.notInBackup")}
          </p>
        </>
      )}
      <ApiKeys />
    </section>
  );
}
