import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fileSize } from "../lib/file-size";
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
      <h2 id="assessment-packs">Assessment pack</h2>
      <p className="muted">
        What IFCN and EFCSN assessors ask for, for a period: the published checks with their ratings,
        claimants and every source with its archived copy; corrections and retractions; balance by claimant,
        party and rating; reader requests; and the policy pages with their change history. A zip of HTML and
        CSV.
      </p>
      <form className="row" aria-label="Make an assessment pack" onSubmit={submit}>
        <label>
          From
          <input
            type="date"
            value={period.from}
            onChange={(e) => setPeriod({ ...period, from: e.target.value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={period.to}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
          />
        </label>
        <button type="submit" disabled={request.isPending}>
          Make the pack
        </button>
        <span className="muted">Empty dates: the last three months.</span>
      </form>
      <FormError error={request.error ?? packs.error} />
      {packs.data && packs.data.length > 0 && (
        <ul aria-label="Assessment packs">
          {packs.data.map((pack) => (
            <li key={pack.id}>
              {day(pack.from)} to {lastDay(pack.to)}, asked <Timestamp value={pack.createdAt} />:{" "}
              {pack.readyAt ? (
                <a href={`/export/assessment-packs/${pack.id}.zip`} download>
                  Download ({fileSize(pack.bytes ?? 0)})
                </a>
              ) : pack.error ? (
                <span className="error">failed: {pack.error}</span>
              ) : (
                <span role="status">being made…</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
