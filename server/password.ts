import { scryptAsync } from '@noble/hashes/scrypt.js'
import { fromBase64Url, timingSafeEqual, toBase64Url } from './ids.ts'

/** Hashes and checks passwords. The stored string describes its own algorithm and cost. */
export interface PasswordHasher {
  /** A self-describing hash of `password`, e.g. `scrypt$32768$8$1$<salt>$<hash>`. */
  hash(password: string): Promise<string>
  /** Whether `password` matches `stored`; `false` (never a throw) for a malformed `stored`. */
  verify(password: string, stored: string): Promise<boolean>
}

/** scrypt cost parameters. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. Default 2^15 (32 MiB with r = 8). */
  N: number
  /** Block size. Default 8. */
  r: number
  /** Parallelisation. Default 1. */
  p: number
}

/**
 * The production cost: 32 MiB and roughly 50–100 ms per hash on one server core with node:crypto.
 * Tests pass a tiny N to stay fast; nothing else should.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }

const KEY_LENGTH = 32
const SALT_LENGTH = 16

/** A raw scrypt function: the pure-JS one in the core, node:crypto's in `server/node`. */
export type ScryptFunction = (password: string, salt: Uint8Array, params: ScryptParams, keyLength: number) => Promise<Uint8Array>

const nobleScrypt: ScryptFunction = (password, salt, { N, r, p }, dkLen) =>
  scryptAsync(new TextEncoder().encode(password.normalize('NFKC')), salt, { N, r, p, dkLen, maxmem: maxMemory({ N, r, p }) })

/** Memory scrypt needs for these parameters, with headroom; also the bound `verify` accepts. */
export function maxMemory({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + p + 2) + 1024 * 1024
}

/**
 * The scrypt hasher. The core's default runs @noble/hashes (pure JS, works in a browser page);
 * `server/node` passes node:crypto's scrypt, which writes and reads the very same format.
 */
export function scryptHasher(params: Partial<ScryptParams> = {}, scrypt: ScryptFunction = nobleScrypt): PasswordHasher {
  const cost = { ...DEFAULT_SCRYPT, ...params }
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH))
      const key = await scrypt(password, salt, cost, KEY_LENGTH)
      return `scrypt$${cost.N}$${cost.r}$${cost.p}$${toBase64Url(salt)}$${toBase64Url(key)}`
    },
    async verify(password, stored) {
      const parsed = parseScrypt(stored)
      if (!parsed) return false
      const key = await scrypt(password, parsed.salt, parsed.params, parsed.key.length)
      return timingSafeEqual(key, parsed.key)
    },
  }
}

/** Parses `scrypt$N$r$p$salt$hash`, refusing costs that would let a bad row exhaust memory. */
function parseScrypt(stored: string): { params: ScryptParams; salt: Uint8Array; key: Uint8Array } | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0
  if (!powerOfTwo || N > 2 ** 20 || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) {
    return null
  }
  try {
    const salt = fromBase64Url(parts[4] as string)
    const key = fromBase64Url(parts[5] as string)
    if (salt.length === 0 || key.length < 16) return null
    return { params: { N, r, p }, salt, key }
  } catch {
    return null
  }
}
