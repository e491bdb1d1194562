import { randomBase62 } from '../ids.ts'
import type { Queryable } from './database.ts'
import { ms } from './records.ts'

/** How long an operator's dashboard session lasts. */
export interface DashboardSessionLifetime {
  /** Inactivity after which the session ends. Default 2 hours. */
  inactivityMs: number
  /** Hard limit from sign-in, however active. Default 12 hours. */
  maxAgeMs: number
}

/** 2 hours idle, 12 hours at most: an operator's key opens every user's data, so it lives short. */
export const DEFAULT_DASHBOARD_LIFETIME: DashboardSessionLifetime = {
  inactivityMs: 2 * 60 * 60 * 1000,
  maxAgeMs: 12 * 60 * 60 * 1000,
}

/** One row of `dashboard_sessions`. */
export interface DashboardSessionRecord {
  id: string
  lastActiveAt: number
  expireAt: number
  abandonAt: number
  createdAt: number
}

/** Operators' sessions, found by the SHA-256 of their cookie token; apart from end users' clients. */
export interface DashboardSessionRepo {
  create(tokenHash: string): Promise<DashboardSessionRecord>
  /** The live session with this token hash, its expiry slid forward; `null` when unknown or expired (then deleted). */
  useByTokenHash(tokenHash: string): Promise<DashboardSessionRecord | null>
  /** Ends the session with this token hash (sign-out). */
  deleteByTokenHash(tokenHash: string): Promise<void>
}

const COLUMNS = 'id, last_active_at, expire_at, abandon_at, created_at'

/** Binds the dashboard session queries to `q`. */
export function dashboardSessionsRepo(q: Queryable, now: () => number, lifetime: DashboardSessionLifetime): DashboardSessionRepo {
  return {
    async create(tokenHash) {
      const t = now()
      const { rows } = await q.query(
        `INSERT INTO dashboard_sessions (id, token_hash, last_active_at, expire_at, abandon_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $3) RETURNING ${COLUMNS}`,
        [`dsess_${randomBase62(27)}`, tokenHash, t, t + Math.min(lifetime.inactivityMs, lifetime.maxAgeMs), t + lifetime.maxAgeMs],
      )
      return toRecord(rows[0] as Record<string, unknown>)
    },
    async useByTokenHash(tokenHash) {
      const t = now()
      // Expired rows are swept on the way: nothing else reads them.
      await q.query('DELETE FROM dashboard_sessions WHERE expire_at <= $1', [t])
      const { rows } = await q.query(
        `UPDATE dashboard_sessions SET last_active_at = $2, expire_at = LEAST($2 + $3::bigint, abandon_at)
         WHERE token_hash = $1 RETURNING ${COLUMNS}`,
        [tokenHash, t, lifetime.inactivityMs],
      )
      return rows[0] ? toRecord(rows[0]) : null
    },
    async deleteByTokenHash(tokenHash) {
      await q.query('DELETE FROM dashboard_sessions WHERE token_hash = $1', [tokenHash])
    },
  }
}

/** The row mapper of `dashboard_sessions`. */
function toRecord(row: Record<string, unknown>): DashboardSessionRecord {
  return {
    id: row.id as string,
    lastActiveAt: ms(row.last_active_at),
    expireAt: ms(row.expire_at),
    abandonAt: ms(row.abandon_at),
    createdAt: ms(row.created_at),
  }
}
