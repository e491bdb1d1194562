/**
 * One server under load for `npm run bench:server` (run by bench/server.mjs through tsx, in its own
 * process). `--db=pglite|postgres|none`, `--users=N` seeded with SQL, `--database-url=…` for
 * PostgreSQL. Prints one JSON line `{url, cookie, secretKey, sessionId, floorUrl}` when ready, then
 * serves until killed.
 *
 * `--webhook-url=URL` configures one endpoint for every event type (as `USERKIT_WEBHOOK_URL` does);
 * with `--webhook-gate` its deliveries wait until `POST /bench/webhooks/open`, so a backlog can be
 * built first and its draining timed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { PGlite } from '@electric-sql/pglite'
import { nodeWebhookTransport, postgresDatabase, postgresPool, startUserkit } from '../server/node/index.ts'
import type { Database } from '../server/storage/database.ts'
import { pgliteDatabase } from '../server/storage/pglite.ts'
import type { WebhookTransport } from '../server/webhooks/transport.ts'
import { generateWebhookSecret } from '../server/webhooks/sign.ts'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const db = arg('db') ?? 'pglite'
const users = Number(arg('users') ?? 1000)
const webhookUrl = arg('webhook-url')
const gated = process.argv.includes('--webhook-gate')

if (db === 'none') {
  // The ceiling: Hono on @hono/node-server answering a fixed JSON body, no database at all.
  const app = new Hono()
  const user = { object: 'user', id: 'user_bench', first_name: 'Bench', email_addresses: [], public_metadata: {} }
  app.get('/v1/me', (c) => c.json({ response: user, client: null }))
  app.post('/v1/users', async (c) => c.json({ ...user, echo: await c.req.json() }))
  const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${info.port}`, cookie: '', secretKey: '' }))
  })
  process.on('SIGTERM', () => http.close(() => process.exit(0)))
} else {
  const dataDir = db === 'pglite' ? mkdtempSync(join(tmpdir(), 'userkit-bench-')) : undefined
  // The bench seeds with SQL, so it opens the database itself and hands it to the server.
  const q = dataDir ? pgliteDatabase(new PGlite(join(dataDir, 'pgdata'))) : postgresDatabase(postgresPool(arg('database-url') ?? ''))
  let open!: () => void
  const gate = gated ? new Promise<void>((done) => (open = done)) : null
  const transport: WebhookTransport = gate ? async (request) => (await gate, nodeWebhookTransport(request)) : nodeWebhookTransport
  const routes = new Hono().post('/bench/webhooks/open', (c) => (open?.(), c.json({ open: true })))
  const running = await startUserkit({
    routes,
    ...(webhookUrl ? { webhooks: { endpoint: { url: webhookUrl, secret: generateWebhookSecret() }, transport } } : {}),
    port: 0,
    env: 'development',
    database: q,
    demoDir: null,
    dashboardDir: null,
    log: () => undefined,
    // The sign-in below is the only one; keep the limits out of the way of a bench.
    rateLimits: { signInPerIp: { max: 1_000_000, windowMs: 60_000 }, tokenMintPerSession: { max: 1_000_000_000, windowMs: 60_000 } },
  })
  // Seeded with SQL in one statement each: N users, each with a verified primary email.
  await q.query(
    `INSERT INTO users (id, username, first_name, last_name, primary_email_address_id, created_at, updated_at)
     SELECT 'user_seed' || lpad(i::text, 22, '0'), 'seed' || i, 'Seed', 'User ' || i, 'idn_seed' || lpad(i::text, 23, '0'),
            1700000000000 + i, 1700000000000 + i
     FROM generate_series(1, $1::int) AS i`,
    [users],
  )
  await q.query(
    `INSERT INTO identifications (id, user_id, type, value, verification_status, verification_strategy, verified_at, created_at, updated_at)
     SELECT 'idn_seed' || lpad(i::text, 23, '0'), 'user_seed' || lpad(i::text, 22, '0'), 'email_address', 'seed' || i || '@example.com',
            'verified', 'admin', 1700000000000 + i, 1700000000000 + i, 1700000000000 + i
     FROM generate_series(1, $1::int) AS i`,
    [users],
  )
  await q.query('ANALYZE')
  await running.server.createUser({ email: 'bench@example.com', password: 'bench-password', firstName: 'Bench' })
  const res = await fetch(`${running.url}/v1/client/sign_ins`, {
    method: 'POST',
    headers: { origin: running.url, 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: 'bench@example.com', password: 'bench-password' }),
  })
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0]
  if (res.status !== 200 || !cookie) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`)
  const sessionId = ((await res.json()) as { response: { id: string } }).response.id
  const floor = await tokenFloor(q, running.server.options.publicUrl)
  console.log(JSON.stringify({ url: running.url, cookie, secretKey: running.server.secretKey, sessionId, floorUrl: floor.url }))
  process.on('SIGTERM', () => {
    running.close().then(() => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      process.exit(0)
    })
  })
}

/**
 * The best a token request could do on the same engine: a bare Hono handler that looks the
 * browser's session up in one query and signs the same RS256 token (same header and claims) with
 * its own key. No rate limit, no envelope: the floor userkit's minting is measured against.
 */
async function tokenFloor(q: Database, issuer: string) {
  const { createHash, randomUUID } = await import('node:crypto')
  const { getCookie } = await import('hono/cookie')
  const { generateKeyPair, SignJWT } = await import('jose')
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 })
  const app = new Hono().post('/tokens', async (c) => {
    const hash = createHash('sha256').update(getCookie(c, '__client') ?? '').digest('hex')
    const { rows } = await q.query<{ id: string; user_id: string; created_at: unknown }>(
      `SELECT s.id, s.user_id, s.created_at FROM clients c JOIN sessions s ON s.id = c.last_active_session_id
       WHERE c.token_hash = $1 AND s.status = 'active' AND s.expire_at > $2`,
      [hash, Date.now()],
    )
    const session = rows[0]
    if (!session) return c.json({ errors: [] }, 401)
    const iat = Math.floor(Date.now() / 1000)
    const jwt = await new SignJWT({ azp: c.req.header('origin'), fva: [0, -1], sid: session.id, v: 2 })
      .setProtectedHeader({ alg: 'RS256', kid: 'ins_floor', typ: 'JWT', cat: 'cl_B7d4PD111AAA' })
      .setSubject(session.user_id)
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setNotBefore(iat - 10)
      .setExpirationTime(iat + 60)
      .setJti(randomUUID())
      .sign(privateKey)
    return c.json({ object: 'token', jwt })
  })
  return new Promise<{ url: string }>((done) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done({ url: `http://127.0.0.1:${info.port}` }))
  })
}
