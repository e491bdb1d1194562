import type { OutgoingMessage } from './types.ts'

/**
 * The server's message catalog: the texts of the emails and SMS it sends. (The kit's catalog,
 * src/localization/en.ts, is for the browser; these never reach it.) Override any template with
 * the `messages` server option.
 */
export interface MessageCatalog {
  /** The email carrying a one-time code. */
  emailCode(values: { code: string; appName: string; minutes: number }): { subject: string; text: string }
  /** The email carrying a verification link. */
  emailLink(values: { link: string; appName: string; minutes: number }): { subject: string; text: string }
  /** The SMS carrying a one-time code; keep it short (one SMS segment is 160 GSM characters). */
  smsCode(values: { code: string; appName: string; minutes: number }): { text: string }
  /** The pages `GET /v1/verify` shows when there is nowhere to redirect to. */
  linkPage: Record<'verified' | 'expired' | 'invalid', { title: string; text: string }>
}

/** The English catalog. */
export const defaultMessages: MessageCatalog = {
  emailCode: ({ code, appName, minutes }) => ({
    subject: `${code} is your ${appName} verification code`,
    text:
      `Your ${appName} verification code is ${code}.\n\n` +
      `It expires in ${minutes} minutes. If you did not ask for it, you can ignore this email.\n`,
  }),
  emailLink: ({ link, appName, minutes }) => ({
    subject: `Verify your email address for ${appName}`,
    text:
      `Open this link to verify your email address for ${appName}:\n\n${link}\n\n` +
      `It expires in ${minutes} minutes and works once. If you did not ask for it, you can ignore this email.\n`,
  }),
  smsCode: ({ code, appName }) => ({ text: `${code} is your ${appName} verification code.` }),
  linkPage: {
    verified: { title: 'Email address verified', text: 'Your email address is verified. You can close this page.' },
    expired: { title: 'Link expired', text: 'This verification link has expired. Ask for a new one and try again.' },
    invalid: { title: 'Link not valid', text: 'This verification link is not valid or was already used.' },
  },
}

/** What a verification message is about: a code (email or SMS) or a link (email). */
export interface VerificationMessageInput {
  channel: 'email' | 'sms'
  to: string
  appName: string
  /** How long the code or link stays valid, for the text. */
  minutes: number
  code?: string
  link?: string
}

/** Renders the message for a code or a link from the catalog; the caller sends it. */
export function renderVerificationMessage(catalog: MessageCatalog, input: VerificationMessageInput): OutgoingMessage {
  const { channel, to, appName, minutes } = input
  if (input.link !== undefined) {
    const link = input.link
    return { channel, to, code: null, link, ...catalog.emailLink({ link, appName, minutes }) }
  }
  const code = input.code ?? ''
  if (channel === 'sms') return { channel, to, subject: null, code, link: null, ...catalog.smsCode({ code, appName, minutes }) }
  return { channel, to, code, link: null, ...catalog.emailCode({ code, appName, minutes }) }
}
