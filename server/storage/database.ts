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
const UNIQUE_VIOLATION = '23505'

/** What a unique index guards, as the APIs name it. */
export type UniqueField = 'username' | 'external_id' | 'email_address' | 'phone_number' | 'provider_account'

/**
 * A write that broke a unique index, named by what the index guards. Repositories throw it; the
 * domain turns it into the APIs' `form_identifier_exists` (server/users/rules.ts) in one place.
 */
export class UniqueViolation extends Error {
  override name = 'UniqueViolation'
  constructor(readonly field: UniqueField) {
    super(`userkit: ${field} is taken`)
  }
}

/** The unique index that `error` violated, or `null` when it is not a unique violation. */
function violatedIndex(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown }
  if (e.code !== UNIQUE_VIOLATION) return null
  if (typeof e.constraint === 'string' && e.constraint) return e.constraint
  // PGlite does not always fill `constraint`; its message names the index either way.
  const named = typeof e.message === 'string' ? /"([^"]+)"/.exec(e.message) : null
  return named?.[1] ?? ''
}

/**
 * Runs one write and rethrows a violation of one of `indexes` as `UniqueViolation` with the field
 * that index guards; anything else passes through unchanged.
 */
export async function guardUnique<T>(indexes: Readonly<Record<string, UniqueField>>, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    const index = violatedIndex(error)
    const field = index === null ? undefined : indexes[index]
    if (field) throw new UniqueViolation(field)
    throw error
  }
}
