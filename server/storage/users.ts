import { newId } from '../ids.ts'
import { guardUnique, type Queryable } from './database.ts'
import { ACCOUNT_COLUMNS, toExternalAccount } from './external-accounts.ts'
import { IDN_COLUMNS, toIdentification, type IdentificationType } from './identifications.ts'
import { ms, msOrNull, type IdentificationRecord, type UserRecord } from './records.ts'
import { countUsers, listUserIds, type UserFilter, type UserOrder } from './user-list.ts'

// Every column but private_metadata and password_hash: see UserRecord.
const USER_COLUMNS = `id, external_id, username, first_name, last_name, image_id, password_hash IS NOT NULL AS has_password,
  primary_email_address_id, primary_phone_number_id, public_metadata, unsafe_metadata, banned,
  password_last_updated_at, last_sign_in_at, last_active_at, created_at, updated_at`

/** The unique indexes of `users`, by the field they guard. */
const UNIQUE = { users_username_key: 'username', users_external_id_key: 'external_id' } as const

/** Metadata as stored: three JSON objects. */
export interface Metadata {
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
  unsafeMetadata?: Record<string, unknown>
}

/** A new user's row; identifications are added apart (`IdentificationRepo.create`). */
export interface NewUserRow extends Metadata {
  username: string | null
  firstName: string | null
  lastName: string | null
  externalId: string | null
  passwordHash: string | null
  /** Default: now. */
  createdAt?: number
}

/** Columns a change may set; `undefined` leaves one as it is. */
export interface UserChanges {
  firstName?: string | null
  lastName?: string | null
  username?: string | null
  externalId?: string | null
  passwordHash?: string
  createdAt?: number
}

/** When `setPrimary` may write: always, only while the user has none, or only while it is `replacing`. */
export type PrimaryCondition = 'always' | 'if_none' | { replacing: string }

/** What sign-in needs to check a password; kept apart from `UserRecord` on purpose. */
export interface SignInCandidate {
  id: string
  passwordHash: string | null
  banned: boolean
}

/** Users: rows, primary pointers, metadata, images, bans; the Backend API's lists and counts. */
export interface UserRepo {
  get(id: string): Promise<UserRecord | null>
  getMany(ids: readonly string[]): Promise<Map<string, UserRecord>>
  /** Finds a user by verified email address or by username, both case-insensitively. */
  findForSignIn(identifier: string): Promise<SignInCandidate | null>
  /** Inserts a user row and answers its id; a taken username or external id throws `UniqueViolation`. */
  create(row: NewUserRow): Promise<string>
  /** Writes the given columns; answers whether the user exists. Throws `UniqueViolation` like `create`. */
  update(id: string, changes: UserChanges): Promise<boolean>
  /** Locks the user's row until the transaction ends and answers its primary ids; `null` when there is no such user. */
  lock(id: string): Promise<{ primaryEmailAddressId: string | null; primaryPhoneNumberId: string | null } | null>
  /**
   * Points the user's primary of `type` at `id` (or at nothing with `null`), when `condition` holds.
   * The SQL itself re-checks that `id` is a verified identification of this user and type, so a race
   * can never slip an unverified or foreign one in. Answers whether it wrote.
   */
  setPrimary(userId: string, type: IdentificationType, id: string | null, condition?: PrimaryCondition): Promise<boolean>
  /** Replaces the metadata objects given (the others stay). */
  setMetadata(id: string, metadata: Metadata): Promise<void>
  /** The three metadata objects under a row lock (a read-merge-write in one transaction); `null` when there is no such user. */
  metadataForUpdate(id: string): Promise<Required<Metadata> | null>
  /** Private metadata, for the Backend API only: the Frontend API's records never carry it. */
  privateMetadata(ids: readonly string[]): Promise<Map<string, Record<string, unknown>>>
  passwordHash(id: string): Promise<string | null>
  /** Sets the image and answers the previous image id (for the caller to delete). */
  setImage(id: string, imageId: string | null): Promise<string | null>
  /** Sets `banned`; answers whether the user exists. */
  setBanned(id: string, banned: boolean): Promise<boolean>
  /**
   * Deletes the user; sessions, identifications and external accounts go by ON DELETE CASCADE.
   * Answers the image id it had (the blob is only SET NULL), or `null` when there was no such user.
   */
  delete(id: string): Promise<{ imageId: string | null } | null>
  recordSignIn(id: string): Promise<void>
  /** Sets `last_active_at` to now; answers the time written. */
  recordActivity(id: string): Promise<number>
  /** A page of user ids, filtered and ordered as the Backend API's `GET /v1/users` asks. */
  listIds(filter: UserFilter, order: UserOrder, page: { limit: number; offset: number }): Promise<string[]>
  count(filter: UserFilter): Promise<number>
}

const CHANGE_COLUMNS: Record<keyof UserChanges, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  username: 'username',
  externalId: 'external_id',
  passwordHash: 'password_hash',
  createdAt: 'created_at',
}

const METADATA_COLUMNS: Record<keyof Metadata, string> = {
  publicMetadata: 'public_metadata',
  privateMetadata: 'private_metadata',
  unsafeMetadata: 'unsafe_metadata',
}

