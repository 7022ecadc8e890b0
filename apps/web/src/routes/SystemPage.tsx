import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { ApiKeys } from "../components/ApiKeys";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { fileSize } from "../lib/file-size";
import { fieldError, queryClient, trpc } from "../lib/trpc";

const triggerLabels = { scheduled: "scheduled", manual: "asked for" } as const;

/** Admins: the desk's backups (when the last one was made, the schedule, "Back up now") and the public API's keys. */
export function SystemPage() {
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
      <title>System · Factdesk</title>
      <h1>System</h1>
      <FormError error={status.error} />
      {backups && (
        <>
          <h2>Backups</h2>
          {backups.overdue && (
            <p className="notice" role="alert">
              A backup is overdue:{" "}
              {backups.lastSuccess?.finishedAt ? (
                <>
                  the last one finished <Timestamp value={backups.lastSuccess.finishedAt} />
                </>
              ) : (
                "none has been made yet"
              )}
              , and the schedule asks for one every {backups.schedule.everyHours} hours. Look at the latest
              attempt below, and at the job workers.
            </p>
          )}
          {backups.schedule.everyHours === 0 && (
            <p className="notice" role="status">
              Scheduled backups are off: only backups asked for here or made with <code>factdesk backup</code>{" "}
              exist.
            </p>
          )}
          <dl className="facts">
            <dt>Last backup</dt>
            <dd>
              {backups.lastSuccess?.finishedAt ? (
                <>
                  <Timestamp value={backups.lastSuccess.finishedAt} />,{" "}
                  {fileSize(backups.lastSuccess.bytes ?? 0)} (<code>{backups.lastSuccess.file}</code>)
                </>
              ) : (
                "none yet"
              )}
            </dd>
            <dt>Next scheduled</dt>
            <dd>
              {backups.nextDueAt ? (
                <>
                  <Timestamp value={backups.nextDueAt} /> or within a quarter hour after
                </>
              ) : (
                "none (the schedule is off)"
              )}
            </dd>
            <dt>Folder</dt>
            <dd>
              <code>{backups.folder}</code> on the machine that runs the job workers (<code>BACKUP_DIR</code>)
            </dd>
            <dt>Database</dt>
            <dd>{status.data?.database === "pglite" ? "embedded (PGlite)" : "PostgreSQL"}</dd>
          </dl>
          <p>
            <button
              type="button"
              disabled={backUp.isPending || Boolean(backups.running)}
              onClick={() => backUp.mutate()}
            >
              Back up now
            </button>{" "}
            {backups.running && (
              <span role="status">
                A backup is being made (started <Timestamp value={backups.running.startedAt} />
                )…
              </span>
            )}
          </p>
          <FormError error={backUp.error} />
          <form aria-label="Backup schedule" className="row" onSubmit={submit} key={backups.schedule.version}>
            <label htmlFor={`${id}-every`}>
              Back up every (hours; 0: never by itself)
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
              Backups to keep
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
              Save schedule
            </button>
          </form>
          <FormError error={save.error} />
          {save.isSuccess && <p role="status">Schedule saved.</p>}
          {backups.recent.length > 0 && (
            <table>
              <caption>Recent backups</caption>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">How</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {backups.recent.map((backup) => (
                  <tr key={backup.id}>
                    <td>
                      <Timestamp value={backup.startedAt} />
                    </td>
                    <td>{triggerLabels[backup.trigger]}</td>
                    <td>
                      {backup.error ? (
                        <span className="error">failed: {backup.error}</span>
                      ) : backup.finishedAt ? (
                        <>
                          {fileSize(backup.bytes ?? 0)}, <code>{backup.file}</code>
                          {backup.prunedAt && <span className="muted"> (removed: newer ones are kept)</span>}
                        </>
                      ) : (
                        "being made…"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            A backup holds every table but sessions, and the audit chain's signed checkpoints; it also holds
            password hashes and webhook secrets, so keep copies where only operators can read them. Restore
            one into an empty database with <code>factdesk restore FILE</code>; the audit chain verifies with
            the same <code>AUDIT_KEY</code>, which is not in the backup.
          </p>
        </>
      )}
      <ApiKeys />
    </section>
  );
}
