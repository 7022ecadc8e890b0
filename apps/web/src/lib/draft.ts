import { mergeEdits } from "@factdesk/schema";
import { useEffect, useState } from "react";

export interface TSnapshot<T> {
  version: number;
  values: T;
}

/** A colleague's newer version clashing with the draft in some fields, and the two ways out. */
export interface TConflict<T> {
  version: number;
  fields: (keyof T & string)[];
  theirs: T;
  keepMine: () => void;
  takeTheirs: () => void;
}

/**
 * A form's unsaved values over a record others may save meanwhile. A newer saved version is
 * merged in at once when it touches only fields the person left alone; when both changed the
 * same field, the form keeps the person's text and `conflict` says what differs, until they
 * choose whose text to keep. Nothing typed is thrown away without being asked.
 */
export function useMergingDraft<T extends Record<string, unknown>>(server: TSnapshot<T> | null) {
  const [state, setState] = useState<{ base: TSnapshot<T>; draft: T; mergedIn: string[] } | null>(() =>
    server ? { base: server, draft: server.values, mergedIn: [] } : null,
  );

  useEffect(() => {
    if (!server) return;
    if (!state) {
      setState({ base: server, draft: server.values, mergedIn: [] });
      return;
    }
    if (server.version <= state.base.version) return;
    const { merged, conflicts, theyChanged } = mergeEdits(state.base.values, state.draft, server.values);
    if (conflicts.length === 0) setState({ base: server, draft: merged, mergedIn: theyChanged });
  });

  const newer = server && state && server.version > state.base.version ? server : null;
  const pending = newer && state ? mergeEdits(state.base.values, state.draft, newer.values) : null;

  return {
    draft: state?.draft ?? null,
    /** The version the draft is based on: the one a save must name. */
    baseVersion: state?.base.version ?? 0,
    /** Fields a colleague's save changed that were merged into the form. */
    mergedIn: state?.mergedIn ?? [],
    set: <K extends keyof T>(field: K, value: T[K]) =>
      setState((s) => s && { ...s, draft: { ...s.draft, [field]: value } }),
    conflict: (newer && pending && pending.conflicts.length > 0
      ? {
          version: newer.version,
          fields: pending.conflicts,
          theirs: newer.values,
          /** Keep my text in the clashing fields, on top of the newer version. */
          keepMine: () => setState({ base: newer, draft: pending.merged, mergedIn: [] }),
          /** Take the colleague's text in the clashing fields; my other changes stay. */
          takeTheirs: () =>
            setState({
              base: newer,
              draft: {
                ...pending.merged,
                ...Object.fromEntries(pending.conflicts.map((field) => [field, newer.values[field]])),
              },
              mergedIn: [],
            }),
        }
      : null) as TConflict<T> | null,
    /** After a save: what was sent is the new base; typing since then stays a change of mine. */
    saved: (version: number, sent: T) =>
      setState((s) => s && { base: { version, values: sent }, draft: s.draft, mergedIn: [] }),
    /** Start over from what is saved now. */
    reset: () => setState(server ? { base: server, draft: server.values, mergedIn: [] } : null),
  };
}
