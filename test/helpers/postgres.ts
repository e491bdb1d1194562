/**
 * PostgreSQL for the server tests, chosen by `USERKIT_TEST_DATABASE_URL` (scripts/test.mjs sets it
 * for its second pass). Each test file migrates one template database; each test gets a fresh
 * database copied from it (`CREATE DATABASE … TEMPLATE`, a file copy, tens of milliseconds) that is
 * dropped when its server closes.
 */
import pg from 'pg'
import { postgresDatabase } from '../../server/node/postgres.ts'
import type { Database } from '../../server/storage/database.ts'
import { prepareTemplate } from './template.ts'

/** The PostgreSQL server URL for tests (any database on it; the helpers create their own), or undefined for PGlite. */
export const TEST_DATABASE_URL = process.env.USERKIT_TEST_DATABASE_URL || undefined

let admin: pg.Pool | undefined
const adminPool = () => (admin ??= new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 }))

const urlFor = (name: string) => {
  const url = new URL(TEST_DATABASE_URL as string)
  url.pathname = `/${name}`
  return url.toString()
}

const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`

/** Creates a template database, migrated and with a signing key (test/helpers/template.ts); answers its name. */
export async function createTemplateDatabase(): Promise<string> {
  const name = uniqueName('uk_tmpl')
  await adminPool().query(`CREATE DATABASE ${name}`)
  const pool = new pg.Pool({ connectionString: urlFor(name), max: 1 })
  try {
    await prepareTemplate(postgresDatabase(pool))
  } finally {
    await pool.end()
  }
  return name
}

/** A fresh, empty database (no schema): its URL, and `drop()`. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName('uk_empty')
  await adminPool().query(`CREATE DATABASE ${name}`)
  return { url: urlFor(name), drop: () => dropDatabase(name) }
}

/** A fresh database copied from `template`: its URL, and `drop()`. */
export async function createTestDatabase(template: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName('uk_test')
  await adminPool().query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`)
  return { url: urlFor(name), drop: () => dropDatabase(name) }
}

/** A pool on `url` whose stray connection errors (a database dropped under it) are ignored. */
export function testPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 5 })
  // A test's last connections may still be closing when the database is dropped.
  pool.on('error', () => undefined)
  return pool
}

/** A fresh database copied from `template`; closing it drops it. */
export async function cloneDatabase(template: string): Promise<Database> {
  const { url, drop } = await createTestDatabase(template)
  const db = postgresDatabase(testPool(url))
  return {
    ...db,
    async close() {
      await db.close()
      await drop()
    },
  }
}

/**
 * Drops a database. `pool.end()` resolves before the server has seen every disconnect, so a
 * plain DROP may still find a session: retry briefly, then force (which ends those sessions).
 */
export async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await adminPool().query(`DROP DATABASE IF EXISTS ${name}`)
      return
    } catch (error) {
      // 55006: object_in_use (other sessions are using the database).
      if ((error as { code?: string }).code !== '55006') throw error
      await new Promise((done) => setTimeout(done, 25))
    }
  }
  await adminPool().query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
}

/** Ends the admin connection (after a file's last test). */
export async function closeAdmin(): Promise<void> {
  const pool = admin
  admin = undefined
  await pool?.end()
}
