import { combineDeliveries, type Delivery } from '../delivery/types.ts'
import { isPhoneCountry } from '../phone.ts'
import { smsWebhookDelivery } from './sms-webhook.ts'
import { smtpDelivery } from './smtp.ts'

/** A configuration the CLI must refuse, with a message that names the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** What `deliveryFromEnv` read. */
export interface DeliveryConfig {
  /** `undefined` in development without SMTP or webhook: everything goes to the dev outbox. */
  delivery: Delivery | undefined
  defaultPhoneCountry: string
  /** Lines for the start-up log (what sends where). */
  notes: string[]
}

/**
 * Reads `USERKIT_SMTP_URL`, `USERKIT_MAIL_FROM`, `USERKIT_SMS_WEBHOOK_URL` and
 * `USERKIT_DEFAULT_COUNTRY`. A production server must be able to send email (codes and links are
 * how users prove their addresses), so production without SMTP throws a `ConfigError`; without
 * the webhook, phone numbers are simply off.
 */
export function deliveryFromEnv(vars: Record<string, string | undefined>, env: 'development' | 'production'): DeliveryConfig {
  const smtpUrl = vars.USERKIT_SMTP_URL?.trim() || undefined
  const from = vars.USERKIT_MAIL_FROM?.trim() || undefined
  const webhook = vars.USERKIT_SMS_WEBHOOK_URL?.trim() || undefined
  const country = (vars.USERKIT_DEFAULT_COUNTRY?.trim() || 'US').toUpperCase()
  const notes: string[] = []

  if (!isPhoneCountry(country)) {
    throw new ConfigError(`USERKIT_DEFAULT_COUNTRY must be an ISO 3166-1 alpha-2 country code such as US, GB or FR, not "${vars.USERKIT_DEFAULT_COUNTRY}".`)
  }
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) {
    throw new ConfigError('USERKIT_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465.')
  }
  if (smtpUrl && !from) throw new ConfigError('USERKIT_MAIL_FROM is required with USERKIT_SMTP_URL, e.g. "Acme <no-reply@acme.com>".')
  if (!smtpUrl && from) throw new ConfigError('USERKIT_MAIL_FROM is set but USERKIT_SMTP_URL is not: set both to send email.')
  if (webhook && !/^https?:\/\//i.test(webhook)) throw new ConfigError('USERKIT_SMS_WEBHOOK_URL must be an http:// or https:// URL.')
  if (env === 'production' && !smtpUrl) {
    throw new ConfigError(
      'a production server must be able to send verification emails: set USERKIT_SMTP_URL and USERKIT_MAIL_FROM ' +
        '(and USERKIT_SMS_WEBHOOK_URL for phone numbers), or run with USERKIT_ENV=development to use the dev outbox.',
    )
  }

  const parts: Delivery[] = []
  if (smtpUrl && from) {
    parts.push(smtpDelivery({ url: smtpUrl, from }))
    notes.push(`Email: SMTP ${new URL(smtpUrl).host} from ${from}`)
  }
  if (webhook) {
    parts.push(smsWebhookDelivery({ url: webhook }))
    notes.push(`SMS: webhook ${new URL(webhook).host}`)
  }
  if (env === 'development') {
    const rest = ['email', 'sms'].filter((ch) => !parts.some((p) => p.channels.includes(ch as 'email' | 'sms')))
    if (rest.length) notes.push(`Dev outbox (${rest.join(' and ')}): printed here and shown at /dev/outbox`)
  } else if (!webhook) {
    notes.push('SMS: not configured (USERKIT_SMS_WEBHOOK_URL), so phone numbers are off')
  }
  return { delivery: parts.length ? combineDeliveries(...parts) : undefined, defaultPhoneCountry: country, notes }
}
