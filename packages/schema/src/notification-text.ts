import type { TNotificationKind } from "./enums";

/** A notification as its words need it: the app's list and the e-mails say the same. */
export interface TNotificationWords {
  kind: TNotificationKind;
  actorName: string | null;
  data: Record<string, unknown>;
}

/** An alert raised by a reader's tip: it has no claim yet, and is triaged on the Tips page. */
export const raisedByReader = ({ data }: Pick<TNotificationWords, "data">) =>
  (data.appearedIn as { kind?: string } | undefined)?.kind === "reader tip";

const sentences: Record<TNotificationKind, (n: TNotificationWords) => string> = {
  assigned: (n) => `${n.actorName ?? "Someone"} assigned you a claim`,
  mentioned: (n) => `${n.actorName ?? "Someone"} mentioned you`,
  submitted: (n) =>
    typeof n.data.needed === "number"
      ? `${n.actorName ?? "An editor"} approved a verdict that needs ${n.data.needed} editors' approval: yours is wanted`
      : `${n.actorName ?? "Someone"} submitted a verdict for your approval`,
  changes_requested: (n) => `${n.actorName ?? "An editor"} asked for changes to your verdict`,
  approved: (n) => `${n.actorName ?? "An editor"} approved your verdict`,
  published: (n) => `${n.actorName ?? "An editor"} published your verdict`,
  recurred: (n) => {
    const { repeats, appearedIn } = n.data as {
      repeats?: { headline?: string | null; text?: string | null; rating?: string | null };
      appearedIn?: { title?: string | null; outlet?: string | null };
    };
    const what = `“${repeats?.headline ?? repeats?.text ?? "a claim found false or misleading"}”${repeats?.rating ? ` (${repeats.rating})` : ""}`;
    const where = appearedIn?.outlet ?? appearedIn?.title;
    return raisedByReader(n)
      ? `Recurring: a reader sent in ${what} again${where ? `, seen in ${where}` : ""}`
      : `Recurring: ${what} appeared again${where ? ` in ${where}` : ""}`;
  },
  source_changed: (n) => {
    const { title, state } = n.data as { title?: string; state?: string };
    return `A source of your published verdict ${state === "dead" ? "no longer answers" : "has changed"}: ${title ?? "a source"}`;
  },
};

/** What a notification says, in one sentence of plain text. */
export const notificationText = (notification: TNotificationWords) =>
  sentences[notification.kind](notification);
