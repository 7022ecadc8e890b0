import type { TQueueView } from "@factdesk/schema";
import { limits } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useT } from "../../lib/i18n";
import { queryClient, trpc } from "../../lib/trpc";
import { FormError } from "../FormError";

/** The person's named views of the queue: open one, save the current one, remove one. */
export function SavedViews({ view }: { view: TQueueView }) {
  const location = useLocation();
  const t = useT();
  const views = useQuery(trpc.savedView.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.savedView.list.queryKey() });
  const [name, setName] = useState("");
  const save = useMutation(
    trpc.savedView.save.mutationOptions({
      onSuccess: async () => {
        setName("");
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.savedView.remove.mutationOptions({ onSuccess: refresh }));
  const current = location.search.replace(/^\?/, "");

  return (
    <section className="saved-views" aria-label={t("queue.savedViews")}>
      {views.data && views.data.length > 0 && (
        <ul>
          {views.data.map((saved) => (
            <li key={saved.id}>
              <Link
                to={{ pathname: "/", search: saved.params }}
                aria-current={saved.params === current ? "page" : undefined}
              >
                {saved.name}
              </Link>
              <button
                type="button"
                className="link-button"
                aria-label={t("queue.removeView", { name: saved.name })}
                onClick={() => remove.mutate({ id: saved.id })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name, view });
        }}
      >
        <label className="inline">
          {t("queue.saveViewAs")}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={limits.viewName}
            required
          />
        </label>
        <button type="submit" disabled={save.isPending || !name.trim()}>
          {t("queue.saveView")}
        </button>
      </form>
      <FormError error={save.error ?? remove.error} />
    </section>
  );
}
