import type { Queryable } from '../storage/database.ts'
import { ms, type SessionRecord, type SessionStatus } from '../storage/records.ts'
import type { SqlFilter, UserListQuery } from './user-filters.ts'

/** Metadata as stored: three JSON objects. */
export interface Metadata {
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
  unsafeMetadata?: Record<string, unknown>
}

/** Columns `PATCH /v1/users/{id}` may set, besides metadata. `undefined` leaves one as it is. */
export interface BackendUserPatch {
  firstName?: string | null
  lastName?: string | null
  username?: string | null
  externalId?: string | null
  primaryEmailAddressId?: string
  primaryPhoneNumberId?: string
  passwordHash?: string
  createdAt?: number
}

/** Filters of `GET /v1/sessions`. */
export interface SessionQuery {
  userId?: string
  clientId?: string
  status?: string
  limit: number
  offset: number
}

const PATCH_COLUMNS: Record<keyof BackendUserPatch, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  username: 'username',
  externalId: 'external_id',
  primaryEmailAddressId: 'primary_email_address_id',
  primaryPhoneNumberId: 'primary_phone_number_id',
  passwordHash: 'password_hash',
  createdAt: 'created_at',
}

/**
 * What only the Backend API reads and writes: private metadata, lists and counts with Clerk's
 * filters, deletes, bans, session lists. Kept apart from `usersRepo`, whose records the Frontend
 * API serializes and which therefore never load private metadata.
 */
