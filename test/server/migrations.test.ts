import { readdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { afterEach, describe, expect, it } from 'vitest'
import { createUserkitServer, type UserkitServer } from '../../server/app.ts'
import type { Database } from '../../server/storage/database.ts'
import { checkMigrations, migrate, type Migration, migrations } from '../../server/storage/migrations/index.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import { loadFixtureDatabase } from '../helpers/fixture-database.ts'
import { fastHasher, ORIGIN } from '../helpers/server.ts'

const m = (version: number, name = `m${version}`, sql = 'SELECT 1'): Migration => ({ version, name, sql })

describe('the list of migrations', () => {
  it('should be 1, 2, 3 … in version order, one file per version, each file in the list', () => {
    expect(migrations.map((x) => x.version)).toEqual(migrations.map((_, i) => i + 1))
    const files = readdirSync('server/storage/migrations').filter((f) => f !== 'index.ts').sort()
    expect(files).toEqual(migrations.map((x) => `${String(x.version).padStart(4, '0')}-${x.name.replaceAll('_', '-')}.ts`))
  })

  it('should refuse a gap or a duplicate, naming it', () => {
    expect(() => checkMigrations([m(1), m(3)])).toThrow('migration 2 is missing')
    expect(() => checkMigrations([m(2)])).toThrow('migration 1 is missing')
    expect(() => checkMigrations([m(1), m(2, 'a'), m(2, 'b')])).toThrow('migration 2 is defined twice (a, b)')
    expect(checkMigrations([m(3), m(1), m(2)]).map((x) => x.version)).toEqual([1, 2, 3])
  })

  it('should apply them in version order whatever the list order, and each once', async () => {
    const pglite = new PGlite()
    try {
      const db = pgliteDatabase(pglite)
      // 2 needs the table 1 creates: given the other way round, only sorting makes this work.
      const list = [m(2, 'fill', 'INSERT INTO t VALUES (1)'), m(1, 'create', 'CREATE TABLE t (n integer)')]
      await migrate(db, () => 1, list)
      await migrate(db, () => 2, list)
      expect((await db.query('SELECT n FROM t')).rows).toEqual([{ n: 1 }])
      const done = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')
      expect(done.rows).toEqual([{ version: 1, name: 'create' }, { version: 2, name: 'fill' }])
    } finally {
      await pglite.close()
    }
  })
})

/** Every table's rows in the columns it had before the upgrade, in primary-key order. */
async function snapshot(db: Database): Promise<Record<string, unknown[]>> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  )
  const tables = new Map<string, string[]>()
  for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c.column_name])
  const out: Record<string, unknown[]> = {}
  for (const [table, cols] of tables) {
    const list = cols.map((c) => `"${c}"`).join(', ')
    // bytea as hex and bigint as text, so both engines and both drivers answer the same values.
    const { rows } = await db.query(`SELECT to_jsonb(x)::text AS row FROM (SELECT ${list} FROM ${table}) x ORDER BY 1`)
    out[table] = rows.map((r) => r.row)
  }
  return out
}

describe('upgrading a database of release 0.1.0', () => {
  const open: (UserkitServer | Database)[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => x.close()))
  })

  it('should keep every row, and serve its users as before', async () => {
    const db = await loadFixtureDatabase(new URL('../fixtures/databases/release-0.1.0.sql', import.meta.url))
    open.push(db)
    const before = await snapshot(db)
    expect(before.users).toHaveLength(5)
    // The fixture's own instant, so its pending code is still in time.
    const now = () => Date.UTC(2026, 10, 30, 12, 5)
    const server = await createUserkitServer({ database: db, env: 'development', passwordHasher: fastHasher, now })
    open.splice(0, 1, server)
    const after = await snapshot(db)
    // Every old row is still there as it was; the only new rows are the new migrations' records.
    for (const [table, rows] of Object.entries(before)) {
      // New settings appear at start (the webhook events' instance_id); the old ones stay as they were.
      if (table === 'schema_migrations' || table === 'settings') expect(after[table]).toEqual(expect.arrayContaining(rows))
      else expect({ table, rows: after[table] }).toEqual({ table, rows })
    }
    const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    expect(versions.rows.map((r) => Number(r.version))).toEqual(migrations.map((x) => x.version))

    // The generated secret key, the code key and the token key came through: the APIs work on the old rows.
    expect(server.secretKey).toBe('sk_test_pKBCMqeE1PhVMBiQUcBkVYCW8Xq6pf8or9gNqpiL')
    const bapi = await server.app.request('/v1/users?order_by=%2Bcreated_at', { headers: { authorization: `Bearer ${server.secretKey}` } })
    const users = (await bapi.json()) as { username: string | null; private_metadata: object; banned: boolean }[]
    expect(users.map((u) => u.username)).toEqual(['demo', 'ada_l', null, 'mallory', null])
    expect(users[1]?.private_metadata).toEqual({ stripe: 'cus_123' })
    expect(users[3]?.banned).toBe(true)

    const signIn = await server.app.request('/v1/client/sign_ins', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'ada@example.com', password: 'correct horse battery staple' }),
    })
    expect(signIn.status).toBe(200)
    const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0] as string
    const me = (await (await server.app.request('/v1/me', { headers: { cookie } })).json()) as { response: any }
    expect(me.response.email_addresses.map((e: any) => [e.email_address, e.verification?.status])).toEqual([
      ['ada@example.com', 'verified'],
      ['ada.work@example.com', 'verified'],
      ['ada.pending@example.com', 'unverified'],
      ['ada.link@example.com', 'unverified'],
      ['ada-dev@example.com', 'verified'],
    ])
    expect(me.response.phone_numbers[0].phone_number).toBe('+14155550123')
    expect(me.response.primary_phone_number_id).toBe(me.response.phone_numbers[0].id)
    expect(me.response.external_accounts[0]).toMatchObject({ provider: 'oauth_dev_oidc', provider_user_id: 'ada-dev' })
    const image = await server.app.request(new URL(me.response.image_url).pathname)
    expect(image.headers.get('content-type')).toBe('image/png')

    // The code the old server sent still verifies: the HMAC key in settings is the one it hashed with.
    const pending = me.response.email_addresses[2]
    const attempt = await server.app.request(`/v1/me/email_addresses/${pending.id}/attempt_verification`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '496112' }),
    })
    expect(attempt.status, await attempt.clone().text()).toBe(200)
  })
})
