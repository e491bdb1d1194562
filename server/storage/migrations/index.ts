import type { Database } from '../database.ts'
import { migration as initial } from './0001-initial.ts'
import { migration as outbox } from './0002-outbox.ts'
import { migration as externalAccounts } from './0003-external-accounts.ts'
import { migration as backendApiIndexes } from './0004-backend-api-indexes.ts'
import { migration as dashboardSessions } from './0005-dashboard-sessions.ts'
import { migration as sessionTokens } from './0006-session-tokens.ts'
import { migration as webhooks } from './0007-webhooks.ts'

/**
 * One schema change. Every statement must run on PostgreSQL 15 and on PGlite (PostgreSQL 18).
 * Timestamps are Unix milliseconds in `bigint` columns, the wire's unit, so the server's injectable
 * clock decides every time and nothing depends on the database's time zone.
 */
export interface Migration {
  /** 1, 2, 3 …: the order of application, and the file's number (`0003-external-accounts.ts`). */
  version: number
  name: string
  sql: string
}

/**
 * Checks a list of migrations and answers it in version order: versions must run 1, 2, 3 … with no
 * gap and no duplicate, so a forgotten or doubled file stops the server instead of skewing a schema.
 */
export function checkMigrations(list: readonly Migration[]): readonly Migration[] {
  const sorted = [...list].sort((a, b) => a.version - b.version)
  sorted.forEach((migration, index) => {
    const expected = index + 1
    if (migration.version === sorted[index - 1]?.version) {
      throw new Error(`userkit: migration ${migration.version} is defined twice (${sorted[index - 1]?.name}, ${migration.name}).`)
    }
    if (migration.version !== expected) {
      throw new Error(`userkit: migration ${expected} is missing (found ${migration.version}, ${migration.name}, after ${expected - 1}).`)
    }
  })
  return sorted
}

/**
 * Every migration, one file per version, imported statically: the core also runs in a browser page,
 * which has no file system to list. Append new files; never edit one that has shipped.
 */
export const migrations = checkMigrations([initial, outbox, externalAccounts, backendApiIndexes, dashboardSessions, sessionTokens, webhooks])

/** An arbitrary constant: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = 7_261_100

/**
 * Applies, in version order, the migrations not yet recorded in `schema_migrations`, each once, all
 * in one transaction (PostgreSQL DDL is transactional). Safe when several instances start together:
 * they queue on an advisory lock, and the later ones find the work done.
 */
export async function migrate(db: Database, now: () => number = Date.now, list: readonly Migration[] = migrations): Promise<void> {
  const ordered = checkMigrations(list)
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)',
    )
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(done.rows.map((r) => Number(r.version)))
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue
      for (const statement of splitStatements(migration.sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now(),
      ])
    }
  })
}

/** One statement per `query` call: the extended protocol (used by `pg` with params) allows only one. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0)
}
