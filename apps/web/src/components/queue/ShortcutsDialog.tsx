import type { TMessageId } from "@factdesk/schema";
import { useEffect, useRef } from "react";
import { useT } from "../../lib/i18n";

export const queueShortcuts: [key: string, what: TMessageId][] = [
  ["j / k", "shortcuts.next"],
  ["Enter", "shortcuts.open"],
  ["x", "shortcuts.select"],
  ["a", "shortcuts.assign"],
  ["s", "shortcuts.status"],
  ["/", "shortcuts.search"],
  ["?", "shortcuts.help"],
];

/** The keyboard shortcuts, in a modal dialog that returns focus where it was. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const t = useT();
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="shortcuts-title" className="shortcuts">
      <h2 id="shortcuts-title">{t("shortcuts.title")}</h2>
      <dl>
        {queueShortcuts.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        {t("shortcuts.close")}
      </button>
    </dialog>
  );
}
