import { useEffect, useRef } from "react";

export const queueShortcuts: [key: string, what: string][] = [
  ["j / k", "next / previous claim"],
  ["Enter", "open the claim"],
  ["x", "select or unselect the claim"],
  ["a", "assign the selection"],
  ["s", "change the selection's status"],
  ["/", "search"],
  ["?", "show these shortcuts"],
];

/** The keyboard shortcuts, in a modal dialog that returns focus where it was. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="shortcuts-title" className="shortcuts">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {queueShortcuts.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
