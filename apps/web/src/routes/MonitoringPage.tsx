import { limits } from "@factdesk/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { useT } from "../lib/i18n";
import { useMe } from "../lib/me";
import { trpc } from "../lib/trpc";

/** The outlets' feeds the desk watches, how each is doing, and (editors) adding and removing them. */
export function MonitoringPage() {
  const me = useMe();
  const t = useT();
  const queryClient = useQueryClient();
  const feeds = useQuery(trpc.feed.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.feed.list.queryKey() });
  const remove = useMutation(trpc.feed.remove.mutationOptions({ onSuccess: refresh }));
  return (
    <section>
      <title>{t("monitoring.pageTitle")}</title>
      <h1>{t("app.nav.monitoring")}</h1>
      <p className="muted">{t("monitoring.intro")}</p>
      {me.can("editor") && <AddFeed onAdded={refresh} />}
      <FormError error={feeds.error ?? remove.error} />
      {feeds.data?.length === 0 && <p>{t("monitoring.none")}</p>}
      <table className="data-table">
        <caption className="visually-hidden">{t("monitoring.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("monitoring.feed")}</th>
            <th scope="col">{t("monitoring.state")}</th>
            <th scope="col">{t("monitoring.articles")}</th>
            <th scope="col">{t("monitoring.nextPoll")}</th>
            {me.can("editor") && <th scope="col">{t("monitoring.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {feeds.data?.map((feed) => (
            <tr key={feed.id}>
              <td>
                {feed.title ?? feed.url}
                <div className="muted">{feed.url}</div>
              </td>
              <td>
                {feed.failing ? (
                  <strong>
                    {t("monitoring.failing", { failures: feed.failures, error: feed.lastError ?? "" })}
                  </strong>
                ) : feed.lastSuccessAt ? (
                  <>
                    {t("monitoring.read")} <Timestamp value={feed.lastSuccessAt} />
                  </>
                ) : (
                  t("monitoring.notRead")
                )}
              </td>
              <td>{t("monitoring.items", { ingested: feed.ingested, count: feed.items })}</td>
              <td>
                <Timestamp value={feed.nextPollAt} />{" "}
                {t("monitoring.every", { minutes: feed.intervalMinutes })}
              </td>
              {me.can("editor") && (
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      if (window.confirm(t("monitoring.confirmRemove", { url: feed.url })))
                        remove.mutate({ id: feed.id });
                    }}
                  >
                    {t("sources.remove")}
                    <span className="visually-hidden"> {feed.url}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AddFeed({ onAdded }: { onAdded: () => void }) {
  const t = useT();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [every, setEvery] = useState(30);
  const add = useMutation(
    trpc.feed.add.mutationOptions({
      onSuccess: () => {
        setUrl("");
        setTitle("");
        onAdded();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ url: url.trim(), title: title.trim() || null, intervalMinutes: every });
  };
  return (
    <form className="row" onSubmit={submit} aria-label={t("monitoring.add")}>
      <label className="grow">
        {t("monitoring.address")}
        <input
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://"
        />
      </label>
      <label>
        {t("monitoring.name")}
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={limits.outlet} />
      </label>
      <label>
        {t("monitoring.everyField")}
        <input
          type="number"
          min={5}
          max={1440}
          value={every}
          onChange={(e) => setEvery(Number(e.target.value))}
        />
      </label>
      <button type="submit" disabled={add.isPending}>
        {t("monitoring.watch")}
      </button>
      <FormError error={add.error} />
    </form>
  );
}
