/**
 * A database loaded from an SQL fixture (test/fixtures/databases/), on PGlite or, with
 * USERKIT_TEST_DATABASE_URL set, on a fresh PostgreSQL database. The SQL is a whole script, sent as
 * it is (PGlite's `exec`, `pg`'s simple query protocol), before any server sees the database.
 */
import { readFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { postgresDatabase } from '../../server/node/postgres.ts'
import type { Database } from '../../server/storage/database.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import { closeAdmin, createEmptyDatabase, TEST_DATABASE_URL, testPool } from './postgres.ts'

export async function loadFixtureDatabase(file: URL): Promise<Database> {
  const sql = await readFile(file, 'utf8')
  if (!TEST_DATABASE_URL) {
    const pglite = new PGlite()
    await pglite.exec(sql)
    return pgliteDatabase(pglite)
  }
  const { url, drop } = await createEmptyDatabase()
  const pool = testPool(url)
  await pool.query(sql)
  const db = postgresDatabase(pool)
  return {
    ...db,
    async close() {
      await db.close()
      await drop()
      await closeAdmin()
    },
  }
}
