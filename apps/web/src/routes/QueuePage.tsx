import { queueViewToParams } from "@factdesk/schema";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { BulkBar } from "../components/queue/BulkBar";
import { QueueFilters } from "../components/queue/QueueFilters";
import { QueueTable } from "../components/queue/QueueTable";
import { SavedViews } from "../components/queue/SavedViews";
import { ShortcutsDialog } from "../components/queue/ShortcutsDialog";
import { StatusCounts } from "../components/queue/StatusCounts";
import { useErrorMessage, useT } from "../lib/i18n";
import { useQueueView } from "../lib/queue-view";
import { trpc } from "../lib/trpc";

/** Typing in a field is typing, not a shortcut. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));

/** Enter on a link, button or field is the browser's to handle: it follows or presses it. */
const isInteractive = (target: EventTarget | null) =>
  target instanceof Element &&
  target.closest("a[href], button, input, select, textarea, summary, [contenteditable], [role=button]") !==
    null;

export function QueuePage() {
  const navigate = useNavigate();
  const t = useT();
  const errorMessage = useErrorMessage();
  const { view, setView, setFilter } = useQueueView();
  const queue = useInfiniteQuery(
    trpc.claim.list.infiniteQueryOptions(view, { getNextPageParam: (page) => page.nextCursor }),
  );
  const counts = useQuery(trpc.claim.counts.queryOptions(view.filter));
  const rows = queue.data?.pages.flatMap((page) => page.items) ?? [];

  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [everything, setEverything] = useState(false);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const assign = useRef<HTMLSelectElement>(null);
  const status = useRef<HTMLSelectElement>(null);

  // A new filter is a new list: forget the selection and the position in the old one.
  const viewKey = JSON.stringify(view);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect is the change of view itself
  useEffect(() => {
    setSelected(new Set());
    setEverything(false);
    setActive(-1);
  }, [viewKey]);

  const toggle = (id: string) => {
    setEverything(false);
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };
  const loadMore = useCallback(() => {
    if (queue.hasNextPage && !queue.isFetchingNextPage) void queue.fetchNextPage();
  }, [queue.hasNextPage, queue.isFetchingNextPage, queue.fetchNextPage]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (event.key === "Enter" && isInteractive(event.target)) return;
      const row = rows[active];
      const act: Record<string, () => void> = {
        j: () => setActive((i) => Math.min(rows.length - 1, i + 1)),
        k: () => setActive((i) => Math.max(0, i - 1)),
        x: () => row && toggle(row.id),
        Enter: () => row && navigate(`/claims/${row.id}`),
        "/": () => search.current?.focus(),
        "?": () => setShowShortcuts(true),
        a: () => {
          if (!selected.size && row) setSelected(new Set([row.id]));
          requestAnimationFrame(() => assign.current?.focus());
        },
        s: () => {
          if (!selected.size && row) setSelected(new Set([row.id]));
          requestAnimationFrame(() => status.current?.focus());
        },
      };
      const handler = act[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  const total = counts.data?.total ?? 0;
  const allLoadedSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  return (
    <section>
      <title>{`${t("queue.title")} · Factdesk`}</title>
      <div className="page-head">
        <h1>{t("queue.title")}</h1>
        <div className="page-actions">
          <a href={`/export/claims.csv?${queueViewToParams(view)}`} download>
            {t("queue.exportCsv")}
          </a>
          <button type="button" className="link-button" onClick={() => setShowShortcuts(true)}>
            {t("queue.shortcuts")}
          </button>
        </div>
      </div>
      <SavedViews view={view} />
      <QueueFilters
        filter={view.filter}
        sort={view.sort}
        onFilter={setFilter}
        onSort={(sort) => setView({ ...view, sort })}
        onClear={() => setView({ filter: {}, sort: view.sort })}
        searchRef={search}
      />
      <StatusCounts
        counts={counts.data}
        selected={view.filter.status ?? []}
        onChange={(statuses) => setFilter({ status: statuses.length ? statuses : undefined })}
      />

      {(selected.size > 0 || everything) && (
        <>
          {allLoadedSelected && !everything && total > selected.size && (
            <p>
              <button type="button" className="link-button" onClick={() => setEverything(true)}>
                Select all {total.toLocaleString()} claims matching the filter
              </button>
            </p>
          )}
          <BulkBar
            target={everything ? { filter: view.filter, expectedCount: total } : { ids: [...selected] }}
            count={everything ? total : selected.size}
            onClear={() => {
              setSelected(new Set());
              setEverything(false);
            }}
            assignRef={assign}
            statusRef={status}
          />
        </>
      )}

      {queue.isPending ? (
        <p className="page-status">{t("queue.loading")}</p>
      ) : queue.isError ? (
        <div role="alert" className="error">
          <p>{errorMessage(queue.error)}</p>
          <button type="button" onClick={() => queue.refetch()}>
            {t("queue.retry")}
          </button>
        </div>
      ) : rows.length === 0 ? (
        <p className="page-status">{t("queue.none")}</p>
      ) : (
        <QueueTable
          rows={rows}
          active={active}
          selected={selected}
          onActivate={setActive}
          onToggle={toggle}
          onToggleAll={(select) => {
            setEverything(false);
            setSelected(select ? new Set(rows.map((row) => row.id)) : new Set());
          }}
          onNearEnd={loadMore}
        />
      )}
      {queue.isFetchingNextPage && <p className="page-status">{t("queue.loadingMore")}</p>}
      {queue.hasNextPage && !queue.isFetchingNextPage && (
        <button type="button" onClick={loadMore}>
          {t("queue.loadMore")}
        </button>
      )}
      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </section>
  );
}
