import { newId } from '../ids.ts'
import type { Queryable } from './database.ts'
import { ms, type ClientRecord, type SessionRecord, type SessionStatus } from './records.ts'

/** Session lifetimes, in milliseconds. */
export interface SessionLifetime {
  /** Inactivity after which a session expires; each use slides it. Default 7 days. */
  inactivityMs: number
  /** Hard limit from creation, however active. Default 30 days. */
  maxAgeMs: number
}

/** 7 days of inactivity, 30 days at most. */
export const DEFAULT_SESSION_LIFETIME: SessionLifetime = {
  inactivityMs: 7 * 24 * 60 * 60 * 1000,
  maxAgeMs: 30 * 24 * 60 * 60 * 1000,
}

/** Browsers (`client_…`, found by the SHA-256 of their cookie token) and their sessions (`sess_…`). */
export interface SessionRepo {
  createClient(tokenHash: string): Promise<ClientRecord>
  clientByTokenHash(tokenHash: string): Promise<ClientRecord | null>
  getClient(id: string): Promise<ClientRecord | null>
  /** Starts an active session and makes it the client's last active one. */
  create(clientId: string, userId: string): Promise<SessionRecord>
  get(id: string): Promise<SessionRecord | null>
  /** The client's sessions that are active now; any whose time ran out are marked expired first. */
  listActive(clientId: string): Promise<SessionRecord[]>
  /**
   * `listActive` for a client already loaded, with the client as it is afterwards: re-read only when
   * a session expired (that may repoint its last active session), so the usual request reads it once.
   */
  activeState(client: ClientRecord): Promise<{ client: ClientRecord; sessions: SessionRecord[] }>
  /** Ends one session (if still active) and repoints its client's last active session; answers it as it is then. */
  end(id: string, status?: Exclude<SessionStatus, 'active'>): Promise<SessionRecord | null>
  /** Ends every active session of a client; answers those it ended. */
  endAll(clientId: string): Promise<SessionRecord[]>
  /** Revokes every active session of a user (a ban, a password reset); answers those it revoked. */
  revokeForUser(userId: string): Promise<SessionRecord[]>
  /**
   * The Backend API's session list, newest first. Sessions past their expiry still read `active`
   * until a request touches them; here they are reported, and filtered, as `expired`.
   */
  list(filter: SessionFilter, page: { limit: number; offset: number }): Promise<{ sessions: SessionRecord[]; total: number }>
  /**
   * A token request's lookup in one round trip: the client of the cookie's token hash and the
   * session asked for; `null` when the token names no client. (A banned user has no active
   * session: banning revokes them in the same transaction, and a banned user cannot sign in.)
   */
  tokenCheck(tokenHash: string, sessionId: string): Promise<TokenCheck | null>
  /** Slides an active session's expiry; cheap to call on every request (writes at most about once a minute). */
  touch(session: SessionRecord): Promise<SessionRecord>
}

/** What `tokenCheck` found. */
export interface TokenCheck {
  clientId: string
  /** The session asked for, whoever's it is; `null` when there is none. */
  session: SessionRecord | null
}

/** Filters of the Backend API's `GET /v1/sessions`. */
export interface SessionFilter {
  userId?: string
  clientId?: string
  status?: string
}

const CLIENT_COLUMNS = 'id, last_active_session_id, created_at, updated_at'
const SESSION_COLUMNS = 'id, client_id, user_id, status, last_active_at, expire_at, abandon_at, created_at, updated_at'

