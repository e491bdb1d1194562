/**
 * Two userkit instances on one database, as behind a load balancer: nothing lives in an instance's
 * memory, so a session made on one works on the other and rate limits count across both. On
 * PostgreSQL (USERKIT_TEST_DATABASE_URL) each instance has its own connection pool; on PGlite they
 * share the one embedded database.
 */
import { PGlite } from '@electric-sql/pglite'
import { afterEach, describe, expect, it } from 'vitest'
import { createUserkitServer, type UserkitServer } from '../../server/app.ts'
import { postgresDatabase } from '../../server/node/postgres.ts'
import type { Database } from '../../server/storage/database.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import { createEmptyDatabase, createTemplateDatabase, createTestDatabase, dropDatabase, TEST_DATABASE_URL, testPool } from '../helpers/postgres.ts'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { fastHasher, firstError, ORIGIN, readJson } from '../helpers/server.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Two databases handles onto the same data: a copy of the test template, or (`empty`) a database with nothing in it. */
async function sharedDatabases(empty = false): Promise<[Database, Database]> {
  if (TEST_DATABASE_URL) {
    let url: string
    if (empty) {
      const created = await createEmptyDatabase()
      cleanups.push(created.drop)
      url = created.url
    } else {
      const template = await createTemplateDatabase()
      cleanups.push(() => dropDatabase(template))
      const created = await createTestDatabase(template)
      cleanups.push(created.drop)
      url = created.url
    }
    return [postgresDatabase(testPool(url)), postgresDatabase(testPool(url))]
  }
  const pglite = new PGlite()
  cleanups.push(() => pglite.close())
  const db = pgliteDatabase(pglite)
  // The PGlite instance is closed once, above; the servers' close() must not close it twice.
  const shared = { ...db, close: async () => undefined }
  return [shared, shared]
}

async function twoInstances(empty = false): Promise<[UserkitServer, UserkitServer]> {
  const [a, b] = await sharedDatabases(empty)
  const options = { publicUrl: 'https://users.example.com', passwordHasher: fastHasher, rateLimits: { signInPerIdentifier: { max: 2, windowMs: 60_000 } } }
  // Started together, as behind a load balancer: the migrations queue on their lock.
  const [first, second] = await Promise.all([createUserkitServer({ database: a, ...options }), createUserkitServer({ database: b, ...options })])
  cleanups.push(() => first.close(), () => second.close())
  return [first, second]
}

const signIn = (server: UserkitServer, identifier: string, password: string) =>
  server.app.request('/v1/client/sign_ins', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  })

describe('two instances on one database', () => {
  it('share the secret key, users, sessions and rate limits', async () => {
    const [a, b] = await twoInstances()
    expect(b.secretKey).toBe(a.secretKey)
    const create = await a.app.request('/v1/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${b.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: ['both@example.com'], password: 'long-password' }),
    })
    expect(create.status).toBe(200)

    // A session made on A works on B, and signing out on B ends it for A.
    const res = await signIn(a, 'both@example.com', 'long-password')
    expect(res.status).toBe(200)
    const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string
    const onB = await b.app.request('/v1/me', { headers: { cookie } })
    expect(onB.status).toBe(200)
    expect((await readJson(onB)).response.email_addresses[0].email_address).toBe('both@example.com')
    await b.app.request('/v1/client/sessions', { method: 'DELETE', headers: { cookie, origin: ORIGIN } })
    expect((await a.app.request('/v1/me', { headers: { cookie } })).status).toBe(401)

    // Two failures on A and one on B: the third is over the shared limit of two.
    for (const server of [a, a]) expect((await signIn(server, 'both@example.com', 'wrong-password')).status).toBe(422)
    const limited = await signIn(b, 'both@example.com', 'wrong-password')
    expect(limited.status).toBe(429)
    expect(await firstError(limited)).toMatchObject({ code: 'too_many_requests' })
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('make one first signing key when they start together, and verify each other’s tokens', async () => {
    const [a, b] = await twoInstances(true)
    const created = await a.app.request('/v1/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${a.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: ['keys@example.com'], password: 'long-password' }),
    })
    expect(created.status).toBe(200)
    // Both ask for their key at once, on a database that has none yet.
    const [ja, jb] = await Promise.all([a, b].map(async (s) => readJson(await s.app.request('/.well-known/jwks.json'))))
    expect(ja.keys).toHaveLength(1)
    expect(jb).toEqual(ja)
    const cookie = ((await signIn(a, 'keys@example.com', 'long-password')).headers.getSetCookie()[0] ?? '').split(';')[0] as string
    const client = await readJson(await b.app.request('/v1/client', { headers: { cookie } }))
    const minted = await readJson(await b.app.request(`/v1/client/sessions/${client.response.sessions[0].id}/tokens`, { method: 'POST', headers: { cookie, origin: ORIGIN } }))
    expect((await jwtVerify(minted.jwt, createLocalJWKSet(ja))).payload.sub).toBe((await created.json()).id)
  })
})
