import { limits } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
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
      <h2 id={`${id}-heading`}>Comments</h2>
      {comments.length === 0 && <p className="muted">No comments yet.</p>}
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
          Add a comment
          <textarea
            name="body"
            rows={2}
            required
            maxLength={limits.comment}
            aria-describedby={`${id}-hint`}
          />
        </label>
        <span id={`${id}-hint`} className="muted">
          Mention a colleague with @ and the part of their email before the @.
        </span>
        <FormError error={post.error} />
        <button type="submit" disabled={post.isPending}>
          Comment
        </button>
      </form>
    </section>
  );
}
