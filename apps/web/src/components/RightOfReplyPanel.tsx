import { limits, replyChannels } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { FormattedMessage } from "react-intl";
import { useT } from "../lib/i18n";
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
  const t = useT();
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
      <h2 id={`${id}-heading`}>{t("reply.title")}</h2>
      {replies.data && (
        <p className={replies.data.onRecord ? "muted" : undefined}>
          {t(
            replies.data.onRecord
              ? "reply.onRecord"
              : replies.data.records.length
                ? "reply.waiting"
                : "reply.nobody",
          )}
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
        <form className="stack" aria-label={t("reply.contactForm")} onSubmit={submitContact}>
          <label>
            {t("reply.when")}
            <input type="datetime-local" name="contactedAt" required defaultValue={localInput(new Date())} />
          </label>
          <label>
            {t("reply.how")}
            <select name="channel" defaultValue="email">
              {replyChannels.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`reply.channel.${channel}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("reply.whom")}
            <input
              name="contacted"
              required
              maxLength={limits.personName}
              placeholder={t("reply.whomPlaceholder")}
            />
          </label>
          <label>
            {t("reply.asked")}
            <textarea name="asked" required rows={3} maxLength={limits.reason} />
          </label>
          <label>
            {t("reply.answerBy")}
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
              {t("reply.recordContact")}
            </button>
            <button type="button" className="link-button" onClick={() => setAdding(false)}>
              {t("claim.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button type="button" className="secondary" onClick={() => setAdding(true)}>
            {t("reply.contactForm")}
          </button>
          {me.can("editor") && !waiving && (
            <button type="button" className="link-button" onClick={() => setWaiving(true)}>
              {t("reply.waive")}
            </button>
          )}
        </div>
      )}
      {waiving && (
        <form className="stack" aria-label={t("reply.waive")} onSubmit={submitWaiver}>
          <label>
            {t("reply.waiveWhy")}
            <textarea name="reason" required rows={2} maxLength={limits.reason} />
          </label>
          <FormError error={waive.error} />
          <div className="row">
            <button type="submit" disabled={waive.isPending}>
              {t("reply.waiveIt")}
            </button>
            <button type="button" className="link-button" onClick={() => setWaiving(false)}>
              {t("claim.cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ReplyRecord({ record }: { record: TRecord }) {
  const [answering, setAnswering] = useState(false);
  const t = useT();
  const respond = useMutation(
    trpc.editorial.recordResponse.mutationOptions({
      onSuccess: () => setAnswering(false),
      onSettled: () => refreshClaimViews(),
    }),
  );
  if (record.waiverReason) return <p>{t("reply.waived", { reason: record.waiverReason })}</p>;
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
        {t("reply.contacted", {
          channel: (replyChannels as readonly (string | null)[]).includes(record.channel)
            ? t(`reply.channel.${record.channel as (typeof replyChannels)[number]}`)
            : (record.channel ?? ""),
          whom: record.contacted ?? "",
        })}{" "}
        <q>{record.asked}</q>
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
            <FormattedMessage id="reply.noResponse" values={{ date: <Timestamp value={deadline} /> }} />
          </strong>
        </p>
      ) : (
        deadline && (
          <p className="muted">
            <FormattedMessage id="reply.awaiting" values={{ date: <Timestamp value={deadline} /> }} />
          </p>
        )
      )}
      {answering ? (
        <form className="stack" aria-label={t("reply.responseForm")} onSubmit={submit}>
          <label>
            {t("reply.response")}
            <textarea name="response" required rows={3} maxLength={limits.reason} />
          </label>
          <label>
            {t("reply.received")}
            <input type="datetime-local" name="respondedAt" required defaultValue={localInput(new Date())} />
          </label>
          <FormError error={respond.error} />
          <div className="row">
            <button type="submit" disabled={respond.isPending}>
              {t("reply.save")}
            </button>
            <button type="button" className="link-button" onClick={() => setAnswering(false)}>
              {t("claim.cancel")}
            </button>
          </div>
        </form>
      ) : (
        !record.response && (
          <button type="button" className="link-button" onClick={() => setAnswering(true)}>
            {t("reply.responseForm")}
          </button>
        )
      )}
    </>
  );
}
