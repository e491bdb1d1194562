// `npm run bench:server`: requests/s and p99 latency of GET /v1/me and POST /v1/users on PGlite and
// on PostgreSQL, with 1,000 and 100,000 users seeded by SQL, beside a bare Hono JSON handler (the
// ceiling). Each server runs in its own process; autocannon loads it from this one, on 127.0.0.1.
// Then webhooks (bench/server-webhooks.mjs): POST /v1/users with one endpoint against none, and a
// backlog's drain rate, on PGlite and on PostgreSQL. BENCH_ONLY=webhooks runs that part alone.
// Prints numbers only; nothing here is a pass/fail check.
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'
import { ensurePostgres, startTempPostgres } from '../scripts/postgres.mjs'
import { measureWebhooks } from './server-webhooks.mjs'

const DURATION = Number(process.env.BENCH_SECONDS || 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)
const ONLY = process.env.BENCH_ONLY || ''

/** Starts bench/server-target.ts; resolves with its ready line and a stop(). */
function startTarget(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server-target.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    child.once('exit', (code) => reject(new Error(`bench target ${args.join(' ')} exited with ${code}`)))
    createInterface({ input: child.stdout }).once('line', (line) => {
      const ready = JSON.parse(line)
      resolve({
        ...ready,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit')
            child.once('exit', done)
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...options }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

/** Runs of one load as one row: mean requests/s, worst p99, summed failures. */
function merged(runs) {
  return {
    requests: { average: runs.reduce((sum, r) => sum + r.requests.average, 0) / runs.length },
    latency: { p99: Math.max(...runs.map((r) => r.latency.p99)) },
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  }
}

async function measure(target, label) {
  const me = await load({ url: `${target.url}/v1/me`, headers: { cookie: target.cookie } })
  let n = 0
  const run = `${Date.now().toString(36)}${label.replace(/\W/g, '')}`
  const create = await load({
    url: `${target.url}/v1/users`,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${target.secretKey}`, 'content-type': 'application/json' },
        // Unique addresses; no password, so the figure is the API and the database, not scrypt.
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ email_address: [`load${run}${n++}@example.com`], first_name: 'Load' }) }),
      },
    ],
  })
  const row = (name, r) => ({
    server: label,
    request: name,
    'req/s': Math.round(r.requests.average),
    'p99 ms': r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  })
  const rowsOut = [row('GET /v1/me', me), row('POST /v1/users', create)]
  if (target.sessionId) {
    // Token minting, and the same work done by a bare handler on the same engine (bench/server-target.ts).
    // Both are warmed first (the JIT would otherwise favour whichever runs second), then loaded in
    // turn, twice each, so drift in the machine's speed falls on both alike.
    const tokenRequest = { method: 'POST', headers: { cookie: target.cookie, origin: target.url } }
    const mintRequest = { url: `${target.url}/v1/client/sessions/${target.sessionId}/tokens`, ...tokenRequest }
    const floorRequest = { url: `${target.floorUrl}/tokens`, ...tokenRequest }
    await load({ ...mintRequest, duration: 2 })
    await load({ ...floorRequest, duration: 2 })
    const mints = []
    const floors = []
    for (let round = 0; round < 2; round++) {
      mints.push(await load(mintRequest))
      floors.push(await load(floorRequest))
    }
    const mint = merged(mints)
    const floor = merged(floors)
    const minted = row('POST …/tokens', mint)
    const bare = row('POST …/tokens, bare Hono + 1 query + RS256', floor)
    minted['vs bare'] = (mint.requests.average / floor.requests.average).toFixed(2)
    rowsOut.push(minted, bare)
  }
  return rowsOut
}

const started = Date.now()
const rows = []
const webhookRows = []
const bin = await ensurePostgres()
const postgres = bin ? await startTempPostgres(bin) : null
try {
  const configs = [
    ['bare Hono JSON (ceiling)', ['--db=none']],
    ['PGlite, 1,000 users', ['--db=pglite', '--users=1000']],
    ['PGlite, 100,000 users', ['--db=pglite', '--users=100000']],
  ]
  /** The webhook measurements' databases: `dbArgs(i)` gives the i-th server its own. */
  const webhookConfigs = [['PGlite', () => ['--db=pglite']]]
  if (postgres) {
    // A database per configuration, so the 100,000-user run starts from a clean table.
    const { default: pg } = await import('pg')
    const admin = new pg.Client(postgres.url)
    await admin.connect()
    const urlOf = (name) => postgres.url.replace(/\/postgres$/, `/${name}`)
    for (const n of [1000, 100000]) {
      await admin.query(`CREATE DATABASE bench_${n}`)
      configs.push([`PostgreSQL, ${n.toLocaleString('en')} users`, ['--db=postgres', `--users=${n}`, `--database-url=${urlOf(`bench_${n}`)}`]])
    }
    for (const i of [0, 1, 2]) await admin.query(`CREATE DATABASE bench_webhooks_${i}`)
    webhookConfigs.push(['PostgreSQL', (i) => ['--db=postgres', `--database-url=${urlOf(`bench_webhooks_${i}`)}`]])
    await admin.end()
  } else {
    console.log('PostgreSQL is not installed: its rows are missing.')
  }
  if (ONLY !== 'webhooks') {
    for (const [label, args] of configs) {
      process.stdout.write(`${label}… `)
      const t0 = Date.now()
      const target = await startTarget(args)
      process.stdout.write(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; loading\n`)
      try {
        rows.push(...(await measure(target, label)))
        // autocannon stops at the deadline with requests still in the server; let them finish.
        await new Promise((done) => setTimeout(done, 500))
      } finally {
        await target.stop()
      }
    }
  }
  for (const [label, dbArgs] of webhookConfigs) {
    console.log(`webhooks on ${label}…`)
    webhookRows.push(...(await measureWebhooks({ label, dbArgs, startTarget, load, merged, duration: DURATION })))
  }
} finally {
  postgres?.stop()
}

console.log(`\n${CONNECTIONS} connections, ${DURATION} s per row, ${availableParallelism()} cores shared by server and load generator`)
if (rows.length > 0) {
  const ceiling = Object.fromEntries(rows.filter((r) => r.server.startsWith('bare')).map((r) => [r.request, r['req/s']]))
  for (const r of rows) r['% of ceiling'] = ceiling[r.request] ? `${Math.round((100 * r['req/s']) / ceiling[r.request])}%` : ''
  console.table(rows)
}
console.log('Webhooks: one endpoint (a receiver in this process answering 200 at once) against none; each load run twice, in turns')
console.table(webhookRows)
console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`)
