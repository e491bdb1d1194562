import { createTransport } from 'nodemailer'
import type { Delivery } from '../delivery/types.ts'

/** Options of `smtpDelivery`. */
export interface SmtpDeliveryOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (`USERKIT_SMTP_URL`); nodemailer's URL format. */
  url: string
  /** The sender, e.g. `Acme <no-reply@acme.com>` (`USERKIT_MAIL_FROM`). */
  from: string
}

/** Email through an SMTP relay with nodemailer (Node only). Handles the `email` channel. */
export function smtpDelivery({ url, from }: SmtpDeliveryOptions): Delivery & { close(): void } {
  const transport = createTransport(url)
  return {
    channels: ['email'],
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject ?? '', text: message.text })
    },
    close: () => transport.close(),
  }
}
