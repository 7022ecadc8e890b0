import { limits, replyChannelLabels, replyChannels } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useMe } from "../lib/me";
import { type RouterOutputs, refreshClaimViews, trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

type TRecord = RouterOutputs["editorial"]["replies"]["records"][number];

/** A `datetime-local` value for a moment, in the browser's time zone. */
const localInput = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fromLocalInput = (value: FormDataEntryValue | null) => new Date(String(value)).toISOString();
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/**
 * The claimant's right of reply: each contact attempt (when, how, whom, what was asked, until
 * when), the response or "no response by …", and an editor's waiver with the reason.
 */
export function RightOfReplyPanel({ claimId }: { claimId: string }) {
  const me = useMe();
  const id = useId();
  const replies = useQuery(trpc.editorial.replies.queryOptions({ claimId }));
  const [adding, setAdding] = useState(false);
  const [waiving, setWaiving] = useState(false);
  const settle = { onSettled: () => refreshClaimViews() };
  const contact = useMutation(
    trpc.editorial.recordContact.mutationOptions({ ...settle, onSuccess: () => setAdding(false) }),
  );
  const waive = useMutation(
    trpc.editorial.waiveReply.mutationOptions({ ...settle, onSuccess: () => setWaiving(false) }),
  );

  const submitContact = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    contact.mutate({
      claimId,
      contactedAt: fromLocalInput(form.get("contactedAt")),
      channel: text(form, "channel") as (typeof replyChannels)[number],
      contacted: text(form, "contacted"),
      asked: text(form, "asked"),
      deadline: fromLocalInput(form.get("deadline")),
    });
  };
  const submitWaiver = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    waive.mutate({ claimId, reason: text(new FormData(event.currentTarget), "reason") });
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Right of reply</h2>
      {replies.data && (
        <p className={replies.data.onRecord ? "muted" : undefined}>
          {replies.data.onRecord
            ? "On record: the claimant answered, their deadline passed, or an editor waived it."
            : replies.data.records.length
              ? "Not yet on record: waiting for the claimant until the deadline."
              : "Nobody has asked the claimant for comment yet."}
        </p>
      )}
      <FormError error={replies.error} />
      <ul className="replies">
        {replies.data?.records.map((record) => (
          <li key={record.id}>
            <ReplyRecord record={record} />
          </li>
        ))}
      </ul>
      {adding ? (
        <form className="stack" aria-label="Record a contact attempt" onSubmit={submitContact}>
          <label>
            When
            <input type="datetime-local" name="contactedAt" required defaultValue={localInput(new Date())} />
          </label>
          <label>
            How
            <select name="channel" defaultValue="email">
              {replyChannels.map((channel) => (
                <option key={channel} value={channel}>
                  {replyChannelLabels[channel]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Whom
            <input
              name="contacted"
              required
              maxLength={limits.personName}
              placeholder="The claimant, their office…"
            />
          </label>
          <label>
            What was asked
            <textarea name="asked" required rows={3} maxLength={limits.reason} />
          </label>
          <label>
            Answer by
            <input
              type="datetime-local"
              name="deadline"
              required
              defaultValue={localInput(new Date(Date.now() + 2 * 86_400_000))}
            />
          </label>
          <FormError error={contact.error} />
          <div className="row">
            <button type="submit" disabled={contact.isPending}>
              Record the contact
            </button>
            <button type="button" className="link-button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button type="button" className="secondary" onClick={() => setAdding(true)}>
            Record a contact attempt
          </button>
          {me.can("editor") && !waiving && (
            <button type="button" className="link-button" onClick={() => setWaiving(true)}>
              Waive the right of reply
            </button>
          )}
        </div>
      )}
      {waiving && (
        <form className="stack" aria-label="Waive the right of reply" onSubmit={submitWaiver}>
          <label>
            Why no reply is sought
            <textarea name="reason" required rows={2} maxLength={limits.reason} />
          </label>
          <FormError error={waive.error} />
          <div className="row">
            <button type="submit" disabled={waive.isPending}>
              Waive it
            </button>
            <button type="button" className="link-button" onClick={() => setWaiving(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ReplyRecord({ record }: { record: TRecord }) {
  const [answering, setAnswering] = useState(false);
  const respond = useMutation(
    trpc.editorial.recordResponse.mutationOptions({
      onSuccess: () => setAnswering(false),
      onSettled: () => refreshClaimViews(),
    }),
  );
  if (record.waiverReason) return <p>Waived by an editor: {record.waiverReason}</p>;
  const deadline = record.deadline ? new Date(record.deadline) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    respond.mutate({
      id: record.id,
      version: record.version,
      response: text(form, "response"),
      respondedAt: fromLocalInput(form.get("respondedAt")),
    });
  };
  return (
    <>
      <p>
        {record.contactedAt && <Timestamp value={record.contactedAt} />} ·{" "}
        {replyChannelLabels[record.channel as (typeof replyChannels)[number]] ?? record.channel} to{" "}
        {record.contacted}: <q>{record.asked}</q>
      </p>
      {record.response ? (
        <blockquote>
          {record.response}
          {record.respondedAt && (
            <>
              {" "}
              (<Timestamp value={record.respondedAt} />)
            </>
          )}
        </blockquote>
      ) : deadline && deadline <= new Date() ? (
        <p>
          <strong>
            No response by <Timestamp value={deadline} />.
          </strong>
        </p>
      ) : (
        deadline && (
          <p className="muted">
            Awaiting a response until <Timestamp value={deadline} />.
          </p>
        )
      )}
      {answering ? (
        <form className="stack" aria-label="Record the response" onSubmit={submit}>
          <label>
            Their response
            <textarea name="response" required rows={3} maxLength={limits.reason} />
          </label>
          <label>
            Received
            <input type="datetime-local" name="respondedAt" required defaultValue={localInput(new Date())} />
          </label>
          <FormError error={respond.error} />
          <div className="row">
            <button type="submit" disabled={respond.isPending}>
              Save the response
            </button>
            <button type="button" className="link-button" onClick={() => setAnswering(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        !record.response && (
          <button type="button" className="link-button" onClick={() => setAnswering(true)}>
            Record the response
          </button>
        )
      )}
    </>
  );
}
