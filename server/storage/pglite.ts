// PGlite's declarations use Emscripten's global types but do not depend on them; this keeps an app
// that checks library types (skipLibCheck: false) compiling without installing them itself.
/// <reference types="emscripten" preserve="true" />
import type { PGliteInterface } from '@electric-sql/pglite'
import type { Database, Queryable } from './database.ts'

/**
 * Adapts a PGlite instance (embedded PostgreSQL in WebAssembly) to `Database`. The caller creates
 * the instance (in memory, on disk, or in IndexedDB) and the server closes it on `close()`.
 */
export function pgliteDatabase(pglite: PGliteInterface): Database {
  const wrap = (q: Pick<PGliteInterface, 'query'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[])
      return { rows: result.rows }
    },
  })
  return {
    ...wrap(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  }
}
