import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserkitServer } from '../../server/app.ts'
import { newId, randomBase62 } from '../../server/ids.ts'
import { nodeScryptHasher } from '../../server/node/password.ts'
import { DEFAULT_SCRYPT, scryptHasher } from '../../server/password.ts'
import { migrate, migrations } from '../../server/storage/migrations/index.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import { fastHasher, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

describe('ids', () => {
  it('are a prefix and 27 base62 characters, all different', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('user')))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^user_[0-9A-Za-z]{27}$/)
    // Every base62 character shows up: no character is skipped by the sampling.
    expect(new Set(randomBase62(5000)).size).toBe(62)
  })
})

describe('migrations', () => {
  let pglite: PGlite
  beforeAll(async () => {
    pglite = new PGlite()
  })
  afterAll(async () => {
    await pglite.close()
  })

  it('apply once, record their versions, and are idempotent', async () => {
    const db = pgliteDatabase(pglite)
    await migrate(db, () => 1234)
    await migrate(db, () => 5678)
    const { rows } = await db.query<{ version: number; applied_at: number }>('SELECT version, applied_at FROM schema_migrations')
    expect(rows.map((r) => [Number(r.version), Number(r.applied_at)])).toEqual(migrations.map((m) => [m.version, 1234]))
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'blobs',
      'clients',
      'dashboard_sessions',
      'external_accounts',
      'handshake_nonces',
      'identifications',
      'oauth_states',
      'outbox',
      'rate_limits',
      'schema_migrations',
      'sessions',
      'settings',
      'signing_keys',
      'users',
      'webhook_deliveries',
      'webhook_endpoints',
      'webhook_events',
    ])
  })
})

describe('secret key', () => {
  it('is generated once, kept in the database and shared by every instance on it', async () => {
    const pglite = new PGlite()
    try {
      const db = pgliteDatabase(pglite)
      // A server is a production one unless told otherwise: its generated key says so.
      const a = await createUserkitServer({ database: db, publicUrl: 'https://users.example.com', passwordHasher: fastHasher })
      const b = await createUserkitServer({ database: db, publicUrl: 'https://users.example.com', passwordHasher: fastHasher })
      expect(a.secretKey).toMatch(/^sk_live_[0-9A-Za-z]{40}$/)
      expect(b.secretKey).toBe(a.secretKey)
      const { rows } = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'secret_key'")
      expect(rows).toEqual([{ value: a.secretKey }])
    } finally {
      await pglite.close()
    }
  })

  it('is a test key on a development server', async () => {
    const t = await createTestServer({ env: 'development' })
    expect(t.server.secretKey).toMatch(/^sk_test_[0-9A-Za-z]{40}$/)
  })

  it('comes from the options when given', async () => {
    const t = await createTestServer({ secretKey: 'sk_test_given' })
    expect(t.server.secretKey).toBe('sk_test_given')
  })
})

describe('store.createUser', () => {
  it('stores emails verified and primary, and hashes the password', async () => {
    const t = await createTestServer()
    const user = await t.server.createUser({ email: 'a@example.com', emailAddresses: ['b@example.com'], password: 'long enough' })
    expect(user.emailAddresses.map((e) => [e.value, e.verificationStatus])).toEqual([
      ['a@example.com', 'verified'],
      ['b@example.com', 'verified'],
    ])
    expect(user.primaryEmailAddressId).toBe(user.emailAddresses[0]?.id)
    expect(user.emailAddresses[0]?.id).toMatch(/^idn_/)
    const { rows } = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users')
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$16\$1\$1\$/)
    expect(rows[0]?.password_hash).not.toContain('long enough')
  })

  it('refuses an email another user has, in any case, and a taken username', async () => {
    const t = await createTestServer()
    await t.server.createUser({ email: 'Taken@Example.com', username: 'Taken' })
    await expect(t.server.createUser({ email: 'taken@example.COM' })).rejects.toMatchObject({
      status: 422,
      code: 'form_identifier_exists',
      param: 'email_address',
    })
    await expect(t.server.createUser({ email: 'other@example.com', username: 'TAKEN' })).rejects.toMatchObject({
      code: 'form_identifier_exists',
      param: 'username',
    })
    const { rows } = await t.db.query('SELECT id FROM users')
    expect(rows).toHaveLength(1)
  })

  it('applies the email, username and password rules', async () => {
    const t = await createTestServer()
    await expect(t.server.createUser({ email: 'not-an-email' })).rejects.toMatchObject({ code: 'form_param_format_invalid' })
    await expect(t.server.createUser({ email: 'a@example.com', username: 'no' })).rejects.toMatchObject({
      code: 'form_username_invalid_length',
    })
    await expect(t.server.createUser({ email: 'a@example.com', password: 'short' })).rejects.toMatchObject({
      code: 'form_password_length_too_short',
    })
  })
})

describe('password hashing', () => {
  it('defaults to a production cost of N = 2^15', () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 15, r: 8, p: 1 })
  })

  it('verifies the right password only, and never throws on a malformed hash', async () => {
    const hasher = scryptHasher({ N: 1024, r: 8, p: 1 })
    const stored = await hasher.hash('pässwörd')
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(await hasher.hash('pässwörd')).not.toBe(stored)
    expect(await hasher.verify('pässwörd', stored)).toBe(true)
    expect(await hasher.verify('passwörd', stored)).toBe(false)
    for (const bad of ['', 'scrypt$1024$8$1$abc', 'bcrypt$x', 'scrypt$1000$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAA', 'scrypt$2097152$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await hasher.verify('pässwörd', bad)).toBe(false)
    }
  })

  it('reads the same format with node:crypto and @noble/hashes', async () => {
    const noble = scryptHasher({ N: 1024 })
    const node = nodeScryptHasher({ N: 1024 })
    expect(await node.verify('secret words', await noble.hash('secret words'))).toBe(true)
    expect(await noble.verify('secret words', await node.hash('secret words'))).toBe(true)
    expect(await noble.verify('other words', await node.hash('secret words'))).toBe(false)
  })
})
