import { fromBase64Url, toBase64Url } from '../ids.ts'

/**
 * AES-256-GCM on Web Crypto for OAuth tokens at rest. A ciphertext is `v1.<iv>.<data>` in
 * base64url; the 12-byte IV is random per value, and GCM's tag makes tampering fail decryption.
 */
export interface TokenCipher {
  encrypt(plain: string): Promise<string>
  /** Throws when the value was not made with this key or was altered. */
  decrypt(sealed: string): Promise<string>
}

/** 32 random bytes in base64url: a fresh `USERKIT_ENCRYPTION_KEY`. */
export function generateEncryptionKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)))
}

/** Imports a base64url (or base64) 32-byte key; throws a `TypeError` naming the setting otherwise. */
export async function tokenCipher(key: string): Promise<TokenCipher> {
  let raw: Uint8Array
  try {
    raw = fromBase64Url(key.replace(/=+$/, ''))
  } catch {
    raw = new Uint8Array(0)
  }
  if (raw.length !== 32) throw new TypeError('userkit: USERKIT_ENCRYPTION_KEY must be 32 bytes in base64url (43 characters).')
  const cryptoKey = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt'])
  return {
    async encrypt(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, new TextEncoder().encode(plain))
      return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(data))}`
    },
    async decrypt(sealed) {
      const [version, iv, data] = sealed.split('.')
      if (version !== 'v1' || !iv || !data) throw new TypeError('userkit: not a userkit token ciphertext')
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv) as Uint8Array<ArrayBuffer> },
        cryptoKey,
        fromBase64Url(data) as Uint8Array<ArrayBuffer>,
      )
      return new TextDecoder().decode(plain)
    },
  }
}
