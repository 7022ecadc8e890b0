import { queueViewFromParams, queueViewToParams, type TQueueFilter, type TQueueView } from "@factdesk/schema";
import { useMemo } from "react";
import { useSearchParams } from "react-router";

/**
 * The queue's view (filter and sort) lives in the URL: shareable, bookmarkable, and the
 * back button steps through earlier filters.
 */
export function useQueueView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => queueViewFromParams(params), [params]);
  const setView = (next: TQueueView) => setParams(queueViewToParams(next));
  return {
    view,
    setView,
    setFilter: (changes: Partial<TQueueFilter>) =>
      setView({ ...view, filter: { ...view.filter, ...changes } }),
  };
}
