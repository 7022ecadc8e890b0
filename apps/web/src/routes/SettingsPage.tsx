import type { TSettingsUpdateInput } from "@factdesk/schema";
import { limits, type TLocale } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type FormEvent, useEffect, useState } from "react";
import { ApprovalRulesForm } from "../components/ApprovalRulesForm";
import { AssessmentPacks } from "../components/AssessmentPacks";
import { FormError } from "../components/FormError";
import { LocaleOptions } from "../components/LanguagePicker";
import { fieldError, queryClient, trpc } from "../lib/trpc";

type TForm = Omit<TSettingsUpdateInput, "version">;
type TTextField = Exclude<keyof TForm, "requireTwoFactor" | "publicLocale">;
/** Texts whose empty value is saved as empty (the others are cleared to none). */
const keptEmpty = new Set<TTextField>(["methodology", "correctionsPolicy", "tipConsent", "about", "funding"]);

/** Admins set who publishes (ClaimReview's author), where, and the public policy pages. */
export function SettingsPage() {
  const current = useQuery(trpc.settings.get.queryOptions());
  const [form, setForm] = useState<TForm | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (current.data && form === null) {
      const { version: seen, updatedAt: _at, updatedBy: _by, id: _id, ...values } = current.data;
      setForm(values);
      setVersion(seen);
    }
  }, [current.data, form]);
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (saved) => setVersion(saved.version),
      // After a conflict, the latest settings are fetched so either choice below is informed.
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.settings.pathKey() }),
    }),
  );
  if (current.error) return <FormError error={current.error} />;
  if (!form) return <p className="page-status">Loading…</p>;

  const conflict = save.error instanceof TRPCClientError && save.error.data?.code === "CONFLICT";
  const field = (name: TTextField) => ({
    value: form[name] ?? "",
    onChange: (e: { target: { value: string } }) =>
      setForm({
        ...form,
        [name]: e.target.value === "" && !keptEmpty.has(name) ? null : e.target.value,
      }),
    "aria-invalid": Boolean(fieldError(save.error, name)),
  });
  const invalid = (name: keyof TForm) => {
    const message = fieldError(save.error, name);
    return message ? <span className="error">{message}</span> : null;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...form, version });
  };

  return (
    <section>
      <title>Settings · Factdesk</title>
      <h1>Settings</h1>
      <form className="stack wide" onSubmit={submit}>
        <fieldset>
          <legend>Organisation (the author of every ClaimReview)</legend>
          <label>
            Name
            <input {...field("organisationName")} maxLength={limits.organisationName} />
            {invalid("organisationName")}
          </label>
          <label>
            Web address
            <input type="url" placeholder="https://" {...field("organisationUrl")} />
            {invalid("organisationUrl")}
          </label>
          <label>
            Logo address
            <input type="url" placeholder="https://" {...field("logoUrl")} />
            {invalid("logoUrl")}
          </label>
          <label>
            Public site address (empty: the server's PUBLIC_URL)
            <input type="url" placeholder="https://" {...field("publicUrl")} />
            {invalid("publicUrl")}
          </label>
        </fieldset>
        <label>
          <span>
            Methodology (Markdown, shown at <a href="/methodology">/methodology</a>)
          </span>
          <textarea rows={12} {...field("methodology")} />
          {invalid("methodology")}
        </label>
        <label>
          <span>
            Corrections policy (Markdown, shown at <a href="/corrections-policy">/corrections-policy</a>)
          </span>
          <textarea rows={8} {...field("correctionsPolicy")} />
          {invalid("correctionsPolicy")}
        </label>
        <label>
          <span>
            About us: staff and ownership (Markdown, shown at <a href="/about">/about</a> with its
            last-updated date)
          </span>
          <textarea rows={6} {...field("about")} />
          {invalid("about")}
        </label>
        <label>
          <span>
            Funding (Markdown, shown at <a href="/funding">/funding</a> with its last-updated date)
          </span>
          <textarea rows={6} {...field("funding")} />
          {invalid("funding")}
        </label>
        <p className="muted">Every saved version of these four pages is kept for the assessment pack.</p>
        <label>
          Language of the public site (its pages and the tip form)
          <select
            value={form.publicLocale ?? "en"}
            onChange={(e) => setForm({ ...form, publicLocale: e.target.value as TLocale })}
          >
            <LocaleOptions />
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.requireTwoFactor ?? false}
            onChange={(e) => setForm({ ...form, requireTwoFactor: e.target.checked })}
          />
          Editors and admins must sign in with a second factor (an authenticator app); until they set it up,
          they can only do that
        </label>
        <label>
          <span>
            What the tip form at <a href="/tips">/tips</a> tells readers their contact address is for (empty:
            the default wording)
          </span>
          <textarea rows={3} {...field("tipConsent")} maxLength={limits.reason} />
          {invalid("tipConsent")}
        </label>
        <FormError error={save.error} />
        {conflict && (
          <p>
            Your text is still here.{" "}
            <button
              type="button"
              className="secondary"
              onClick={() => setVersion(current.data?.version ?? version)}
            >
              Keep my version and save over theirs
            </button>{" "}
            <button type="button" className="secondary" onClick={() => setForm(null)}>
              Discard mine and load theirs
            </button>
          </p>
        )}
        {save.isSuccess && !save.isPending && <p role="status">Saved.</p>}
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save settings"}
        </button>
      </form>
      <ApprovalRulesForm />
      <AssessmentPacks />
    </section>
  );
}
