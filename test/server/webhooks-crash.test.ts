/**
 * Webhooks survive a crash: the real `userkit-server` (server/node/cli.ts) in a child process,
 * killed with SIGKILL between a change and its delivery, then started again on the same data; the
 * event arrives, signed, with the `svix-id` it had before. On PGlite the data directory must
 * recover from the kill; with USERKIT_TEST_DATABASE_URL the server runs on a fresh PostgreSQL
 * database instead (`DATABASE_URL`).
 *
 * Both tests wait on the real clock, because the child's clock cannot be moved: the retry after a
 * refused connection is due 5 s later (RETRY_SCHEDULE_MS[1]); a lease taken by the killed process
 * runs out 30 s after it was taken (the 15 s send timeout + 15 s).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { ENVIRONMENT_ENDPOINT_ID } from '../../server/webhooks/endpoints.ts'
import { generateWebhookSecret } from '../../server/webhooks/sign.ts'
import { closeAdmin, createEmptyDatabase, TEST_DATABASE_URL } from '../helpers/postgres.ts'
import { freePort } from '../helpers/ports.ts'
import { type ReceivedWebhook, startReceiver, verified, type WebhookReceiver } from '../helpers/webhook-receiver.ts'

const SECRET_KEY = 'sk_test_crashcrashcrashcrashcrashcrashcrash00'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await closeAdmin()
})

/** Where the server keeps its data across the kill: a PGlite directory, or a PostgreSQL database. */
async function storage(): Promise<Record<string, string>> {
  if (TEST_DATABASE_URL) {
    const db = await createEmptyDatabase()
    cleanups.push(db.drop)
    return { DATABASE_URL: db.url }
  }
  const dir = mkdtempSync(join(tmpdir(), 'userkit-crash-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return { USERKIT_DATA_DIR: dir }
}

interface Child {
  url: string
  process: ChildProcess
  output: () => string
}

/** Starts `userkit-server` in development with `vars`; resolves with its URL once it says it listens. */
async function startServer(vars: Record<string, string>): Promise<Child> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  // Only what this test sets: none of the developer's own configuration.
  for (const key of Object.keys(env)) if (key.startsWith('USERKIT_') || key === 'DATABASE_URL' || key === 'PORT' || key === 'HOST') delete env[key]
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node/cli.ts'], {
    env: { ...env, USERKIT_ENV: 'development', USERKIT_SECRET_KEY: SECRET_KEY, HOST: '127.0.0.1', PORT: '0', ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  let output = ''
  child.stderr?.on('data', (chunk) => (output += chunk))
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      output += `${line}\n`
      const m = /listening on (http:\/\/\S+)/.exec(line)
      if (m) done(m[1] as string)
    })
    child.once('exit', (code, signal) => fail(new Error(`userkit-server exited (${code ?? signal}) before listening:\n${output}`)))
  })
  return { url, process: child, output: () => output }
}

/** SIGKILL: no shutdown code runs, nothing is flushed or closed. */
async function killHard(child: Child): Promise<void> {
  const exited = new Promise<NodeJS.Signals | null>((done) => child.process.once('exit', (_code, signal) => done(signal)))
  child.process.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
}

