import { newId } from '../ids.ts'
import { guardUnique, type Queryable } from './database.ts'
import { ms, msOrNull, type IdentificationRecord, type StoredVerificationStatus } from './records.ts'

/** `email_address` or `phone_number`: the two kinds of identification a user manages. */
export type IdentificationType = IdentificationRecord['type']

/** Every column but the pending secrets (hashed codes and tokens, redirect URL). */
export const IDN_COLUMNS = `id, user_id, type, value, verification_status, verification_strategy, verification_attempts,
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
 * Email addresses and phone numbers, and their verification state. Every query that takes a
 * `userId` matches on it, so a caller can never read or change another user's identification by
 * id. Which one is a user's primary is the users table's business (`UserRepo.setPrimary`).
 */
export interface IdentificationRepo {
  /** The user's identification of that type with that id, or `null` (absent, another user's, other type). */
  get(userId: string, type: IdentificationType, id: string): Promise<IdentificationRecord | null>
  /** An identification of that type by id, whoever's it is (the Backend API acts on any user). */
  find(type: IdentificationType, id: string): Promise<IdentificationRecord | null>
  /** The identification holding `value` (case-insensitive), whoever's it is. */
  findByValue(type: IdentificationType, value: string): Promise<IdentificationRecord | null>
  /** The user's identifications of that type, oldest first. */
  list(userId: string, type: IdentificationType): Promise<IdentificationRecord[]>
  /**
   * Inserts one, unverified, or verified by `verifiedBy` (a strategy: `admin`, `from_oauth_<key>`).
   * A value someone already has throws `UniqueViolation` (the index on (type, lower(value)) decides,
   * so two concurrent adds cannot both win).
   */
  create(userId: string, type: IdentificationType, value: string, verifiedBy?: string): Promise<IdentificationRecord>
  /** Deletes it. */
  delete(id: string): Promise<void>
  /** Starts (or restarts) a verification: new secret, attempts 0, status unverified. */
  prepare(userId: string, type: IdentificationType, id: string, v: NewVerification): Promise<IdentificationRecord | null>
  /** Reads the pending verification and locks the row until the transaction ends (use inside one). */
  lockPending(userId: string, type: IdentificationType, id: string): Promise<PendingVerification | null>
  /** Writes the outcome of a code attempt. */
  recordAttempt(id: string, attempts: number, status: StoredVerificationStatus): Promise<void>
  /** Marks it verified by the code or link it was prepared with, and forgets its secrets. */
  markVerified(id: string): Promise<void>
  /** Marks it expired (a late attempt found the code past its time). */
  markExpired(id: string): Promise<void>
  /** Consumes a link token (single use, atomic): verified if in time, expired otherwise; `null` if unknown. */
  consumeLink(tokenHash: string): Promise<LinkOutcome | null>
  /** The operator's verdict: verified (strategy `admin`; any pending code or link void) or back to unverified. */
  setVerifiedByOperator(id: string, verified: boolean): Promise<void>
}

/** Which unique index guards the value, by type. */
const VALUE_INDEX = {
  email_address: { identifications_value_key: 'email_address' },
  phone_number: { identifications_value_key: 'phone_number' },
} as const

/** Binds the identification queries to `q` (the database or a transaction). */
export function identificationsRepo(q: Queryable, now: () => number): IdentificationRepo {
  async function one(sql: string, params: unknown[]): Promise<IdentificationRecord | null> {
    const { rows } = await q.query(sql, params)
    return rows[0] ? toIdentification(rows[0]) : null
  }

  return {
    get: (userId, type, id) =>
      one(`SELECT ${IDN_COLUMNS} FROM identifications WHERE id = $1 AND user_id = $2 AND type = $3`, [id, userId, type]),
    find: (type, id) => one(`SELECT ${IDN_COLUMNS} FROM identifications WHERE id = $1 AND type = $2`, [id, type]),
    findByValue: (type, value) =>
      one(`SELECT ${IDN_COLUMNS} FROM identifications WHERE type = $1 AND lower(value) = lower($2)`, [type, value]),
    async list(userId, type) {
      const { rows } = await q.query(
        `SELECT ${IDN_COLUMNS} FROM identifications WHERE user_id = $1 AND type = $2 ORDER BY created_at, seq`,
        [userId, type],
      )
      return rows.map(toIdentification)
    },
    async create(userId, type, value, verifiedBy) {
      const t = now()
      const insert = () => verifiedBy
        ? one(
            `INSERT INTO identifications (id, user_id, type, value, verification_status, verification_strategy, verified_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'verified', $5, $6, $6, $6) RETURNING ${IDN_COLUMNS}`,
            [newId('idn'), userId, type, value, verifiedBy, t],
          )
        : one(
            `INSERT INTO identifications (id, user_id, type, value, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${IDN_COLUMNS}`,
            [newId('idn'), userId, type, value, t],
          )
      return (await guardUnique(VALUE_INDEX[type], insert)) as IdentificationRecord
    },
    async delete(id) {
      await q.query('DELETE FROM identifications WHERE id = $1', [id])
    },
    prepare: (userId, type, id, v) =>
      one(
        `UPDATE identifications SET verification_status = 'unverified', verification_strategy = $4,
           verification_code_hash = $5, verification_token_hash = $6, verification_attempts = 0,
           verification_expire_at = $7, verification_redirect_url = $8, updated_at = $9
         WHERE id = $1 AND user_id = $2 AND type = $3 RETURNING ${IDN_COLUMNS}`,
        [id, userId, type, v.strategy, v.codeHash, v.tokenHash, v.expireAt, v.redirectUrl, now()],
      ),
    async lockPending(userId, type, id) {
      const { rows } = await q.query(
        `SELECT ${IDN_COLUMNS}, verification_code_hash, verification_redirect_url FROM identifications
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
    async markVerified(id) {
      await q.query(
        `UPDATE identifications SET verification_status = 'verified', verified_at = $2, updated_at = $2,
           verification_code_hash = NULL, verification_token_hash = NULL
         WHERE id = $1`,
        [id, now()],
      )
    },
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
         RETURNING ${IDN_COLUMNS}, verification_redirect_url`,
        [tokenHash, t],
      )
      const row = rows[0]
      if (!row) return null
      const record = toIdentification(row)
      return {
        status: record.verificationStatus === 'verified' ? 'verified' : 'expired',
        record,
        redirectUrl: (row.verification_redirect_url as string | null) ?? null,
      }
    },
    async setVerifiedByOperator(id, verified) {
      await q.query(
        verified
          ? `UPDATE identifications SET verification_status = 'verified', verification_strategy = 'admin', verified_at = $2,
               verification_code_hash = NULL, verification_token_hash = NULL, verification_expire_at = NULL, updated_at = $2 WHERE id = $1`
          : `UPDATE identifications SET verification_status = 'unverified', verification_strategy = NULL, verified_at = NULL,
               updated_at = $2 WHERE id = $1`,
        [id, now()],
      )
    },
  }
}

/** The row mapper of `identifications`. */
export function toIdentification(row: Record<string, unknown>): IdentificationRecord {
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
