import { newId } from '../ids.ts'
import type { Queryable } from './database.ts'
import { externalAccountsRepo } from './external-accounts.ts'
import { ms, msOrNull, type IdentificationRecord, type UserRecord } from './records.ts'

// Every column but private_metadata and password_hash: see UserRecord.
const USER_COLUMNS = `id, external_id, username, first_name, last_name, image_id, password_hash IS NOT NULL AS has_password,
  primary_email_address_id, primary_phone_number_id, public_metadata, unsafe_metadata, banned,
  password_last_updated_at, last_sign_in_at, last_active_at, created_at, updated_at`

const IDN_COLUMNS = `id, user_id, type, value, verification_status, verification_strategy, verification_attempts,
  verification_expire_at, verified_at, created_at, updated_at`

/** What a new user starts with; every field optional, as in Clerk's `POST /v1/users`. */
export interface NewUser {
  username?: string | null
  firstName?: string | null
  lastName?: string | null
  externalId?: string | null
  passwordHash?: string | null
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
  unsafeMetadata?: Record<string, unknown>
  /** Email addresses, stored verified (strategy `admin`); the first becomes primary. */
  emailAddresses?: string[]
}

/** Fields `PATCH /v1/me` may change; `undefined` leaves a field as it is. */
export interface UserPatch {
  firstName?: string | null
  lastName?: string | null
  username?: string | null
}

/** What sign-in needs to check a password; kept apart from `UserRecord` on purpose. */
export interface SignInCandidate {
  id: string
  passwordHash: string | null
  banned: boolean
}

/** Users and their identifications. */
export interface UserRepo {
  get(id: string): Promise<UserRecord | null>
  getMany(ids: readonly string[]): Promise<Map<string, UserRecord>>
  /** Finds a user by verified email address or by username, both case-insensitively. */
  findForSignIn(identifier: string): Promise<SignInCandidate | null>
  create(input: NewUser): Promise<UserRecord>
  update(id: string, patch: UserPatch): Promise<void>
  /** Sets the image and answers the previous image id (for the caller to delete). */
  setImage(id: string, imageId: string | null): Promise<string | null>
  recordSignIn(id: string): Promise<void>
  /** Sets `last_active_at` to now; answers the time written. */
  recordActivity(id: string): Promise<number>
}

