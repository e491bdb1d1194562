import type { Queryable } from './database.ts'
import { ms, msOrNull } from './records.ts'

/** One session-token signing key. */
export interface SigningKeyRecord {
  kid: string
  /** The public half as a JWK (`kty`, `n`, `e`). */
  publicJwk: Record<string, unknown>
  /** PKCS#8 PEM, or its ciphertext under the encryption key. */
  privateKey: string
  createdAt: number
  /** When it leaves the JWKS; `null` while it is the signing key. */
  retireAt: number | null
}

/** The signing keys (one table), shared by every instance on the database. */
export interface SigningKeyRepo {
  /** The keys a verifier may still meet at `now`, newest first: the signing key, then retiring ones. */
  listLive(now: number): Promise<SigningKeyRecord[]>
  /**
   * Takes the signing keys' lock until the transaction ends (use inside one), so two instances that
   * start together create one first key, and two rotations do not interleave.
   */
  lock(): Promise<void>
  insert(key: Omit<SigningKeyRecord, 'retireAt'>): Promise<void>
  /** Schedules every other unretired key to leave the JWKS at `at`. */
  retireAllBut(kid: string, at: number): Promise<void>
}

const COLUMNS = 'kid, public_jwk, private_key, created_at, retire_at'

/** An arbitrary constant: the advisory lock of the signing keys. */
const KEYS_LOCK = 7_261_106

/** Binds the signing-key queries to `q`. */
export function signingKeysRepo(q: Queryable): SigningKeyRepo {
  return {
    async listLive(now) {
      const { rows } = await q.query(
        `SELECT ${COLUMNS} FROM signing_keys WHERE retire_at IS NULL OR retire_at > $1 ORDER BY created_at DESC, kid DESC`,
        [now],
      )
      return rows.map(toSigningKey)
    },
    async lock() {
      await q.query('SELECT pg_advisory_xact_lock($1)', [KEYS_LOCK])
    },
    async insert(key) {
      await q.query('INSERT INTO signing_keys (kid, public_jwk, private_key, created_at) VALUES ($1, $2::jsonb, $3, $4)', [
        key.kid,
        JSON.stringify(key.publicJwk),
        key.privateKey,
        key.createdAt,
      ])
    },
    async retireAllBut(kid, at) {
      await q.query('UPDATE signing_keys SET retire_at = $2 WHERE kid <> $1 AND retire_at IS NULL', [kid, at])
    },
  }
}

/** The row mapper of `signing_keys`. */
function toSigningKey(row: Record<string, unknown>): SigningKeyRecord {
  return {
    kid: row.kid as string,
    publicJwk: row.public_jwk as Record<string, unknown>,
    privateKey: row.private_key as string,
    createdAt: ms(row.created_at),
    retireAt: msOrNull(row.retire_at),
  }
}