/** A Backend API call with the secret key. */
async function bapi(child: Child, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${child.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  return { status: res.status, body: (await res.json()) as any }
}

interface DeliveryJSON {
  id: string
  event_id: string
  event_type: string
  status: string
  attempts: number
  error: string | null
}

async function deliveries(child: Child): Promise<DeliveryJSON[]> {
  const { status, body } = await bapi(child, `/v1/webhook_endpoints/${ENVIRONMENT_ENDPOINT_ID}/deliveries?limit=100`)
  expect(status).toBe(200)
  return body.data
}

/** Polls the deliveries until `done` holds for them (fails after `timeoutMs`). */
async function deliveriesUntil(child: Child, done: (list: DeliveryJSON[]) => boolean, timeoutMs = 15_000): Promise<DeliveryJSON[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const list = await deliveries(child)
    if (done(list)) return list
    if (Date.now() > deadline) throw new Error(`the deliveries never got there: ${JSON.stringify(list)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Waits until the receiver has a webhook whose body is `type` about `id` (fails after `timeoutMs`). */
async function arrival(receiver: WebhookReceiver, type: string, id: string, timeoutMs: number): Promise<ReceivedWebhook> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const hit = receiver.received.find((w) => {
      const body = JSON.parse(w.body)
      return body.type === type && body.data?.id === id
    })
    if (hit) return hit
    const left = deadline - Date.now()
    if (left <= 0) throw new Error(`no ${type} for ${id}; the receiver got ${receiver.received.map((w) => JSON.parse(w.body).type).join(', ') || 'nothing'}`)
    await receiver.waitFor(receiver.received.length + 1, left).catch(() => undefined)
  }
}

describe('webhooks across a crash (userkit-server killed with SIGKILL)', () => {
  it('delivers an acknowledged change whose first attempt failed, after a restart on the same data', async () => {
    const data = await storage()
    const port = await freePort()
    const secret = generateWebhookSecret()
    // Nothing listens at the webhook URL yet: the first attempt is refused.
    const vars = { ...data, USERKIT_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks`, USERKIT_WEBHOOK_SECRET: secret }

    const first = await startServer(vars)
    const created = await bapi(first, '/v1/users', { method: 'POST', body: { email_address: ['crash@example.com'], first_name: 'Crash' } })
    expect(created.status).toBe(200)
    const userId = created.body.id as string
    // Every delivery (the demo user's too) has had its refused attempt recorded: a retry is due in 5 s.
    const before = await deliveriesUntil(first, (list) => list.length > 0 && list.every((d) => d.attempts >= 1))
    expect(before.every((d) => d.status === 'pending' && d.error === 'connection refused')).toBe(true)
    await killHard(first)

    const receiver = await startReceiver(port)
    cleanups.push(() => receiver.close())
    const second = await startServer(vars)
    const webhook = await arrival(receiver, 'user.created', userId, 20_000)
    const event = await verified(webhook, secret)
    expect(event).toMatchObject({ type: 'user.created', object: 'event', data: { id: userId, first_name: 'Crash' } })
    expect(event.data.email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual(['crash@example.com'])
    // The same event the killed process had attempted, not a new one.
    const ours = before.find((d) => d.event_id === webhook.headers['svix-id'])
    expect(ours).toMatchObject({ event_type: 'user.created', status: 'pending', attempts: 1, error: 'connection refused' })
    const after = await deliveriesUntil(second, (list) => list.find((d) => d.id === ours?.id)?.status === 'succeeded')
    expect(after.find((d) => d.id === ours?.id)).toMatchObject({ attempts: 2, error: null })
    // The change itself survived the kill too.
    expect((await bapi(second, `/v1/users/${userId}`)).body).toMatchObject({ id: userId, first_name: 'Crash' })
    expect(receiver.received.filter((w) => w.headers['svix-id'] === ours?.event_id)).toHaveLength(1)
    await killHard(second)
  }, 90_000)

  it('sends again, with the same svix-id, a delivery the killed process had in flight once its lease runs out', async () => {
    const data = await storage()
    const secret = generateWebhookSecret()
    const receiver = await startReceiver()
    cleanups.push(() => receiver.close())
    const vars = { ...data, USERKIT_WEBHOOK_URL: receiver.url, USERKIT_WEBHOOK_SECRET: secret }

    const first = await startServer(vars)
    // The demo user's event, answered: a pass sending it would hold back the next one.
    const [demo] = await receiver.waitFor(1)
    expect(JSON.parse(demo?.body ?? '{}')).toMatchObject({ type: 'user.created', data: { username: 'demo' } })
    // From now on the receiver holds every request: the sender dies mid-send, holding its lease.
    receiver.script.push(...Array.from({ length: 20 }, () => 'hang' as const))
    const created = await bapi(first, '/v1/users', { method: 'POST', body: { email_address: ['inflight@example.com'] } })
    expect(created.status).toBe(200)
    const userId = created.body.id as string
    const held = await arrival(receiver, 'user.created', userId, 15_000)
    expect(held.answered).toBe(0)
    await killHard(first)

    receiver.script.length = 0
    const sentBefore = receiver.received.length
    const second = await startServer(vars)
    const deadline = Date.now() + 60_000
    let again: ReceivedWebhook | undefined
    while (!again) {
      await receiver.waitFor(receiver.received.length + 1, Math.max(deadline - Date.now(), 1))
      again = receiver.received.slice(sentBefore).find((w) => JSON.parse(w.body).data?.id === userId)
    }
    expect(again.headers['svix-id']).toBe(held.headers['svix-id'])
    expect(again.body).toBe(held.body)
    expect(again.answered).toBe(200)
    const event = await verified(again, secret)
    expect(event).toMatchObject({ type: 'user.created', data: { id: userId } })
    const list = await deliveriesUntil(second, (l) => l.find((d) => d.event_id === held.headers['svix-id'])?.status === 'succeeded')
    // The killed attempt never recorded an outcome: this is the first one on record.
    expect(list.find((d) => d.event_id === held.headers['svix-id'])).toMatchObject({ attempts: 1, error: null })
    await killHard(second)
  }, 120_000)
})
