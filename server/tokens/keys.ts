import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose'
import { randomBase62 } from '../ids.ts'
import type { TokenCipher } from '../oauth/crypto.ts'
import type { SigningKeyRecord } from '../storage/signing-keys.ts'
import type { Store } from '../storage/store.ts'

/** How long a replaced key stays in the JWKS: tokens it signed (60 s) and verifiers' caches (≤ 10 min) are long gone by then. */
export const RETIRING_KEY_MS = 60 * 60_000

/** How long an instance trusts its copy of the key set before reading it again (a rotation elsewhere shows within this). */
const KEY_SET_CACHE_MS = 60_000

/** The keys as the server uses them: the one that signs, and the public ones a verifier may meet. */
export interface KeySet {
  signing: { kid: string; key: CryptoKey }
  /** Public JWKs, newest first: no private member ever. */
  jwks: (JWK & { kid: string; use: 'sig'; alg: 'RS256' })[]
  /** The signing key's public half as PEM (SPKI), for `CLERK_JWT_KEY` / `verifyToken({ jwtKey })`. */
  pem: string
}

/** What people are shown of the keys. */
export interface SigningKeySummary {
  /** The key that signs now. */
  kid: string
  /** Its public half as PEM (SPKI): `CLERK_JWT_KEY`. */
  pem: string
  /** Every key still in the JWKS, newest first; `retireAt` is when a replaced one leaves it. */
  keys: { kid: string; createdAt: number; retireAt: number | null }[]
}

/** A stored key as the JWKS lists it. */
const publicJwk = (r: SigningKeyRecord): KeySet['jwks'][number] => ({ ...(r.publicJwk as JWK), kid: r.kid, use: 'sig', alg: 'RS256' })

/** Makes a new RSA-2048 key (e = 65537, the only kind `verifyToken({ jwtKey })` accepts); 100–600 ms. */
async function newKey(cipher: TokenCipher | null, now: number): Promise<Omit<SigningKeyRecord, 'retireAt'>> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
  const { kty, n, e } = await exportJWK(publicKey)
  const pem = await exportPKCS8(privateKey)
  return {
    kid: `ins_${randomBase62(27)}`,
    publicJwk: { kty, n, e },
    privateKey: cipher ? await cipher.encrypt(pem) : pem,
    createdAt: now,
  }
}

/**
 * The session-token signing keys of one server: created lazily, once, in the database (so every
 * instance on it signs with the same key), private halves encrypted when an encryption key is set.
 */
export function signingKeys(store: Store, now: () => number, cipher: () => Promise<TokenCipher | null>) {
  let cached: { at: number; set: Promise<KeySet> } | null = null

  async function toKeySet(records: readonly SigningKeyRecord[]): Promise<KeySet> {
    const signing = records.find((r) => r.retireAt === null) ?? records[0]
    if (!signing) throw new Error('userkit: no signing key')
    let pem = signing.privateKey
    if (pem.startsWith('v1.')) {
      const key = await cipher()
      if (!key) throw new TypeError('userkit: the session-token signing key is encrypted: set USERKIT_ENCRYPTION_KEY to the key it was stored with.')
      pem = await key.decrypt(pem)
    }
    const jwks = records.map(publicJwk)
    const publicKey = await importJWK(signing.publicJwk as JWK, 'RS256', { extractable: true })
    return {
      signing: { kid: signing.kid, key: await importPKCS8(pem, 'RS256') },
      jwks,
      pem: await exportSPKI(publicKey as CryptoKey),
    }
  }

  /** The live keys, creating the first one under the keys' lock when there is none. */
  async function load(): Promise<KeySet> {
    const live = await store.signingKeys.listLive(now())
    if (live.some((k) => k.retireAt === null)) return toKeySet(live)
    const records = await store.transaction(async (tx) => {
      await tx.signingKeys.lock()
      const again = await tx.signingKeys.listLive(now())
      if (again.some((k) => k.retireAt === null)) return again
      await tx.signingKeys.insert(await newKey(await cipher(), now()))
      return tx.signingKeys.listLive(now())
    })
    return toKeySet(records)
  }

  return {
    /**
     * The public keys as they are in the database now (not this instance's copy), so a key another
     * instance just made is listed at once. `verifyToken` refetches on an unknown kid with no cooldown.
     */
    async publicKeys(): Promise<KeySet['jwks']> {
      const live = await store.signingKeys.listLive(now())
      return live.length > 0 ? live.map(publicJwk) : (await this.keySet()).jwks
    },

    /** The keys for people (the CLI and the dashboard): the signing key's PEM, and each live key's dates. */
    async summary(): Promise<SigningKeySummary> {
      const set = await this.keySet()
      const live = await store.signingKeys.listLive(now())
      return {
        kid: set.signing.kid,
        pem: set.pem,
        keys: live.map((r) => ({ kid: r.kid, createdAt: r.createdAt, retireAt: r.retireAt })),
      }
    },

    /** The key set, read at most once a minute per instance. */
    keySet(): Promise<KeySet> {
      if (!cached || now() - cached.at >= KEY_SET_CACHE_MS) {
        const set = load()
        cached = { at: now(), set }
        // A failed read must not stick for a minute.
        set.catch(() => (cached = null))
      }
      return cached.set
    },

    /** A new signing key, at once; the others stay in the JWKS for `RETIRING_KEY_MS`, then leave it. Answers the new summary. */
    async rotate(): Promise<SigningKeySummary> {
      await store.transaction(async (tx) => {
        await tx.signingKeys.lock()
        const key = await newKey(await cipher(), now())
        await tx.signingKeys.insert(key)
        await tx.signingKeys.retireAllBut(key.kid, now() + RETIRING_KEY_MS)
      })
      cached = null
      return this.summary()
    },
  }
}

/** The signing keys of one server. */
export type SigningKeys = ReturnType<typeof signingKeys>
