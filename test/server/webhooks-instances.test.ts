/**
 * Two userkit instances on one database, both sending webhooks: each event reaches the endpoint
 * once (the claim's `FOR UPDATE SKIP LOCKED` and lease keep the other sender off a delivery it has
 * taken), and one user's events arrive in the order they happened. On PostgreSQL
 * (USERKIT_TEST_DATABASE_URL) each instance has its own pool, so the senders really run at once;
 * on PGlite they share the one embedded database.
 */
import { PGlite } from '@electric-sql/pglite'
import { afterEach, describe, expect, it } from 'vitest'
import { createUserkitServer, type UserkitServer } from '../../server/app.ts'
import { postgresDatabase } from '../../server/node/postgres.ts'
import type { Database } from '../../server/storage/database.ts'
import { pgliteDatabase } from '../../server/storage/pglite.ts'
import { fetchTransport, type WebhookTransport } from '../../server/webhooks/transport.ts'
import { createTemplateDatabase, createTestDatabase, dropDatabase, TEST_DATABASE_URL, testPool } from '../helpers/postgres.ts'
import { fastHasher, testClock } from '../helpers/server.ts'
import { type ReceivedWebhook, startReceiver, verified, type WebhookReceiver } from '../helpers/webhook-receiver.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Closes a server once, however often asked (a test may close its servers before the cleanup does). */
const closing = new WeakMap<UserkitServer, Promise<void>>()
function closeOnce(server: UserkitServer): Promise<void> {
  let closed = closing.get(server)
  if (!closed) closing.set(server, (closed = server.close()))
  return closed
}

/** Two database handles onto the same data (a copy of the test template). */
async function sharedDatabases(): Promise<[Database, Database]> {
  if (TEST_DATABASE_URL) {
    const template = await createTemplateDatabase()
    cleanups.push(() => dropDatabase(template))
    const created = await createTestDatabase(template)
    cleanups.push(created.drop)
    return [postgresDatabase(testPool(created.url)), postgresDatabase(testPool(created.url))]
  }
  const pglite = new PGlite()
  cleanups.push(() => pglite.close())
  const db = pgliteDatabase(pglite)
  // The PGlite instance is closed once, above; the servers' close() must not close it twice.
  const shared = { ...db, close: async () => undefined }
  return [shared, shared]
}

/** An instance's sender, counting what it sends; `failing` makes every send answer 503 without leaving the process. */
function countingTransport() {
  const state = { sent: 0, failing: false }
  const transport: WebhookTransport = (request) => {
    state.sent++
    return state.failing ? Promise.resolve({ status: 503 }) : fetchTransport(request)
  }
  return { state, transport }
}

type Sender = ReturnType<typeof countingTransport>['state']

async function twoInstances(webhooks: { pollIntervalMs: number }, now?: () => number): Promise<[UserkitServer, UserkitServer, Sender, Sender]> {
  const [dbA, dbB] = await sharedDatabases()
  const [ta, tb] = [countingTransport(), countingTransport()]
  const options = { publicUrl: 'https://users.example.com', passwordHasher: fastHasher, ...(now ? { now } : {}) }
  const [a, b] = await Promise.all([
    createUserkitServer({ database: dbA, ...options, webhooks: { ...webhooks, allowPrivateNetwork: true, transport: ta.transport } }),
    createUserkitServer({ database: dbB, ...options, webhooks: { ...webhooks, allowPrivateNetwork: true, transport: tb.transport } }),
  ])
  cleanups.push(() => closeOnce(a), () => closeOnce(b))
  return [a, b, ta.state, tb.state]
}

async function bapi(server: UserkitServer, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await server.app.request(path, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const body = (await res.json()) as any
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body
}

/** A receiver, and an endpoint for it added through instance `a`'s Backend API; answers its secret. */
async function endpointOn(a: UserkitServer): Promise<{ receiver: WebhookReceiver; secret: string; endpointId: string }> {
  const receiver = await startReceiver()
  cleanups.push(() => receiver.close())
  const created = await bapi(a, '/v1/webhook_endpoints', { method: 'POST', body: { url: receiver.url } })
  return { receiver, secret: created.secret, endpointId: created.id }
}

const USERS = 20

/**
 * USERS users, each created on one instance and renamed on the other, all users at once:
 * 2 × USERS events (`user.created`, then `user.updated`). Answers the user ids.
 */
async function changesOnBoth(a: UserkitServer, b: UserkitServer): Promise<string[]> {
  return Promise.all(
    Array.from({ length: USERS }, async (_, i) => {
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a]
      const user = await bapi(first, '/v1/users', { method: 'POST', body: { email_address: [`both${i}@example.com`], first_name: 'Before' } })
      await bapi(second, `/v1/users/${user.id}`, { method: 'PATCH', body: { first_name: `After ${i}` } })
      return user.id as string
    }),
  )
}

