import type { StoredSecret } from '../storage/webhooks.ts'

/**
 * The Standard Webhooks headers (Svix's names, which `@clerk/backend/webhooks`'s `verifyWebhook`
 * reads): `svix-id`, `svix-timestamp` (seconds, the wall clock's: it is the receiver's replay
 * window that checks it), `svix-signature` with one `v1,…` per live secret, so receivers still on a
 * replaced secret keep verifying during a rotation. The package signs; no HMAC of ours.
 */
export async function signedHeaders(id: string, body: string, secrets: readonly string[], at: Date): Promise<Record<string, string>> {
  const { Webhook } = await import('standardwebhooks')
  const signature = secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' ')
  return {
    'content-type': 'application/json',
    'user-agent': 'userkit-webhooks',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': signature,
  }
}

/** The secrets that still sign at `now`: the current one, and replaced ones until they expire. */
export function liveSecrets(secrets: readonly StoredSecret[], now: number): StoredSecret[] {
  return secrets.filter((s) => s.expireAt === null || s.expireAt > now)
}

/** A new signing secret: `whsec_` and 32 random bytes in base64, as Svix makes them. */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return `whsec_${btoa(String.fromCharCode(...bytes))}`
}

/** Whether `value` is a usable secret: `whsec_` and base64 of at least 24 bytes. */
export function isWebhookSecret(value: string): boolean {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value)
  if (!m) return false
  try {
    return atob(m[1] as string).length >= 24
  } catch {
    return false
  }
}
