import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useT } from "../../lib/i18n";
import type { RouterOutputs } from "../../lib/trpc";
import { Highlighted } from "../Highlighted";
import { PresentPeople } from "../PresentPeople";
import { StatusBadge } from "../StatusBadge";

export type TQueueRow = RouterOutputs["claim"]["list"]["items"][number];

/**
 * The queue as a table whose rows outside the window are not rendered (two spacer rows keep
 * the scroll height), so thousands of loaded claims scroll smoothly. Reaching the end loads
 * the next page.
 */
export function QueueTable({
  rows,
  active,
  selected,
  onActivate,
  onToggle,
  onToggleAll,
  onNearEnd,
}: {
  rows: TQueueRow[];
  active: number;
  selected: Set<string>;
  onActivate: (index: number) => void;
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
  onNearEnd: () => void;
}) {
  const t = useT();
  const body = useRef<HTMLTableSectionElement>(null);
  // Where the rows start on the page (filters and the bulk bar above them change height).
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const top = (body.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 64,
    overscan: 12,
    scrollMargin,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (rows.length && last >= rows.length - 10) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  // Moving the active row (j/k) scrolls it into view, then focuses it once it is rendered.
  // A row that became active by taking focus (a click, Tab) is already where it should be.
  const focused = useRef(-1);
  const focusPending = useRef(false);
  useEffect(() => {
    if (active < 0 || active === focused.current) return;
    focusPending.current = true;
    virtualizer.scrollToIndex(active, { align: "auto" });
  }, [active, virtualizer]);
  useEffect(() => {
    if (!focusPending.current) return;
    const link = body.current?.querySelector<HTMLElement>(`tr[data-index="${active}"] a`);
    if (!link) return;
    focusPending.current = false;
    if (document.activeElement !== link) link.focus({ preventScroll: true });
  });

  const top = (items[0]?.start ?? 0) - virtualizer.options.scrollMargin;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  return (
    <table className="queue">
      <caption className="visually-hidden">{t("queue.table")}</caption>
      <thead>
        <tr>
          <th scope="col" className="select">
            <input
              type="checkbox"
              aria-label={t("queue.selectAll")}
              checked={allSelected}
              onChange={(e) => onToggleAll(e.target.checked)}
            />
          </th>
          <th scope="col">{t("queue.claim")}</th>
          <th scope="col">{t("queue.article")}</th>
          <th scope="col">{t("queue.status")}</th>
          <th scope="col">{t("queue.priority")}</th>
          <th scope="col">{t("queue.assignee")}</th>
          <th scope="col" className="numeric">
            {t("queue.score")}
          </th>
        </tr>
      </thead>
      <tbody ref={body}>
        {top > 0 && (
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row with nothing in it, which keeps the scroll height of rows not rendered
          <tr aria-hidden="true" style={{ height: top }}>
            <td colSpan={7} />
          </tr>
        )}
        {items.map((item) => {
          const claim = rows[item.index];
          if (!claim) return null;
          return (
            <tr
              key={claim.id}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={item.index === active ? "active" : undefined}
              aria-selected={selected.has(claim.id)}
            >
              <td className="select">
                <input
                  type="checkbox"
                  aria-label={t("queue.select", { claim: claim.text })}
                  checked={selected.has(claim.id)}
                  onChange={() => onToggle(claim.id)}
                />
              </td>
              <td>
                <Link
                  to={`/claims/${claim.id}`}
                  // The claim's words run their own way in a page of the other direction.
                  dir="auto"
                  onFocus={() => {
                    focused.current = item.index;
                    onActivate(item.index);
                  }}
                >
                  {claim.highlighted ? <Highlighted text={claim.highlighted} /> : claim.text}
                </Link>
                <RowFlags claim={claim} />
                <PresentPeople people={claim.present} />
              </td>
              <td>
                {claim.article?.title ?? "—"}
                {claim.article?.outlet && <div className="muted">{claim.article.outlet}</div>}
              </td>
              <td>
                <StatusBadge status={claim.status} />
                {claim.verdictState && (
                  <div className="muted">
                    {t("queue.verdictState", { state: t(`verdictState.${claim.verdictState}`) })}
                  </div>
                )}
              </td>
              <td>{t(`priority.${claim.priority}`)}</td>
              <td>{claim.assignee?.name ?? <span className="muted">{t("queue.unassigned")}</span>}</td>
              <td className="numeric">{claim.score.toFixed(2)}</td>
            </tr>
          );
        })}
        {bottom > 0 && (
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row with nothing in it, which keeps the scroll height of rows not rendered
          <tr aria-hidden="true" style={{ height: bottom }}>
            <td colSpan={7} />
          </tr>
        )}
      </tbody>
    </table>
  );
}

function RowFlags({ claim }: { claim: TQueueRow }) {
  const t = useT();
  const flags = [
    claim.recurring && ["recurring", t("queue.badge.recurring")],
    claim.readers > 0 && ["readers", t("queue.badge.readers", { count: claim.readers })],
    claim.flags.factChecked && ["fact-checked", t("queue.badge.factChecked")],
    claim.flags.contradiction && ["contradiction", t("queue.badge.contradiction")],
    claim.flags.duplicate && ["duplicate", t("queue.badge.duplicate")],
    claim.archivedAt && ["archived", t("queue.badge.archived")],
  ].filter((flag): flag is string[] => Array.isArray(flag));
  if (!flags.length) return null;
  return (
    <div className="row-flags">
      {flags.map(([key, label]) => (
        <span key={key} className={`flag flag-${key}`}>
          {label}
        </span>
      ))}
    </div>
  );
}
