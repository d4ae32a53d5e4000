/** Outgoing e-mail through the SMTP server named by SMTP_URL (nodemailer). */
import nodemailer from 'nodemailer';
import type { Mailer } from '../core/ports.js';

/** A mailer for the configured SMTP server, or undefined when none is configured. */
export function createSmtpMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  if (!smtpUrl) return undefined;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
