import type { TNotificationKind } from "./enums";
import { inEnglish, type TWords, words } from "./messages";

/** A notification as its words need it: the app's list and the e-mails say the same. */
export interface TNotificationWords {
  kind: TNotificationKind;
  actorName: string | null;
  data: Record<string, unknown>;
}

/** An alert raised by a reader's tip: it has no claim yet, and is triaged on the Tips page. */
export const raisedByReader = ({ data }: Pick<TNotificationWords, "data">) =>
  (data.appearedIn as { kind?: string } | undefined)?.kind === "reader tip";

const who = (n: TNotificationWords, fallback: "someone" | "editor") =>
  n.actorName ?? words(fallback === "someone" ? "notification.someone" : "notification.anEditor");

const sentences: Record<TNotificationKind, (n: TNotificationWords) => TWords> = {
  assigned: (n) => words("notification.assigned", { who: who(n, "someone") }),
  mentioned: (n) => words("notification.mentioned", { who: who(n, "someone") }),
  submitted: (n) =>
    typeof n.data.needed === "number"
      ? words("notification.approvedNeedsMore", { who: who(n, "editor"), needed: n.data.needed })
      : words("notification.submitted", { who: who(n, "someone") }),
  changes_requested: (n) => words("notification.changesRequested", { who: who(n, "editor") }),
  approved: (n) => words("notification.approved", { who: who(n, "editor") }),
  published: (n) => words("notification.published", { who: who(n, "editor") }),
  recurred: (n) => {
    const { repeats, appearedIn } = n.data as {
      repeats?: { headline?: string | null; text?: string | null; rating?: string | null };
      appearedIn?: { title?: string | null; outlet?: string | null };
    };
    const what = repeats?.headline ?? repeats?.text ?? words("notification.aFalseClaim");
    const rating = repeats?.rating ?? "";
    const where = appearedIn?.outlet ?? appearedIn?.title ?? "";
    const values = { what, rating, hasRating: rating ? "yes" : "no", where, hasWhere: where ? "yes" : "no" };
    return words(raisedByReader(n) ? "notification.recurredTip" : "notification.recurred", values);
  },
  source_changed: (n) => {
    const { title, state } = n.data as { title?: string; state?: string };
    return words("notification.sourceChanged", {
      state: state === "dead" ? "dead" : "changed",
      title: title ?? words("notification.aSource"),
    });
  },
};

/** What a notification says, in one sentence, as words of the catalog. */
export const notificationWords = (notification: TNotificationWords): TWords =>
  sentences[notification.kind](notification);

/** What a notification says, in one sentence of plain text (English unless `say` speaks another language). */
export const notificationText = (
  notification: TNotificationWords,
  say: (said: TWords) => string = inEnglish,
) => say(notificationWords(notification));
