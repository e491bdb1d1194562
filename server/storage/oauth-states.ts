import type { Queryable } from './database.ts'
import { ms } from './records.ts'

/** A pending authorization request, as stored (the verifier still encrypted). */
export interface OAuthStateRecord {
  clientId: string
  userId: string
  provider: string
  externalAccountId: string
  reauthorize: boolean
  codeVerifier: string
  nonce: string | null
  scopes: string
  redirectUri: string
  redirectUrl: string
  expireAt: number
}

/** Pending authorization requests: single-use (deleted when read) and expiring. */
export interface OAuthStateRepo {
  save(stateHash: string, state: OAuthStateRecord): Promise<void>
  /** Reads and deletes a state in one statement, so a state is usable once however many requests race. */
  take(stateHash: string): Promise<OAuthStateRecord | null>
  /** Deletes states past their expiry. */
  purgeExpired(): Promise<void>
}

/** Binds the OAuth state queries to `q`. */
export function oauthStatesRepo(q: Queryable, now: () => number): OAuthStateRepo {
  return {
    async save(stateHash, s) {
      await q.query(
        `INSERT INTO oauth_states (state_hash, client_id, user_id, provider, external_account_id, reauthorize, code_verifier,
           nonce, scopes, redirect_uri, redirect_url, expire_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          stateHash, s.clientId, s.userId, s.provider, s.externalAccountId, s.reauthorize, s.codeVerifier, s.nonce,
          s.scopes, s.redirectUri, s.redirectUrl, s.expireAt, now(),
        ],
      )
    },
    async take(stateHash) {
      const { rows } = await q.query('DELETE FROM oauth_states WHERE state_hash = $1 RETURNING *', [stateHash])
      const row = rows[0]
      return row ? toOAuthState(row) : null
    },
    async purgeExpired() {
      await q.query('DELETE FROM oauth_states WHERE expire_at <= $1', [now()])
    },
  }
}

/** The row mapper of `oauth_states`. */
function toOAuthState(row: Record<string, unknown>): OAuthStateRecord {
  return {
    clientId: row.client_id as string,
    userId: row.user_id as string,
    provider: row.provider as string,
    externalAccountId: row.external_account_id as string,
    reauthorize: row.reauthorize === true,
    codeVerifier: row.code_verifier as string,
    nonce: (row.nonce as string | null) ?? null,
    scopes: row.scopes as string,
    redirectUri: row.redirect_uri as string,
    redirectUrl: row.redirect_url as string,
    expireAt: ms(row.expire_at),
  }
}
