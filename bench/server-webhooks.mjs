// The webhook part of `npm run bench:server`: what one endpoint costs POST /v1/users, and how fast
// the sender drains a backlog. The receiver is a plain node:http server in the bench process on
// 127.0.0.1 answering 200 at once. Prints numbers only; nothing here is a pass/fail check.
import { createServer } from 'node:http'

/**
 * A receiver on 127.0.0.1 that answers 200 at once and counts what arrives: per `svix-id` (for
 * duplicates) and per load marker, the run's prefix of the email addresses in the event.
 */
export async function startReceiver() {
  const ids = new Map()
  const byMarker = new Map()
  let waiter = null
  const http = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const id = req.headers['svix-id']
      ids.set(id, (ids.get(id) ?? 0) + 1)
      const marker = /"(wh\w+?x)\d+@example\.com"/.exec(Buffer.concat(chunks).toString('utf8'))?.[1]
      if (marker) {
        const m = byMarker.get(marker) ?? { count: 0, lastAt: 0 }
        m.count++
        m.lastAt = performance.now()
        byMarker.set(marker, m)
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
      waiter?.()
    })
  })
  await new Promise((done) => http.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${http.address().port}/webhooks`,
    /** Deliveries of one svix-id beyond the first. */
    duplicates: () => [...ids.values()].reduce((sum, n) => sum + n - 1, 0),
    /** Resolves with the time (performance.now()) the `count`-th event of `marker` arrived; rejects after `timeoutMs`. */
    async until(marker, count, timeoutMs = 300_000) {
      const deadline = performance.now() + timeoutMs
      for (;;) {
        const m = byMarker.get(marker)
        if (m && m.count >= count) return m.lastAt
        if (performance.now() > deadline) throw new Error(`only ${m?.count ?? 0} of ${count} webhooks arrived`)
        await new Promise((done) => {
          waiter = done
          setTimeout(done, 250)
        })
      }
    },
    // The senders' keep-alive sockets would otherwise hold close() open.
    close: () => new Promise((done) => (http.closeAllConnections(), http.close(done))),
  }
}

/**
 * For one database, three servers each on its own database: without any endpoint; with one endpoint
 * whose sender delivers to the receiver meanwhile, as in production; and with one endpoint whose
 * deliveries are held behind the target's gate (so only the outbox writes inside each request's
 * transaction are paid). Each is warmed, then all are loaded in turn, twice, so drift in the
 * machine's speed falls on all alike. Then the held server's gate opens and the backlog its load
 * built is timed until the last event arrives.
 */
export async function measureWebhooks({ label, dbArgs, startTarget, load, merged, duration }) {
  const receiver = await startReceiver()
  const rows = []
  const row = (measure, value, unit, r) => ({
    server: label,
    measure,
    value,
    unit,
    'p99 ms': r ? r.latency.p99 : '',
    'non2xx+errors': r ? r.non2xx + r.errors : '',
  })
  const createUsers = (target, marker) => {
    let n = 0
    return {
      url: `${target.url}/v1/users`,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${target.secretKey}`, 'content-type': 'application/json' },
          // Unique addresses; no password, so the figure is the API, the database and the outbox, not scrypt.
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ email_address: [`${marker}${n++}@example.com`], first_name: 'Load' }) }),
        },
      ],
    }
  }
  const stamp = Date.now().toString(36)
  const servers = [
    { name: 'POST /v1/users, no endpoint', args: [] },
    { name: 'POST /v1/users, 1 endpoint', args: [`--webhook-url=${receiver.url}`] },
    { name: 'POST /v1/users, 1 endpoint, deliveries held', args: [`--webhook-url=${receiver.url}`, '--webhook-gate'] },
  ]
  try {
    for (const [i, s] of servers.entries()) {
      s.target = await startTarget([...dbArgs(i), '--users=1000', ...s.args])
      s.marker = `wh${stamp}s${i}x`
      s.load = createUsers(s.target, s.marker)
      s.runs = [await load({ ...s.load, duration: 2 })]
    }
    for (let round = 0; round < 2; round++) {
      for (const s of servers) {
        s.runs.push(await load({ ...s.load, duration }))
        s.loadEnded = performance.now()
      }
    }
    // autocannon stops at the deadline with requests still in the servers; let them finish.
    await new Promise((done) => setTimeout(done, 500))
    const [off, on, held] = servers.map((s) => ({ ...s, result: merged(s.runs.slice(1)), made: s.runs.reduce((sum, r) => sum + r['2xx'], 0) }))
    const change = (r) => {
      const pct = (100 * (r.requests.average - off.result.requests.average)) / off.result.requests.average
      return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`
    }
    rows.push(row(off.name, Math.round(off.result.requests.average), 'req/s', off.result))
    rows.push(row(on.name, Math.round(on.result.requests.average), 'req/s', on.result))
    rows.push(row(held.name, Math.round(held.result.requests.average), 'req/s', held.result))
    rows.push(row('change with 1 endpoint', change(on.result), ''))
    rows.push(row('change with 1 endpoint, deliveries held', change(held.result), ''))
    // Each 2xx wrote one event; the last of them arrived this long after that server's last load stopped.
    const lastAt = await receiver.until(on.marker, on.made)
    rows.push(row(`last of its ${on.made.toLocaleString('en')} events arrived after its load`, Math.round(lastAt - on.loadEnded), 'ms'))

    // The held server's backlog, drained once the gate opens.
    const t0 = performance.now()
    const opened = await fetch(`${held.target.url}/bench/webhooks/open`, { method: 'POST' })
    if (!opened.ok) throw new Error(`the bench target's gate did not open: ${opened.status}`)
    const seconds = ((await receiver.until(held.marker, held.made)) - t0) / 1000
    rows.push(row(`backlog of ${held.made.toLocaleString('en')} events drained`, Math.round(held.made / seconds), 'events/s'))
    rows.push(row('duplicate deliveries (same svix-id twice)', receiver.duplicates(), ''))
  } finally {
    await Promise.all(servers.map((s) => s.target?.stop()))
    await receiver.close()
  }
  return rows
}
