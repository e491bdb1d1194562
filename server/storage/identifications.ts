import { newId } from '../ids.ts'
import type { Queryable } from './database.ts'
import { ms, msOrNull, type IdentificationRecord, type StoredVerificationStatus } from './records.ts'

/** `email_address` or `phone_number`: the two kinds of identification a user manages. */
export type IdentificationType = IdentificationRecord['type']

const COLUMNS = `id, user_id, type, value, verification_status, verification_strategy, verification_attempts,
  verification_expire_at, verified_at, created_at, updated_at`

/** A pending verification's secrets: read only inside the verification flow, never serialized. */
export interface PendingVerification {
  record: IdentificationRecord
  codeHash: string | null
  redirectUrl: string | null
}

/** What `prepare` stores: a fresh code or link, replacing any earlier one. */
export interface NewVerification {
  strategy: string
  codeHash: string | null
  tokenHash: string | null
  expireAt: number
  redirectUrl: string | null
}

/** The result of opening an email link: what became of it, and where to send the browser. */
export interface LinkOutcome {
  status: 'verified' | 'expired'
  record: IdentificationRecord
  redirectUrl: string | null
}

/**
 * A user's email addresses and phone numbers, and their verification state. Every query that takes
 * a `userId` matches on it, so a route can never read or change another user's identification.
 */
export interface IdentificationRepo {
  /** The user's identification of that type with that id, or `null` (absent, another user's, other type). */
  get(userId: string, type: IdentificationType, id: string): Promise<IdentificationRecord | null>
  list(userId: string, type: IdentificationType): Promise<IdentificationRecord[]>
  /** Inserts an unverified identification; the unique index on (type, lower(value)) throws on a taken one. */
  create(userId: string, type: IdentificationType, value: string): Promise<IdentificationRecord>
  /** Deletes it and clears the user's primary pointer if it was the primary. */
  delete(userId: string, type: IdentificationType, id: string): Promise<void>
  /** Starts (or restarts) a verification: new secret, attempts 0, status unverified. */
  prepare(userId: string, type: IdentificationType, id: string, v: NewVerification): Promise<IdentificationRecord | null>
  /** Reads the pending verification and locks the row until the transaction ends (use inside one). */
  lockPending(userId: string, type: IdentificationType, id: string): Promise<PendingVerification | null>
  /** Writes the outcome of a code attempt. */
  recordAttempt(id: string, attempts: number, status: StoredVerificationStatus): Promise<void>
  /** Marks it verified, forgets its secrets, and makes it the user's primary if they have none of its type. */
  markVerified(id: string): Promise<void>
  /** Marks it expired (a late attempt found the code past its time). */
  markExpired(id: string): Promise<void>
  /** Consumes a link token (single use, atomic): verified if in time, expired otherwise; `null` if unknown. */
  consumeLink(tokenHash: string): Promise<LinkOutcome | null>
  /** Sets the user's primary of that type; `null` unsets it. */
  setPrimary(userId: string, type: IdentificationType, id: string | null): Promise<void>
}

const primaryColumn = (type: IdentificationType) =>
  type === 'email_address' ? 'primary_email_address_id' : 'primary_phone_number_id'

