import type { TSettingsUpdateInput } from "@factdesk/schema";
import { limits, type TLocale } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type FormEvent, useEffect, useState } from "react";
import { ApprovalRulesForm } from "../components/ApprovalRulesForm";
import { AssessmentPacks } from "../components/AssessmentPacks";
import { FormError } from "../components/FormError";
import { LocaleOptions } from "../components/LanguagePicker";
import { useT } from "../lib/i18n";
import { fieldError, queryClient, trpc } from "../lib/trpc";

type TForm = Omit<TSettingsUpdateInput, "version">;
type TTextField = Exclude<keyof TForm, "requireTwoFactor" | "publicLocale">;
/** Texts whose empty value is saved as empty (the others are cleared to none). */
const keptEmpty = new Set<TTextField>(["methodology", "correctionsPolicy", "tipConsent", "about", "funding"]);

/** Admins set who publishes (ClaimReview's author), where, and the public policy pages. */
export function SettingsPage() {
  const t = useT();
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
  if (!form) return <p className="page-status">{t("app.loading")}</p>;

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
      <title>{t("settings.pageTitle")}</title>
      <h1>{t("app.nav.settings")}</h1>
      <form className="stack wide" onSubmit={submit}>
        <fieldset>
          <legend>{t("settings.organisation")}</legend>
          <label>
            {t("monitoring.name")}
            <input {...field("organisationName")} maxLength={limits.organisationName} />
            {invalid("organisationName")}
          </label>
          <label>
            {t("settings.webAddress")}
            <input type="url" placeholder="https://" {...field("organisationUrl")} />
            {invalid("organisationUrl")}
          </label>
          <label>
            {t("settings.logo")}
            <input type="url" placeholder="https://" {...field("logoUrl")} />
            {invalid("logoUrl")}
          </label>
          <label>
            {t("settings.publicUrl")}
            <input type="url" placeholder="https://" {...field("publicUrl")} />
            {invalid("publicUrl")}
          </label>
        </fieldset>
        <label>
          <span>
            {t("settings.methodology")} <a href="/methodology">/methodology</a>)
          </span>
          <textarea rows={12} {...field("methodology")} />
          {invalid("methodology")}
        </label>
        <label>
          <span>
            {t("settings.corrections")} <a href="/corrections-policy">/corrections-policy</a>)
          </span>
          <textarea rows={8} {...field("correctionsPolicy")} />
          {invalid("correctionsPolicy")}
        </label>
        <label>
          <span>
            {t("settings.about")} <a href="/about">/about</a> {t("settings.withDate")}
          </span>
          <textarea rows={6} {...field("about")} />
          {invalid("about")}
        </label>
        <label>
          <span>
            {t("settings.funding")} <a href="/funding">/funding</a> {t("settings.withDate")}
          </span>
          <textarea rows={6} {...field("funding")} />
          {invalid("funding")}
        </label>
        <p className="muted">{t("settings.versionsKept")}</p>
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
          {t("settings.requireTwoFactor")}
        </label>
        <label>
          <span>
            {t("settings.tipConsent")} <a href="/tips">/tips</a> {t("settings.tipConsentEnd")}
          </span>
          <textarea rows={3} {...field("tipConsent")} maxLength={limits.reason} />
          {invalid("tipConsent")}
        </label>
        <FormError error={save.error} />
        {conflict && (
          <p>
            {t("settings.textKept")}{" "}
            <button
              type="button"
              className="secondary"
              onClick={() => setVersion(current.data?.version ?? version)}
            >
              {t("settings.keepMine")}
            </button>{" "}
            <button type="button" className="secondary" onClick={() => setForm(null)}>
              {t("settings.loadTheirs")}
            </button>
          </p>
        )}
        {save.isSuccess && !save.isPending && <p role="status">{t("emailPrefs.saved")}</p>}
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t("verdictPanel.saving") : t("settings.save")}
        </button>
      </form>
      <ApprovalRulesForm />
      <AssessmentPacks />
    </section>
  );
}
