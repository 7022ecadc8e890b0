import {
  claimPriorities,
  claimSorts,
  limits,
  queueFlags,
  type TClaimSort,
  type TQueueFilter,
  verdictStates,
} from "@factdesk/schema";
import { useQuery } from "@tanstack/react-query";
import { type Ref, useEffect, useState } from "react";
import { useT } from "../../lib/i18n";
import { trpc } from "../../lib/trpc";

type TProps = {
  filter: TQueueFilter;
  sort: TClaimSort;
  onFilter: (changes: Partial<TQueueFilter>) => void;
  onSort: (sort: TClaimSort) => void;
  onClear: () => void;
  searchRef: Ref<HTMLInputElement>;
};

const one = <T,>(values: T[] | undefined) => values?.[0] ?? "";

/** Every filter of the queue. Text fields apply when typing pauses, the rest at once. */
export function QueueFilters({ filter, sort, onFilter, onSort, onClear, searchRef }: TProps) {
  const t = useT();
  const users = useQuery(trpc.user.list.queryOptions());
  const articles = useQuery(trpc.article.list.queryOptions({ include: filter.articleId }));
  // Open from the start on anything wider than a phone; a phone opens it when asked.
  const [wide] = useState(() => !window.matchMedia("(max-width: 640px)").matches);
  const active = Object.entries(filter).filter(
    ([key, value]) => key !== "q" && value !== undefined && !(Array.isArray(value) && value.length === 0),
  ).length;
  return (
    <form className="filters" aria-label={t("queue.filters")} onSubmit={(e) => e.preventDefault()}>
      <DebouncedInput
        label={t("queue.search")}
        type="search"
        value={filter.q ?? ""}
        onValue={(q) => onFilter({ q: q || undefined })}
        inputRef={searchRef}
      />
      {/* On a phone the filters fold under the search, so the claims are on the first screen. */}
      <details className="more-filters" open={wide}>
        <summary>{t("queue.filtersAndSort", { active })}</summary>
        <div className="filters-rest">
          <label>
            {t("queue.assignee")}
            <select
              value={filter.assignee ?? ""}
              onChange={(e) => onFilter({ assignee: e.target.value || undefined })}
            >
              <option value="">{t("queue.anyone")}</option>
              <option value="me">{t("queue.me")}</option>
              <option value="unassigned">{t("queue.unassigned")}</option>
              {users.data
                ?.filter((user) => user.active)
                .map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t("queue.priority")}
            <select
              value={one(filter.priority)}
              onChange={(e) =>
                onFilter({
                  priority: e.target.value ? [e.target.value as (typeof claimPriorities)[number]] : undefined,
                })
              }
            >
              <option value="">{t("queue.any")}</option>
              {claimPriorities.map((priority) => (
                <option key={priority} value={priority}>
                  {t(`priority.${priority}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("queue.verdict")}
            <select
              value={one(filter.verdict)}
              onChange={(e) => onFilter({ verdict: e.target.value ? [e.target.value as "none"] : undefined })}
            >
              <option value="">{t("queue.any")}</option>
              <option value="none">{t("queue.noVerdict")}</option>
              {verdictStates.map((state) => (
                <option key={state} value={state}>
                  {t(`verdictState.${state}`)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="score-range">
            <legend>{t("queue.checkWorthiness")}</legend>
            <ScoreInput
              label={t("queue.from")}
              value={filter.scoreMin}
              onValue={(scoreMin) => onFilter({ scoreMin })}
            />
            <ScoreInput
              label={t("queue.to")}
              value={filter.scoreMax}
              onValue={(scoreMax) => onFilter({ scoreMax })}
            />
          </fieldset>
          <label>
            {t("queue.article")}
            <select
              className="article-filter"
              value={filter.articleId ?? ""}
              onChange={(e) => onFilter({ articleId: e.target.value || undefined })}
            >
              <option value="">{t("queue.any")}</option>
              {articles.data?.map((article) => (
                <option key={article.id} value={article.id}>
                  {article.title}
                  {article.outlet ? ` (${article.outlet})` : ""}
                </option>
              ))}
            </select>
          </label>
          <DebouncedInput
            label={t("queue.outlet")}
            value={filter.outlet ?? ""}
            onValue={(outlet) => onFilter({ outlet: outlet || undefined })}
          />
          <fieldset className="date-range">
            <legend>{t("queue.created")}</legend>
            <label>
              {t("queue.from")}
              <input
                type="date"
                value={filter.createdFrom ?? ""}
                onChange={(e) => onFilter({ createdFrom: e.target.value || undefined })}
              />
            </label>
            <label>
              {t("queue.to")}
              <input
                type="date"
                value={filter.createdTo ?? ""}
                onChange={(e) => onFilter({ createdTo: e.target.value || undefined })}
              />
            </label>
          </fieldset>
          <fieldset className="flags">
            <legend>{t("queue.links")}</legend>
            {queueFlags.map((flag) => (
              <label key={flag} className="inline">
                <input
                  type="checkbox"
                  checked={filter.flags?.includes(flag) ?? false}
                  onChange={(e) => {
                    const rest = (filter.flags ?? []).filter((f) => f !== flag);
                    onFilter({ flags: e.target.checked ? [...rest, flag] : rest.length ? rest : undefined });
                  }}
                />
                {t(`flag.${flag}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t("queue.archived")}
            <select
              value={filter.archived ?? "exclude"}
              onChange={(e) => onFilter({ archived: e.target.value as "exclude" | "include" | "only" })}
            >
              <option value="exclude">{t("queue.archivedHidden")}</option>
              <option value="include">{t("queue.archivedIncluded")}</option>
              <option value="only">{t("queue.archivedOnly")}</option>
            </select>
          </label>
          <label>
            {t("queue.sortBy")}
            <select value={sort} onChange={(e) => onSort(e.target.value as TClaimSort)}>
              {claimSorts.map((s) => (
                <option key={s} value={s}>
                  {t(`sort.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="link-button" onClick={onClear}>
            {t("queue.clear")}
          </button>
        </div>
      </details>
    </form>
  );
}

/** A text field that reports its value once typing pauses (and at once on Enter). */
function DebouncedInput({
  label,
  value,
  onValue,
  type = "text",
  inputRef,
}: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [draft, setDraft] = useState(value);
  // The URL can change under us (back button, clear): show what it says, keeping a space
  // just typed.
  useEffect(() => setDraft((draft) => (draft.trim() === value ? draft : value)), [value]);
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => onValue(draft.trim()), 350);
    return () => clearTimeout(timer);
  }, [draft, value, onValue]);
  return (
    <label>
      {label}
      <input
        ref={inputRef}
        type={type}
        value={draft}
        maxLength={limits.search}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onValue(draft.trim());
        }}
      />
    </label>
  );
}

function ScoreInput({
  label,
  value,
  onValue,
}: {
  label: string;
  value: number | undefined;
  onValue: (value: number | undefined) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={0}
        max={1}
        step={0.05}
        value={value ?? ""}
        onChange={(e) => {
          const number = e.target.valueAsNumber;
          onValue(Number.isFinite(number) ? Math.min(1, Math.max(0, number)) : undefined);
        }}
      />
    </label>
  );
}
