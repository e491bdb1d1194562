import { fromBase64Url, sha256Hex, timingSafeEqual, toBase64Url, toHex } from '../ids.ts'
import type { SettingsRepo } from '../storage/settings.ts'

/** The verification rules of issue 3, in one place. */
export const VERIFICATION = {
  /** Digits in a one-time code. */
  codeLength: 6,
  /** How long a code or a link stays valid. */
  ttlMs: 10 * 60_000,
  /** Wrong codes allowed before the verification fails and a new code must be prepared. */
  maxAttempts: 5,
} as const

/** A uniformly random 6-digit code (leading zeros kept), from Web Crypto. */
export function generateCode(): string {
  const limit = 4_294_000_000 // the largest multiple of 10^6 below 2^32: no modulo bias
  for (;;) {
    const [n] = crypto.getRandomValues(new Uint32Array(1)) as unknown as [number]
    if (n < limit) return String(n % 10 ** VERIFICATION.codeLength).padStart(VERIFICATION.codeLength, '0')
  }
}

/**
 * Codes have only 10^6 values, so a plain hash would fall to a table dump in a second: they are
 * stored as HMAC-SHA-256 under a per-instance key (kept in settings) and bound to the
 * identification, so a hash is useless for any other address or instance.
 */
export async function hashCode(key: CryptoKey, identificationId: string, code: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${identificationId}:${code}`))
  return toHex(new Uint8Array(mac))
}

/** Whether `code` is the one whose hash is stored, in constant time. */
export async function codeMatches(key: CryptoKey, identificationId: string, code: string, storedHash: string): Promise<boolean> {
  const candidate = await hashCode(key, identificationId, code)
  const enc = new TextEncoder()
  return timingSafeEqual(enc.encode(candidate), enc.encode(storedHash))
}

/** Link tokens carry 256 random bits, so a plain SHA-256 is enough to keep them useless at rest. */
export const hashToken = (token: string): string => sha256Hex(token)

const keys = new WeakMap<SettingsRepo, Promise<CryptoKey>>()

/** The instance's HMAC key for codes: generated once, kept in the settings table, cached per store. */
export function verificationKey(settings: SettingsRepo): Promise<CryptoKey> {
  let key = keys.get(settings)
  if (!key) {
    key = settings
      .getOrInit('verification_code_key', toBase64Url(crypto.getRandomValues(new Uint8Array(32))))
      .then((raw) =>
        crypto.subtle.importKey('raw', fromBase64Url(raw) as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, [
          'sign',
        ]),
      )
    // A failed read must not be cached for the life of the server.
    key.catch(() => keys.delete(settings))
    keys.set(settings, key)
  }
  return key
}