export function backendRepo(q: Queryable, now: () => number) {
  return {
    async privateMetadata(ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
      if (ids.length === 0) return new Map()
      const { rows } = await q.query<{ id: string; private_metadata: Record<string, unknown> }>(
        'SELECT id, private_metadata FROM users WHERE id = ANY($1::text[])',
        [ids],
      )
      return new Map(rows.map((r) => [r.id, r.private_metadata ?? {}]))
    },

    async listUserIds(query: UserListQuery): Promise<string[]> {
      const n = query.params.length
      const { rows } = await q.query<{ id: string }>(
        `SELECT u.id FROM users u WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...query.params, query.limit, query.offset],
      )
      return rows.map((r) => r.id)
    },

    async countUsers(filter: SqlFilter): Promise<number> {
      const { rows } = await q.query<{ n: unknown }>(`SELECT count(*) AS n FROM users u WHERE ${filter.where}`, filter.params)
      return Number(rows[0]?.n ?? 0)
    },

    async passwordHash(id: string): Promise<string | null> {
      const { rows } = await q.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [id])
      return rows[0]?.password_hash ?? null
    },

    /** Answers whether the user exists. */
    async updateUser(id: string, patch: BackendUserPatch): Promise<boolean> {
      const t = now()
      const sets = ['updated_at = $2']
      const params: unknown[] = [id, t]
      for (const key of Object.keys(PATCH_COLUMNS) as (keyof BackendUserPatch)[]) {
        if (patch[key] === undefined) continue
        params.push(patch[key])
        sets.push(`${PATCH_COLUMNS[key]} = $${params.length}`)
      }
      if (patch.passwordHash !== undefined) sets.push('password_last_updated_at = $2')
      const { rows } = await q.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params)
      return rows.length > 0
    },

    /** Replaces the metadata objects given (the others stay). */
    async setMetadata(id: string, metadata: Metadata): Promise<void> {
      const sets = ['updated_at = $2']
      const params: unknown[] = [id, now()]
      const columns = { publicMetadata: 'public_metadata', privateMetadata: 'private_metadata', unsafeMetadata: 'unsafe_metadata' }
      for (const key of Object.keys(columns) as (keyof Metadata)[]) {
        if (metadata[key] === undefined) continue
        params.push(JSON.stringify(metadata[key]))
        sets.push(`${columns[key]} = $${params.length}::jsonb`)
      }
      await q.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params)
    },

    /** Reads the three metadata objects under a row lock (for a read-merge-write in one transaction). */
    async metadataForUpdate(id: string): Promise<Required<Metadata> | null> {
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

    /**
     * Deletes the user and everything of theirs: sessions (their clients stay, signed out),
     * identifications (freed for others at once) and the profile image's blob. Answers whether the
     * user existed.
     */
    async deleteUser(id: string): Promise<boolean> {
      const { rows } = await q.query<{ image_id: string | null }>('DELETE FROM users WHERE id = $1 RETURNING image_id', [id])
      const row = rows[0]
      if (!row) return false
      // Sessions and identifications go by ON DELETE CASCADE; the blob is only SET NULL, so here.
      if (row.image_id) await q.query('DELETE FROM blobs WHERE id = $1', [row.image_id])
      return true
    },

    /** Bans or unbans; a ban also revokes every active session. Answers whether the user exists. */
    async setBanned(id: string, banned: boolean): Promise<boolean> {
      const t = now()
      const { rows } = await q.query('UPDATE users SET banned = $2, updated_at = $3 WHERE id = $1 RETURNING id', [id, banned, t])
      if (rows.length === 0) return false
      if (banned) await revokeWhere('user_id = $1', [id], t)
      return true
    },

    /** Revokes every active session of the user (a banned user, or a password reset that signs out). */
    async revokeUserSessions(id: string): Promise<void> {
      await revokeWhere('user_id = $1', [id], now())
    },

    async listSessions(query: SessionQuery): Promise<{ sessions: SessionRecord[]; total: number }> {
      const where: string[] = []
      const params: unknown[] = []
      if (query.userId !== undefined) where.push(`user_id = $${params.push(query.userId)}`)
      if (query.clientId !== undefined) where.push(`client_id = $${params.push(query.clientId)}`)
      // Sessions past their expiry still read `active` until a request touches them; report them truly.
      const t = now()
      if (query.status === 'active') where.push(`status = 'active' AND expire_at > $${params.push(t)}`)
      else if (query.status === 'expired') where.push(`(status = 'expired' OR (status = 'active' AND expire_at <= $${params.push(t)}))`)
      else if (query.status !== undefined) where.push(`status = $${params.push(query.status)}`)
      const clause = where.length > 0 ? where.join(' AND ') : 'true'
      const { rows } = await q.query(
        `SELECT * FROM sessions WHERE ${clause} ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      )
      const count = await q.query<{ n: unknown }>(`SELECT count(*) AS n FROM sessions WHERE ${clause}`, params)
      const shown = (row: Record<string, unknown>) =>
        row.status === 'active' && ms(row.expire_at) <= t ? { ...row, shown_status: 'expired' } : { ...row, shown_status: row.status }
      return { sessions: rows.map((r) => toSession(shown(r))), total: Number(count.rows[0]?.n ?? 0) }
    },

    async getSession(id: string): Promise<SessionRecord | null> {
      const { rows } = await q.query('SELECT *, status AS shown_status FROM sessions WHERE id = $1', [id])
      return rows[0] ? toSession(rows[0]) : null
    },

    /** Revokes an active session; answers it as it is afterwards, or `null` if there is none. */
    async revokeSession(id: string): Promise<SessionRecord | null> {
      await revokeWhere('id = $1', [id], now())
      const { rows } = await q.query('SELECT *, status AS shown_status FROM sessions WHERE id = $1', [id])
      return rows[0] ? toSession(rows[0]) : null
    },
  }

  /** Revokes the matching active sessions and repoints their clients' last active session. */
  async function revokeWhere(where: string, params: unknown[], t: number): Promise<void> {
    const n = params.length
    const { rows } = await q.query<{ client_id: string }>(
      `UPDATE sessions SET status = 'revoked', updated_at = $${n + 1} WHERE ${where} AND status = 'active' RETURNING client_id`,
      [...params, t],
    )
    for (const clientId of new Set(rows.map((r) => r.client_id))) {
      await q.query(
        `UPDATE clients SET updated_at = $2, last_active_session_id = (
           SELECT id FROM sessions WHERE client_id = $1 AND status = 'active' ORDER BY last_active_at DESC, id DESC LIMIT 1)
         WHERE id = $1`,
        [clientId, t],
      )
    }
  }
}

/** The Backend API's storage functions. */
export type BackendRepo = ReturnType<typeof backendRepo>

function toSession(row: Record<string, unknown>): SessionRecord {
  return {
    id: row.id as string,
    clientId: row.client_id as string,
    userId: row.user_id as string,
    status: row.shown_status as SessionStatus,
    lastActiveAt: ms(row.last_active_at),
    expireAt: ms(row.expire_at),
    abandonAt: ms(row.abandon_at),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  }
}

/** Verified by the operator (strategy `admin`, as Clerk shows it), or back to unverified; any pending code or link is void. */
export async function setVerified(q: Queryable, id: string, verified: boolean, t: number) {
  await q.query(
    verified
      ? `UPDATE identifications SET verification_status = 'verified', verification_strategy = 'admin', verified_at = $2,
           verification_code_hash = NULL, verification_token_hash = NULL, verification_expire_at = NULL, updated_at = $2 WHERE id = $1`
      : `UPDATE identifications SET verification_status = 'unverified', verification_strategy = NULL, verified_at = NULL,
           updated_at = $2 WHERE id = $1`,
    [id, t],
  )
}
