import nodemailer from "nodemailer";
import type { TConfig } from "./config";

/** One e-mail, in plain text and, optionally, HTML built from escaped parts. */
export interface TMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface TMailer {
  send(mail: TMail): Promise<void>;
}

/**
 * The desk's outgoing e-mail, over the SMTP server the operator configured (SMTP_URL), or
 * null when there is none: then nothing is e-mailed and the screens say so.
 */
export function createMailer({ smtpUrl, from }: TConfig["mail"]): TMailer | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // A server that does not answer fails the job (which is retried), not the process.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

const mailers = new WeakMap<TConfig["mail"], TMailer | null>();
/** One mailer per configuration (its transport keeps its connections). */
export function mailerFor(config: Pick<TConfig, "mail">) {
  if (!mailers.has(config.mail)) mailers.set(config.mail, createMailer(config.mail));
  return mailers.get(config.mail) ?? null;
}
