import { limits } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { useT } from "../lib/i18n";
import { refreshClaimViews, trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

interface Comment {
  id: string;
  body: string;
  createdAt: string;
  author: { id: string; name: string };
}

export function CommentsPanel({ claimId, comments }: { claimId: string; comments: Comment[] }) {
  const t = useT();
  const id = useId();
  const post = useMutation(trpc.claim.comment.mutationOptions({ onSettled: () => refreshClaimViews() }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    post.mutate(
      { claimId, body: String(new FormData(form).get("body") ?? "") },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("comments.title")}</h2>
      {comments.length === 0 && <p className="muted">{t("comments.none")}</p>}
      <ul className="comments">
        {comments.map((comment) => (
          <li key={comment.id}>
            <strong>{comment.author.name}</strong>{" "}
            <span className="muted">
              <Timestamp value={comment.createdAt} />
            </span>
            <p>{comment.body}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="comment-form">
        <label>
          {t("comments.add")}
          <textarea
            name="body"
            rows={2}
            required
            maxLength={limits.comment}
            aria-describedby={`${id}-hint`}
          />
        </label>
        <span id={`${id}-hint`} className="muted">
          {t("comments.hint")}
        </span>
        <FormError error={post.error} />
        <button type="submit" disabled={post.isPending}>
          {t("comments.post")}
        </button>
      </form>
    </section>
  );
}
