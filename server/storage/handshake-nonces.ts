import type { Queryable } from './database.ts'

/** Handshake payloads under single-use nonces (one table). */
export interface HandshakeNonceRepo {
  save(nonceHash: string, directives: readonly string[], expireAt: number, now: number): Promise<void>
  /** Reads and deletes in one statement: a nonce works once, however many requests race; `null` when unknown or expired. */
  take(nonceHash: string, now: number): Promise<string[] | null>
}

/** Binds the handshake nonce queries to `q`. */
export function handshakeNoncesRepo(q: Queryable): HandshakeNonceRepo {
  return {
    async save(nonceHash, directives, expireAt, now) {
      // Expired nonces are swept on the way: nothing else reads them.
      await q.query('DELETE FROM handshake_nonces WHERE expire_at <= $1', [now])
      await q.query('INSERT INTO handshake_nonces (nonce_hash, directives, expire_at) VALUES ($1, $2::jsonb, $3)', [
        nonceHash,
        JSON.stringify(directives),
        expireAt,
      ])
    },
    async take(nonceHash, now) {
      const { rows } = await q.query<{ directives: string[]; expire_at: unknown }>(
        'DELETE FROM handshake_nonces WHERE nonce_hash = $1 RETURNING directives, expire_at',
        [nonceHash],
      )
      const row = rows[0]
      return row && Number(row.expire_at) > now ? row.directives : null
    },
  }
}
