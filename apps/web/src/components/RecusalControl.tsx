import { limits } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useT } from "../lib/i18n";
import { useMe } from "../lib/me";
import { refreshClaimViews, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

/** An editor declares a conflict of interest on the claim: they then neither approve nor publish its verdict. */
export function RecusalControl({ claimId }: { claimId: string }) {
  const me = useMe();
  const t = useT();
  const recusals = useQuery(trpc.editorial.recusals.queryOptions({ claimId }));
  const [asking, setAsking] = useState(false);
  const recuse = useMutation(
    trpc.editorial.recuse.mutationOptions({
      onSuccess: () => setAsking(false),
      onSettled: () => refreshClaimViews(),
    }),
  );
  if (!me.can("editor")) return null;
  const mine = recusals.data?.find((recusal) => recusal.userId === me.id);
  if (mine) return <p className="notice">{t("recusal.yours", { reason: mine.reason })}</p>;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    recuse.mutate({ claimId, reason: String(new FormData(event.currentTarget).get("reason") ?? "") });
  };
  return asking ? (
    <form className="stack" aria-label={t("recusal.form")} onSubmit={submit}>
      <label>
        {t("recusal.reason")}
        <textarea name="reason" required rows={2} maxLength={limits.reason} />
      </label>
      <FormError error={recuse.error} />
      <div className="row">
        <button type="submit" disabled={recuse.isPending}>
          {t("recusal.declare")}
        </button>
        <button type="button" className="link-button" onClick={() => setAsking(false)}>
          {t("claim.cancel")}
        </button>
      </div>
    </form>
  ) : (
    <button type="button" className="link-button" onClick={() => setAsking(true)}>
      {t("recusal.form")}
    </button>
  );
}