/** Binds the user queries to `q` (the database or a transaction). */
export function usersRepo(q: Queryable, now: () => number): UserRepo {
  async function getMany(ids: readonly string[]): Promise<Map<string, UserRecord>> {
    const result = new Map<string, UserRecord>()
    if (ids.length === 0) return result
    const users = await q.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = ANY($1::text[])`, [ids])
    const idns = await q.query(
      `SELECT ${IDN_COLUMNS} FROM identifications WHERE user_id = ANY($1::text[]) ORDER BY created_at, seq`,
      [ids],
    )
    const byUser = new Map<string, IdentificationRecord[]>()
    for (const row of idns.rows) {
      const idn = toIdentification(row)
      byUser.set(idn.userId, [...(byUser.get(idn.userId) ?? []), idn])
    }
    const accounts = await externalAccountsRepo(q, now).listForUsers(ids)
    for (const row of users.rows) {
      const user = toUser(row, byUser.get(row.id as string) ?? [])
      user.externalAccounts = accounts.get(user.id) ?? []
      result.set(user.id, user)
    }
    return result
  }

  return {
    getMany,
    async get(id) {
      return (await getMany([id])).get(id) ?? null
    },
    async findForSignIn(identifier) {
      const { rows } = await q.query<{ id: string; password_hash: string | null; banned: boolean }>(
        `SELECT u.id, u.password_hash, u.banned FROM users u
         WHERE lower(u.username) = lower($1)
            OR u.id = (SELECT user_id FROM identifications
                       WHERE type = 'email_address' AND lower(value) = lower($1) AND verification_status = 'verified')
         LIMIT 1`,
        [identifier],
      )
      const row = rows[0]
      return row ? { id: row.id, passwordHash: row.password_hash, banned: row.banned } : null
    },
    async create(input) {
      const id = newId('user')
      const t = now()
      const emails = (input.emailAddresses ?? []).map((value) => ({ id: newId('idn'), value }))
      await q.query(
        `INSERT INTO users (id, external_id, username, first_name, last_name, password_hash, primary_email_address_id,
           public_metadata, private_metadata, unsafe_metadata, password_last_updated_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
        [
          id,
          input.externalId ?? null,
          input.username ?? null,
          input.firstName ?? null,
          input.lastName ?? null,
          input.passwordHash ?? null,
          emails[0]?.id ?? null,
          JSON.stringify(input.publicMetadata ?? {}),
          JSON.stringify(input.privateMetadata ?? {}),
          JSON.stringify(input.unsafeMetadata ?? {}),
          input.passwordHash ? t : null,
          t,
        ],
      )
      for (const email of emails) {
        await q.query(
          `INSERT INTO identifications (id, user_id, type, value, verification_status, verification_strategy, verified_at, created_at, updated_at)
           VALUES ($1, $2, 'email_address', $3, 'verified', 'admin', $4, $4, $4)`,
          [email.id, id, email.value, t],
        )
      }
      return (await getMany([id])).get(id) as UserRecord
    },
    async update(id, patch) {
      const sets: string[] = []
      const params: unknown[] = [id, now()]
      const columns = { firstName: 'first_name', lastName: 'last_name', username: 'username' } as const
      for (const key of Object.keys(columns) as (keyof typeof columns)[]) {
        if (patch[key] === undefined) continue
        params.push(patch[key])
        sets.push(`${columns[key]} = $${params.length}`)
      }
      await q.query(`UPDATE users SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, params)
    },
    async setImage(id, imageId) {
      const { rows } = await q.query<{ old: string | null }>(
        `UPDATE users u SET image_id = $2, updated_at = $3 FROM users old
         WHERE u.id = $1 AND old.id = u.id RETURNING old.image_id AS old`,
        [id, imageId, now()],
      )
      return rows[0]?.old ?? null
    },
    async recordSignIn(id) {
      const t = now()
      await q.query('UPDATE users SET last_sign_in_at = $2, last_active_at = $2 WHERE id = $1', [id, t])
    },
    async recordActivity(id) {
      const t = now()
      await q.query('UPDATE users SET last_active_at = $2 WHERE id = $1', [id, t])
      return t
    },
  }
}

function toIdentification(row: Record<string, unknown>): IdentificationRecord {
  return {
    id: row.id as string,
    userId: row.user_id as string,
    type: row.type as IdentificationRecord['type'],
    value: row.value as string,
    verificationStatus: row.verification_status as IdentificationRecord['verificationStatus'],
    verificationStrategy: (row.verification_strategy as string | null) ?? null,
    verificationAttempts: Number(row.verification_attempts),
    verificationExpireAt: msOrNull(row.verification_expire_at),
    verifiedAt: msOrNull(row.verified_at),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  }
}

function toUser(row: Record<string, unknown>, idns: IdentificationRecord[]): UserRecord {
  return {
    id: row.id as string,
    externalId: (row.external_id as string | null) ?? null,
    username: (row.username as string | null) ?? null,
    firstName: (row.first_name as string | null) ?? null,
    lastName: (row.last_name as string | null) ?? null,
    imageId: (row.image_id as string | null) ?? null,
    hasPassword: row.has_password === true,
    primaryEmailAddressId: (row.primary_email_address_id as string | null) ?? null,
    primaryPhoneNumberId: (row.primary_phone_number_id as string | null) ?? null,
    publicMetadata: (row.public_metadata as Record<string, unknown>) ?? {},
    unsafeMetadata: (row.unsafe_metadata as Record<string, unknown>) ?? {},
    banned: row.banned === true,
    passwordLastUpdatedAt: msOrNull(row.password_last_updated_at),
    lastSignInAt: msOrNull(row.last_sign_in_at),
    lastActiveAt: msOrNull(row.last_active_at),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
    emailAddresses: idns.filter((i) => i.type === 'email_address'),
    phoneNumbers: idns.filter((i) => i.type === 'phone_number'),
  }
}
