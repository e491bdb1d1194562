/**
 * The storage seam: everything the server keeps goes through this interface, so the same core runs
 * on embedded PGlite (Node or a browser page) and, later, on PostgreSQL through `pg`.
 */

/** Something that runs SQL: the database itself, or a transaction handed out by it. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and answers its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>
}

/** A database connection (or pool) the server owns from start-up until `close()`. */
export interface Database extends Queryable {
  /**
   * Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws.
   * Inside `fn`, use only `tx`; the outer database may be busy until the transaction ends.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Releases the connection; the server calls it from `close()`. */
  close(): Promise<void>
}

/** SQLSTATE for a unique-constraint violation, the same on PostgreSQL and PGlite. */
export const UNIQUE_VIOLATION = '23505'

/** Whether `error` is a unique violation (optionally of the named constraint or index). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown }
  if (e.code !== UNIQUE_VIOLATION) return false
  if (!constraint) return true
  // PGlite does not always fill `constraint`; its message names the index either way.
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint))
}
