import { limits } from "@factdesk/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { useMe } from "../lib/me";
import { trpc } from "../lib/trpc";

/** The outlets' feeds the desk watches, how each is doing, and (editors) adding and removing them. */
export function MonitoringPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const feeds = useQuery(trpc.feed.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.feed.list.queryKey() });
  const remove = useMutation(trpc.feed.remove.mutationOptions({ onSuccess: refresh }));
  return (
    <section>
      <title>Monitoring · Factdesk</title>
      <h1>Monitoring</h1>
      <p className="muted">
        Outlets' feeds (RSS, Atom, JSON Feed or a sitemap), polled on their own schedule. New articles are
        ingested with the claim threshold, and a claim that repeats one found false raises an alert.
      </p>
      {me.can("editor") && <AddFeed onAdded={refresh} />}
      <FormError error={feeds.error ?? remove.error} />
      {feeds.data?.length === 0 && <p>No feeds are watched yet.</p>}
      <table className="data-table">
        <caption className="visually-hidden">Watched feeds</caption>
        <thead>
          <tr>
            <th scope="col">Feed</th>
            <th scope="col">State</th>
            <th scope="col">Articles</th>
            <th scope="col">Next poll</th>
            {me.can("editor") && <th scope="col">Actions</th>}
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
                    Failing ({feed.failures}×): {feed.lastError}
                  </strong>
                ) : feed.lastSuccessAt ? (
                  <>
                    Read <Timestamp value={feed.lastSuccessAt} />
                  </>
                ) : (
                  "Not read yet"
                )}
              </td>
              <td>
                {feed.ingested} of {feed.items} items
              </td>
              <td>
                <Timestamp value={feed.nextPollAt} /> (every {feed.intervalMinutes} min)
              </td>
              {me.can("editor") && (
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      if (window.confirm(`Stop watching ${feed.url}?`)) remove.mutate({ id: feed.id });
                    }}
                  >
                    Remove<span className="visually-hidden"> {feed.url}</span>
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
    <form className="row" onSubmit={submit} aria-label="Watch a feed">
      <label className="grow">
        Feed address
        <input
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://"
        />
      </label>
      <label>
        Name
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={limits.outlet} />
      </label>
      <label>
        Every (minutes)
        <input
          type="number"
          min={5}
          max={1440}
          value={every}
          onChange={(e) => setEvery(Number(e.target.value))}
        />
      </label>
      <button type="submit" disabled={add.isPending}>
        Watch
      </button>
      <FormError error={add.error} />
    </form>
  );
}
