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
  /** Ends one session (if still active) and repoints the client's last active session. */
  end(id: string, status?: Exclude<SessionStatus, 'active'>): Promise<SessionRecord | null>
  /** Ends every active session of a client. */
  endAll(clientId: string): Promise<void>
  /** Slides an active session's expiry; cheap to call on every request (writes at most about once a minute). */
  touch(session: SessionRecord): Promise<SessionRecord>
}

const SESSION_COLUMNS = 'id, client_id, user_id, status, last_active_at, expire_at, abandon_at, created_at, updated_at'

/** Binds the client and session queries to `q`. */
export function sessionsRepo(q: Queryable, now: () => number, lifetime: SessionLifetime): SessionRepo {
  async function getClient(id: string): Promise<ClientRecord | null> {
    const { rows } = await q.query('SELECT * FROM clients WHERE id = $1', [id])
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
      const { rows } = await q.query('SELECT * FROM clients WHERE token_hash = $1', [tokenHash])
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
      const { rows } = await q.query(
        `UPDATE sessions SET status = $2, updated_at = $3 WHERE id = $1 AND status = 'active' RETURNING ${SESSION_COLUMNS}`,
        [id, status, now()],
      )
      const row = rows[0]
      if (!row) return get(id)
      const session = toSession(row)
      await repointLastActive(session.clientId)
      return session
    },
    async endAll(clientId) {
      const t = now()
      await q.query(`UPDATE sessions SET status = 'ended', updated_at = $2 WHERE client_id = $1 AND status = 'active'`, [
        clientId,
        t,
      ])
      await q.query('UPDATE clients SET last_active_session_id = NULL, updated_at = $2 WHERE id = $1', [clientId, t])
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

function toClient(row: Record<string, unknown>): ClientRecord {
  return {
    id: row.id as string,
    lastActiveSessionId: (row.last_active_session_id as string | null) ?? null,
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  }
}

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