/** Binds the identification queries to `q` (the database or a transaction). */
export function identificationsRepo(q: Queryable, now: () => number): IdentificationRepo {
  async function one(sql: string, params: unknown[]): Promise<IdentificationRecord | null> {
    const { rows } = await q.query(sql, params)
    return rows[0] ? toIdentification(rows[0]) : null
  }

  async function markVerified(id: string): Promise<void> {
    const t = now()
    const { rows } = await q.query<{ user_id: string; type: IdentificationType }>(
      `UPDATE identifications SET verification_status = 'verified', verified_at = $2, updated_at = $2,
         verification_code_hash = NULL, verification_token_hash = NULL
       WHERE id = $1 RETURNING user_id, type`,
      [id, t],
    )
    const row = rows[0]
    if (!row) return
    // The first verified address of its kind becomes primary, as in Clerk: a user is never left without one.
    const column = primaryColumn(row.type)
    await q.query(`UPDATE users SET ${column} = $2, updated_at = $3 WHERE id = $1 AND ${column} IS NULL`, [row.user_id, id, t])
  }

  return {
    get: (userId, type, id) =>
      one(`SELECT ${COLUMNS} FROM identifications WHERE id = $1 AND user_id = $2 AND type = $3`, [id, userId, type]),
    async list(userId, type) {
      const { rows } = await q.query(
        `SELECT ${COLUMNS} FROM identifications WHERE user_id = $1 AND type = $2 ORDER BY created_at, seq`,
        [userId, type],
      )
      return rows.map(toIdentification)
    },
    async create(userId, type, value) {
      const t = now()
      return (await one(
        `INSERT INTO identifications (id, user_id, type, value, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
        [newId('idn'), userId, type, value, t],
      )) as IdentificationRecord
    },
    async delete(userId, type, id) {
      await q.query('DELETE FROM identifications WHERE id = $1 AND user_id = $2 AND type = $3', [id, userId, type])
      const column = primaryColumn(type)
      await q.query(`UPDATE users SET ${column} = NULL, updated_at = $3 WHERE id = $1 AND ${column} = $2`, [userId, id, now()])
    },
    prepare: (userId, type, id, v) =>
      one(
        `UPDATE identifications SET verification_status = 'unverified', verification_strategy = $4,
           verification_code_hash = $5, verification_token_hash = $6, verification_attempts = 0,
           verification_expire_at = $7, verification_redirect_url = $8, updated_at = $9
         WHERE id = $1 AND user_id = $2 AND type = $3 RETURNING ${COLUMNS}`,
        [id, userId, type, v.strategy, v.codeHash, v.tokenHash, v.expireAt, v.redirectUrl, now()],
      ),
    async lockPending(userId, type, id) {
      const { rows } = await q.query(
        `SELECT ${COLUMNS}, verification_code_hash, verification_redirect_url FROM identifications
         WHERE id = $1 AND user_id = $2 AND type = $3 FOR UPDATE`,
        [id, userId, type],
      )
      const row = rows[0]
      if (!row) return null
      return {
        record: toIdentification(row),
        codeHash: (row.verification_code_hash as string | null) ?? null,
        redirectUrl: (row.verification_redirect_url as string | null) ?? null,
      }
    },
    async recordAttempt(id, attempts, status) {
      await q.query(
        // A failed verification keeps no hash: only a newly prepared code can succeed.
        `UPDATE identifications SET verification_attempts = $2, verification_status = $3, updated_at = $4,
           verification_code_hash = CASE WHEN $3 = 'failed' THEN NULL ELSE verification_code_hash END
         WHERE id = $1`,
        [id, attempts, status, now()],
      )
    },
    markVerified,
    async markExpired(id) {
      await q.query(
        `UPDATE identifications SET verification_status = 'expired', verification_code_hash = NULL,
           verification_token_hash = NULL, updated_at = $2 WHERE id = $1`,
        [id, now()],
      )
    },
    async consumeLink(tokenHash) {
      const t = now()
      // One statement: two clicks on the same link cannot both verify, and the token works once.
      const { rows } = await q.query(
        `UPDATE identifications SET
           verification_status = CASE WHEN verification_expire_at > $2 THEN 'verified' ELSE 'expired' END,
           verified_at = CASE WHEN verification_expire_at > $2 THEN $2 ELSE verified_at END,
           verification_token_hash = NULL, verification_code_hash = NULL, updated_at = $2
         WHERE verification_token_hash = $1 AND verification_status = 'unverified'
         RETURNING ${COLUMNS}, verification_redirect_url`,
        [tokenHash, t],
      )
      const row = rows[0]
      if (!row) return null
      const record = toIdentification(row)
      if (record.verificationStatus === 'verified') await markVerified(record.id)
      return {
        status: record.verificationStatus === 'verified' ? 'verified' : 'expired',
        record,
        redirectUrl: (row.verification_redirect_url as string | null) ?? null,
      }
    },
    async setPrimary(userId, type, id) {
      await q.query(`UPDATE users SET ${primaryColumn(type)} = $2, updated_at = $3 WHERE id = $1`, [userId, id, now()])
    },
  }
}

function toIdentification(row: Record<string, unknown>): IdentificationRecord {
  return {
    id: row.id as string,
    userId: row.user_id as string,
    type: row.type as IdentificationType,
    value: row.value as string,
    verificationStatus: row.verification_status as StoredVerificationStatus,
    verificationStrategy: (row.verification_strategy as string | null) ?? null,
    verificationAttempts: Number(row.verification_attempts),
    verificationExpireAt: msOrNull(row.verification_expire_at),
    verifiedAt: msOrNull(row.verified_at),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  }
}
