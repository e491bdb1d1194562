import pg from 'pg'
import type { Database, Queryable } from '../storage/database.ts'

/**
 * Adapts a `pg` Pool (PostgreSQL 15 or newer) to `Database`. Node only: the server core never
 * imports it; `startUserkit` plugs it in when `DATABASE_URL` is set. Several userkit instances may
 * share one database: every piece of state (sessions, rate limits, OAuth state, images) lives there.
 */
export function postgresDatabase(pool: pg.Pool): Database {
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[])
      return { rows: result.rows as T[] }
    },
  })
  return {
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(wrap(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}

/** A pool for `url` (`postgres://user:pass@host:port/db`), with the size the Node server wants. */
export function postgresPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max })
  // An idle client's connection dropping (a database restart) must not crash the server.
  pool.on('error', (error) => console.error('userkit: PostgreSQL pool error', error.message))
  return pool
}
