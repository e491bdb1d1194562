import type { Delivery } from '../delivery/types.ts'

/** Options of `smsWebhookDelivery`. */
export interface SmsWebhookOptions {
  /** Where to POST each SMS (`USERKIT_SMS_WEBHOOK_URL`): your gateway, or a small function that calls one. */
  url: string
  /** Give up after this long. Default 10 s. */
  timeoutMs?: number
  /** The fetch to use. Default the global one. */
  fetch?: typeof fetch
}

/**
 * SMS through an HTTP webhook: `POST url` with `{"to": "+E.164", "text": "…", "code": "123456"}`
 * as JSON. Credentials in the URL (`https://user:secret@host/sms`) are sent as HTTP Basic auth.
 * Any 2xx counts as sent; anything else (or a timeout) fails the prepare with a 502.
 */
export function smsWebhookDelivery({ url, timeoutMs = 10_000, fetch: doFetch = fetch }: SmsWebhookOptions): Delivery {
  // fetch refuses URLs with credentials, so they move to a header.
  const target = new URL(url)
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username)
    const password = decodeURIComponent(target.password)
    headers.Authorization = `Basic ${btoa(`${user}:${password}`)}`
    target.username = ''
    target.password = ''
  }
  return {
    channels: ['sms'],
    async send(message) {
      const res = await doFetch(target.href, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: message.to, text: message.text, code: message.code }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      // Drain the body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined)
      if (!res.ok) throw new Error(`userkit: the SMS webhook answered ${res.status}`)
    },
  }
}