/** The only place `primary_email_address_id` and `primary_phone_number_id` are written. */
const primaryColumn = (type: IdentificationType) => (type === 'email_address' ? 'primary_email_address_id' : 'primary_phone_number_id')

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
    const accounts = await q.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM external_accounts WHERE user_id = ANY($1::text[]) ORDER BY created_at, seq`,
      [ids],
    )
    const idnsOf = groupBy(idns.rows.map(toIdentification))
    const accountsOf = groupBy(accounts.rows.map(toExternalAccount))
    for (const row of users.rows) {
      const user = toUser(row, idnsOf.get(row.id as string) ?? [])
      user.externalAccounts = accountsOf.get(user.id) ?? []
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
    async create(row) {
      const id = newId('user')
      const t = now()
      await guardUnique(UNIQUE, () =>
        q.query(
          `INSERT INTO users (id, external_id, username, first_name, last_name, password_hash, public_metadata,
             private_metadata, unsafe_metadata, password_last_updated_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12)`,
          [
            id,
            row.externalId,
            row.username,
            row.firstName,
            row.lastName,
            row.passwordHash,
            JSON.stringify(row.publicMetadata ?? {}),
            JSON.stringify(row.privateMetadata ?? {}),
            JSON.stringify(row.unsafeMetadata ?? {}),
            row.passwordHash ? t : null,
            row.createdAt ?? t,
            t,
          ],
        ),
      )
      return id
    },
    async update(id, changes) {
      const sets = ['updated_at = $2']
      const params: unknown[] = [id, now()]
      for (const key of Object.keys(CHANGE_COLUMNS) as (keyof UserChanges)[]) {
        if (changes[key] === undefined) continue
        params.push(changes[key])
        sets.push(`${CHANGE_COLUMNS[key]} = $${params.length}`)
      }
      if (changes.passwordHash !== undefined) sets.push('password_last_updated_at = $2')
      const { rows } = await guardUnique(UNIQUE, () =>
        q.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params),
      )
      return rows.length > 0
    },
    async lock(id) {
      const { rows } = await q.query<{ primary_email_address_id: string | null; primary_phone_number_id: string | null }>(
        'SELECT primary_email_address_id, primary_phone_number_id FROM users WHERE id = $1 FOR UPDATE',
        [id],
      )
      const row = rows[0]
      return row ? { primaryEmailAddressId: row.primary_email_address_id, primaryPhoneNumberId: row.primary_phone_number_id } : null
    },
    async setPrimary(userId, type, id, condition = 'always') {
      const column = primaryColumn(type)
      const params: unknown[] = [userId, id, now(), type]
      const when =
        condition === 'always' ? '' : condition === 'if_none' ? ` AND ${column} IS NULL` : ` AND ${column} = $${params.push(condition.replacing)}`
      const { rows } = await q.query(
        `UPDATE users SET ${column} = $2, updated_at = $3 WHERE id = $1${when} AND ($2::text IS NULL OR EXISTS (
           SELECT 1 FROM identifications WHERE id = $2 AND user_id = $1 AND type = $4 AND verification_status = 'verified'))
         RETURNING id`,
        params,
      )
      return rows.length > 0
    },
    async setMetadata(id, metadata) {
      const sets = ['updated_at = $2']
      const params: unknown[] = [id, now()]
      for (const key of Object.keys(METADATA_COLUMNS) as (keyof Metadata)[]) {
        if (metadata[key] === undefined) continue
        params.push(JSON.stringify(metadata[key]))
        sets.push(`${METADATA_COLUMNS[key]} = $${params.length}::jsonb`)
      }
      await q.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params)
    },
    async metadataForUpdate(id) {
      const { rows } = await q.query<Record<string, Record<string, unknown>>>(
        'SELECT public_metadata, private_metadata, unsafe_metadata FROM users WHERE id = $1 FOR UPDATE',
        [id],
      )
      const row = rows[0]
      if (!row) return null
      return {
        publicMetadata: row.public_metadata ?? {},
        privateMetadata: row.private_metadata ?? {},
        unsafeMetadata: row.unsafe_metadata ?? {},
      }
    },
    async privateMetadata(ids) {
      if (ids.length === 0) return new Map()
      const { rows } = await q.query<{ id: string; private_metadata: Record<string, unknown> }>(
        'SELECT id, private_metadata FROM users WHERE id = ANY($1::text[])',
        [ids],
      )
      return new Map(rows.map((r) => [r.id, r.private_metadata ?? {}]))
    },
    async passwordHash(id) {
      const { rows } = await q.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [id])
      return rows[0]?.password_hash ?? null
    },
    async setImage(id, imageId) {
      const { rows } = await q.query<{ old: string | null }>(
        `UPDATE users u SET image_id = $2, updated_at = $3 FROM users old
         WHERE u.id = $1 AND old.id = u.id RETURNING old.image_id AS old`,
        [id, imageId, now()],
      )
      return rows[0]?.old ?? null
    },
    async setBanned(id, banned) {
      const { rows } = await q.query('UPDATE users SET banned = $2, updated_at = $3 WHERE id = $1 RETURNING id', [id, banned, now()])
      return rows.length > 0
    },
    async delete(id) {
      const { rows } = await q.query<{ image_id: string | null }>('DELETE FROM users WHERE id = $1 RETURNING image_id', [id])
      const row = rows[0]
      return row ? { imageId: row.image_id } : null
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
    listIds: (filter, order, page) => listUserIds(q, filter, order, page),
    count: (filter) => countUsers(q, filter),
  }
}

/** Rows by their user, in the order read. */
function groupBy<T extends { userId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) out.set(item.userId, [...(out.get(item.userId) ?? []), item])
  return out
}

/** The row mapper of `users` (with the user's identifications, read apart). */
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
