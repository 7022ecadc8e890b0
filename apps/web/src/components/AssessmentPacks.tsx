import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fileSize } from "../lib/file-size";
import { useT } from "../lib/i18n";
import { queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

const day = (date: Date | string) => new Date(date).toISOString().slice(0, 10);
const lastDay = (date: Date | string) => day(new Date(new Date(date).getTime() - 1));

/**
 * IFCN / EFCSN assessment packs for admins: a period (the last three months unless given) is
 * made into a zip of HTML and CSV by a job; the list says when each is ready to download.
 */
export function AssessmentPacks() {
  const t = useT();
  const packs = useQuery({
    ...trpc.assessmentPack.list.queryOptions(),
    // A pack is made in the background: look again while one is being made.
    refetchInterval: (query) =>
      query.state.data?.some((pack) => !pack.readyAt && !pack.error) ? 2000 : false,
  });
  const [period, setPeriod] = useState({ from: "", to: "" });
  const request = useMutation(
    trpc.assessmentPack.request.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.assessmentPack.list.queryKey() }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ from: period.from || undefined, to: period.to || undefined });
  };
  return (
    <section aria-labelledby="assessment-packs">
      <h2 id="assessment-packs">{t("packs.title")}</h2>
      <p className="muted">{t("packs.intro")}</p>
      <form className="row" aria-label={t("packs.make")} onSubmit={submit}>
        <label>
          {t("packs.from")}
          <input
            type="date"
            value={period.from}
            onChange={(e) => setPeriod({ ...period, from: e.target.value })}
          />
        </label>
        <label>
          {t("packs.to")}
          <input
            type="date"
            value={period.to}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
          />
        </label>
        <button type="submit" disabled={request.isPending}>
          {t("packs.makeButton")}
        </button>
        <span className="muted">{t("packs.emptyDates")}</span>
      </form>
      <FormError error={request.error ?? packs.error} />
      {packs.data && packs.data.length > 0 && (
        <ul aria-label={t("packs.list")}>
          {packs.data.map((pack) => (
            <li key={pack.id}>
              {t("packs.period", { from: day(pack.from), to: lastDay(pack.to) })}{" "}
              <Timestamp value={pack.createdAt} />:{" "}
              {pack.readyAt ? (
                <a href={`/export/assessment-packs/${pack.id}.zip`} download>
                  {t("packs.download", { size: fileSize(pack.bytes ?? 0) })}
                </a>
              ) : pack.error ? (
                <span className="error">{t("packs.failed", { error: pack.error })}</span>
              ) : (
                <span role="status">{t("packs.beingMade")}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