/** Every event arrived once, signed, and each user's `user.created` came before its `user.updated`. */
async function expectEachOnceInOrder(received: ReceivedWebhook[], secret: string, userIds: string[]) {
  const ok = received.filter((w) => w.answered === 200)
  const ids = ok.map((w) => w.headers['svix-id'])
  expect(ok).toHaveLength(2 * USERS)
  expect(new Set(ids).size).toBe(2 * USERS)
  const events = await Promise.all(ok.map((w) => verified(w, secret)))
  for (const [i, id] of userIds.entries()) {
    const mine = events.filter((e) => e.data.id === id)
    expect(mine.map((e) => e.type)).toEqual(['user.created', 'user.updated'])
    expect(mine.map((e) => e.data.first_name)).toEqual(['Before', `After ${i}`])
  }
}

describe('webhooks from two instances on one database', () => {
  it('deliver each event once and in order per user when both send at once', async () => {
    const [a, b, sentByA, sentByB] = await twoInstances({ pollIntervalMs: 0 })
    const { receiver, secret, endpointId } = await endpointOn(a)
    // Each write wakes its own instance's sender, so both send while the changes are being made.
    const userIds = await changesOnBoth(a, b)
    await Promise.all([a.webhooks.deliverDue(), b.webhooks.deliverDue()])

    await expectEachOnceInOrder(receiver.received, secret, userIds)
    expect(receiver.received).toHaveLength(2 * USERS)
    expect(sentByA.sent + sentByB.sent).toBe(2 * USERS)
    const deliveries = await bapi(b, `/v1/webhook_endpoints/${endpointId}/deliveries?limit=100`)
    expect(deliveries.total_count).toBe(2 * USERS)
    expect(deliveries.data.filter((d: { status: string; attempts: number }) => d.status === 'succeeded' && d.attempts === 1)).toHaveLength(2 * USERS)
  })

  it('retry each failed delivery once between them when both take the due retries at once', async () => {
    const clock = testClock()
    const [a, b, sentByA, sentByB] = await twoInstances({ pollIntervalMs: 0 }, clock.now)
    const { receiver, secret, endpointId } = await endpointOn(a)
    // The first attempts all fail (503) until the receiver is back.
    sentByA.failing = true
    sentByB.failing = true
    const userIds = await changesOnBoth(a, b)
    await Promise.all([a.webhooks.deliverDue(), b.webhooks.deliverDue()])
    const failedFirst = sentByA.sent + sentByB.sent
    expect(failedFirst).toBeGreaterThanOrEqual(USERS)
    expect(receiver.received).toHaveLength(0)

    sentByA.failing = false
    sentByB.failing = false
    clock.advance(5_000)
    // Every retry is due at the same instant, on both instances.
    await Promise.all([a.webhooks.deliverDue(), b.webhooks.deliverDue(), a.webhooks.deliverDue(), b.webhooks.deliverDue()])

    await expectEachOnceInOrder(receiver.received, secret, userIds)
    expect(receiver.received).toHaveLength(2 * USERS)
    expect(sentByA.sent + sentByB.sent - failedFirst).toBe(2 * USERS)
    const deliveries = await bapi(a, `/v1/webhook_endpoints/${endpointId}/deliveries?limit=100`)
    expect(deliveries.data.every((d: { status: string }) => d.status === 'succeeded')).toBe(true)
    expect(deliveries.total_count).toBe(2 * USERS)
  })

  it('deliver each event once from their background loops', async () => {
    const [a, b, sentByA, sentByB] = await twoInstances({ pollIntervalMs: 5 })
    const { receiver, secret } = await endpointOn(a)
    const userIds = await changesOnBoth(a, b)
    await receiver.waitFor(2 * USERS)
    // Closed, neither can send again: whatever they sent twice has arrived by now.
    await Promise.all([closeOnce(a), closeOnce(b)])

    await expectEachOnceInOrder(receiver.received, secret, userIds)
    expect(receiver.received).toHaveLength(2 * USERS)
    expect(sentByA.sent + sentByB.sent).toBe(2 * USERS)
  })
})
