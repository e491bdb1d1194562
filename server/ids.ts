import { sha256 } from '@noble/hashes/sha2.js'

/** Random ids, tokens and digests on web-standard code only, so the core runs in Node and in a browser. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * Random bytes drawn from a pool refilled 4 KiB at a time (as Node's `randomUUID` does): each call
 * to `getRandomValues` costs a few microseconds whatever its size, and ids are drawn on hot paths.
 */
const POOL_SIZE = 4096
let pool = new Uint8Array(0)
let poolOffset = 0

function randomBytes(length: number): Uint8Array {
  if (length > POOL_SIZE) return crypto.getRandomValues(new Uint8Array(length))
  if (poolOffset + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE))
    poolOffset = 0
  }
  // A copy: a byte is never handed out twice, nor left where a later caller could read it.
  const out = pool.slice(poolOffset, poolOffset + length)
  pool.fill(0, poolOffset, poolOffset + length)
  poolOffset += length
  return out
}

/** `length` random base62 characters, uniformly distributed (rejection sampling avoids modulo bias). */
export function randomBase62(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: bytes at or above it would favour the first characters.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62]
    }
  }
  return out
}

/** A prefixed id such as `user_…`, `idn_…`, `sess_…`, `client_…`, `img_…` (27 random characters, ~160 bits). */
export function newId(prefix: 'user' | 'idn' | 'sess' | 'client' | 'img' | 'eac'): string {
  return `${prefix}_${randomBase62(27)}`
}

/** A secret bearer token (cookie value, link token): 32 random bytes in base64url. */
export function randomToken(): string {
  return toBase64Url(randomBytes(32))
}

/**
 * Lowercase hex SHA-256 of a UTF-8 string: what the database keeps instead of a token. Synchronous
 * (@noble/hashes): every request hashes its cookie, and Web Crypto's digest costs a thread-pool
 * round trip that is longer than the hash of a few bytes.
 */
export function sha256Hex(text: string): string {
  return toHex(sha256(new TextEncoder().encode(text)))
}

/** Bytes as lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

/** Bytes as unpadded base64url (cookie- and URL-safe). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The inverse of `toBase64Url`; throws on characters outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** Compares two byte arrays in time that depends only on their lengths. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}
