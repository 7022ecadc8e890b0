import type { TRating } from "@factdesk/schema";
import { RatingBadge } from "@factdesk/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FormError } from "../components/FormError";
import { useT } from "../lib/i18n";
import { queryClient, trpc } from "../lib/trpc";

/** Admins rename, reorder and add ratings, each with its ClaimReview value and colour. */
export function RatingScalePage() {
  const t = useT();
  const scale = useQuery(trpc.ratingScale.list.queryOptions());
  const [rows, setRows] = useState<TRating[] | null>(null);
  useEffect(() => {
    if (scale.data && rows === null) setRows(scale.data);
  }, [scale.data, rows]);
  const save = useMutation(
    trpc.ratingScale.update.mutationOptions({
      onSuccess: (saved) => {
        setRows(saved);
        void queryClient.invalidateQueries({ queryKey: trpc.ratingScale.pathKey() });
      },
    }),
  );
  if (!rows) return <p className="page-status">{t("app.loading")}</p>;

  const edit = (index: number, change: Partial<TRating>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row) next.splice(index + by, 0, row);
    setRows(next);
  };
  const saved = new Set(scale.data?.map((r) => r.key));

  return (
    <section>
      <title>{t("ratings.pageTitle")}</title>
      <h1>{t("app.nav.ratings")}</h1>
      <p className="muted">{t("ratings.intro")}</p>
      <table className="queue">
        <caption className="visually-hidden">{t("ratings.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ratings.key")}</th>
            <th scope="col">{t("ratings.label")}</th>
            <th scope="col">{t("ratings.value")}</th>
            <th scope="col">{t("ratings.colour")}</th>
            <th scope="col">{t("ratings.order")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: each row's inputs are controlled by the row's values, so a reordered row shows its own
            <tr key={index}>
              <td>
                {saved.has(row.key) ? (
                  <code>{row.key}</code>
                ) : (
                  <input
                    aria-label={t("ratings.key")}
                    value={row.key}
                    onChange={(e) => edit(index, { key: e.target.value })}
                  />
                )}
              </td>
              <td>
                <input
                  aria-label={t("ratings.labelOf", { key: row.key })}
                  value={row.label}
                  onChange={(e) => edit(index, { label: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t("ratings.valueOf", { key: row.key })}
                  type="number"
                  min={1}
                  max={20}
                  value={row.ordinal ?? ""}
                  onChange={(e) => edit(index, { ordinal: e.target.value ? Number(e.target.value) : null })}
                />
              </td>
              <td>
                <input
                  aria-label={t("ratings.colourOf", { key: row.key })}
                  type="color"
                  value={row.colour}
                  onChange={(e) => edit(index, { colour: e.target.value })}
                />
                <RatingBadge rating={{ label: row.label || t("verdictPanel.preview"), colour: row.colour }} />
              </td>
              <td className="row">
                <button
                  type="button"
                  className="secondary"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  {t("ratings.up")}
                  <span className="visually-hidden"> {row.label}</span>
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                >
                  {t("ratings.down")}
                  <span className="visually-hidden"> {row.label}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => setRows([...rows, { key: "", label: "", ordinal: null, colour: "#5b6675" }])}
        >
          {t("ratings.add")}
        </button>
        <button type="button" disabled={save.isPending} onClick={() => save.mutate({ ratings: rows })}>
          {t("ratings.save")}
        </button>
      </div>
      <FormError error={save.error} />
      {save.isSuccess && <p role="status">{t("emailPrefs.saved")}</p>}
    </section>
  );
}