/** Binds the client and session queries to `q`. */
export function sessionsRepo(q: Queryable, now: () => number, lifetime: SessionLifetime): SessionRepo {
  async function getClient(id: string): Promise<ClientRecord | null> {
    const { rows } = await q.query(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE id = $1`, [id])
    return rows[0] ? toClient(rows[0]) : null
  }

  async function repointLastActive(clientId: string): Promise<void> {
    await q.query(
      `UPDATE clients SET updated_at = $2, last_active_session_id = (
         SELECT id FROM sessions WHERE client_id = $1 AND status = 'active' AND expire_at > $2
         ORDER BY last_active_at DESC, id LIMIT 1)
       WHERE id = $1`,
      [clientId, now()],
    )
  }

  async function expireAndList(clientId: string): Promise<{ expired: boolean; sessions: SessionRecord[] }> {
    const t = now()
    const expired = await q.query(
      `UPDATE sessions SET status = 'expired', updated_at = $2
       WHERE client_id = $1 AND status = 'active' AND expire_at <= $2 RETURNING id`,
      [clientId, t],
    )
    if (expired.rows.length > 0) await repointLastActive(clientId)
    const { rows } = await q.query(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE client_id = $1 AND status = 'active' ORDER BY created_at, id`,
      [clientId],
    )
    return { expired: expired.rows.length > 0, sessions: rows.map(toSession) }
  }

  /** Ends the matching active sessions with `status` and repoints their clients' last active session. */
  async function endWhere(where: string, params: unknown[], status: Exclude<SessionStatus, 'active'>): Promise<SessionRecord[]> {
    const n = params.length
    const { rows } = await q.query(
      `UPDATE sessions SET status = $${n + 1}, updated_at = $${n + 2} WHERE ${where} AND status = 'active' RETURNING ${SESSION_COLUMNS}`,
      [...params, status, now()],
    )
    const sessions = rows.map(toSession)
    for (const clientId of new Set(sessions.map((session) => session.clientId))) await repointLastActive(clientId)
    return sessions
  }

  async function get(id: string): Promise<SessionRecord | null> {
    const { rows } = await q.query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [id])
    return rows[0] ? toSession(rows[0]) : null
  }

  return {
    getClient,
    get,
    async createClient(tokenHash) {
      const id = newId('client')
      const t = now()
      await q.query('INSERT INTO clients (id, token_hash, created_at, updated_at) VALUES ($1, $2, $3, $3)', [id, tokenHash, t])
      return { id, lastActiveSessionId: null, createdAt: t, updatedAt: t }
    },
    async clientByTokenHash(tokenHash) {
      const { rows } = await q.query(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE token_hash = $1`, [tokenHash])
      return rows[0] ? toClient(rows[0]) : null
    },
    async create(clientId, userId) {
      const id = newId('sess')
      const t = now()
      const expireAt = Math.min(t + lifetime.inactivityMs, t + lifetime.maxAgeMs)
      const { rows } = await q.query(
        `INSERT INTO sessions (id, client_id, user_id, status, last_active_at, expire_at, abandon_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'active', $4, $5, $6, $4, $4) RETURNING ${SESSION_COLUMNS}`,
        [id, clientId, userId, t, expireAt, t + lifetime.maxAgeMs],
      )
      await q.query('UPDATE clients SET last_active_session_id = $2, updated_at = $3 WHERE id = $1', [clientId, id, t])
      return toSession(rows[0] as Record<string, unknown>)
    },
    async listActive(clientId) {
      return (await expireAndList(clientId)).sessions
    },
    async activeState(client) {
      const { expired, sessions } = await expireAndList(client.id)
      return { client: expired ? ((await getClient(client.id)) ?? client) : client, sessions }
    },
    async end(id, status = 'ended') {
      const [ended] = await endWhere('id = $1', [id], status)
      return ended ?? get(id)
    },
    endAll: (clientId) => endWhere('client_id = $1', [clientId], 'ended'),
    revokeForUser: (userId) => endWhere('user_id = $1', [userId], 'revoked'),
    async tokenCheck(tokenHash, sessionId) {
      const { rows } = await q.query(
        `SELECT c.id AS own_client_id, ${SESSION_COLUMNS.split(', ').map((col) => `s.${col}`).join(', ')}
         FROM clients c LEFT JOIN sessions s ON s.id = $2 WHERE c.token_hash = $1`,
        [tokenHash, sessionId],
      )
      const row = rows[0]
      if (!row) return null
      return { clientId: row.own_client_id as string, session: row.id ? toSession(row) : null }
    },
    async list(filter, page) {
      const where: string[] = []
      const params: unknown[] = []
      if (filter.userId !== undefined) where.push(`user_id = $${params.push(filter.userId)}`)
      if (filter.clientId !== undefined) where.push(`client_id = $${params.push(filter.clientId)}`)
      const t = now()
      if (filter.status === 'active') where.push(`status = 'active' AND expire_at > $${params.push(t)}`)
      else if (filter.status === 'expired') where.push(`(status = 'expired' OR (status = 'active' AND expire_at <= $${params.push(t)}))`)
      else if (filter.status !== undefined) where.push(`status = $${params.push(filter.status)}`)
      const clause = where.length > 0 ? where.join(' AND ') : 'true'
      const { rows } = await q.query(
        `SELECT ${SESSION_COLUMNS} FROM sessions WHERE ${clause} ORDER BY created_at DESC, id DESC
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, page.offset],
      )
      const count = await q.query<{ n: unknown }>(`SELECT count(*) AS n FROM sessions WHERE ${clause}`, params)
      const sessions = rows.map(toSession).map((s) => (s.status === 'active' && s.expireAt <= t ? { ...s, status: 'expired' as const } : s))
      return { sessions, total: Number(count.rows[0]?.n ?? 0) }
    },
    async touch(session) {
      const t = now()
      // Writing on every request would make each GET a write; a minute of slack (less for short
      // lifetimes) is invisible to users.
      const slack = Math.min(60_000, lifetime.inactivityMs / 10)
      if (session.status !== 'active' || t - session.lastActiveAt < slack) return session
      const expireAt = Math.min(t + lifetime.inactivityMs, session.abandonAt)
      await q.query('UPDATE sessions SET last_active_at = $2, expire_at = $3, updated_at = $2 WHERE id = $1', [
        session.id,
        t,
        expireAt,
      ])
      return { ...session, lastActiveAt: t, expireAt, updatedAt: t }
    },
  }
}

/** The row mapper of `clients` (its token hash is never loaded). */
function toClient(row: Record<string, unknown>): ClientRecord {
  return {
    id: row.id as string,
    lastActiveSessionId: (row.last_active_session_id as string | null) ?? null,
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  }
}

/** The row mapper of `sessions`. */
function toSession(row: Record<string, unknown>): SessionRecord {
  return {
    id: row.id as string,
    clientId: row.client_id as string,
    userId: row.user_id as string,
    status: row.status as SessionStatus,
    lastActiveAt: ms(row.last_active_at),
    expireAt: ms(row.expire_at),
    abandonAt: ms(row.abandon_at),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  }
}
