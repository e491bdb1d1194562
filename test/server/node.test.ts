import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_USER, startUserkit } from '../../server/node/index.ts'
import { fastHasher } from '../helpers/server.ts'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'userkit-test-'))
  dirs.push(dir)
  return dir
}

describe('startUserkit (Node)', () => {
  // The one server test that opens a port: it is about the Node adapter itself.
  it('persists to the data dir, seeds the demo user once, serves the demo app, and closes', async () => {
    const dataDir = tempDir()
    const demoDir = tempDir()
    writeFileSync(join(demoDir, 'index.html'), '<!doctype html><title>demo shell</title>')
    mkdirSync(join(demoDir, 'assets'))
    writeFileSync(join(demoDir, 'assets', 'app.js'), 'console.log(1)')
    const lines: string[] = []
    const first = await startUserkit({ port: 0, env: 'development', dataDir, demoDir, passwordHasher: fastHasher, log: (l) => lines.push(l) })
    try {
      expect(lines).toContain(`Demo user: ${DEMO_USER.email}  password: ${DEMO_USER.password}`)
      const signIn = await fetch(`${first.url}/v1/client/sign_ins`, {
        method: 'POST',
        headers: { origin: first.url, 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: DEMO_USER.email, password: DEMO_USER.password }),
      })
      expect(signIn.status).toBe(200)
      expect(signIn.headers.get('content-type')).toBe('application/json')
      const wrong = await fetch(`${first.url}/v1/client/sign_ins`, {
        method: 'POST',
        headers: { origin: first.url, 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: DEMO_USER.email, password: 'nope nope' }),
      })
      expect(wrong.status).toBe(422)
      // The connection's address, not "unknown": the Node adapter supplies it.
      const window = first.server.options.rateLimits.signInPerIp.windowMs
      expect((await first.server.store.rateLimits.peek('signin:ip:127.0.0.1', window)).count).toBe(1)
      expect((await first.server.store.rateLimits.peek('signin:ip:unknown', window)).count).toBe(0)

      const page = await fetch(`${first.url}/account/settings`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('demo shell')
      const asset = await fetch(`${first.url}/assets/app.js`)
      expect(await asset.text()).toBe('console.log(1)')
      const api404 = await fetch(`${first.url}/v1/nothing-here`)
      expect(api404.status).toBe(404)
      expect(api404.headers.get('content-type')).toBe('application/json')
    } finally {
      await first.close()
    }
    await expect(fetch(`${first.url}/v1/environment`)).rejects.toThrow()
    expect(statSync(join(dataDir, 'pgdata')).isDirectory()).toBe(true)

    // Same data dir: same secret key, the demo user is not created twice.
    const second = await startUserkit({ port: 0, env: 'development', dataDir, demoDir: null, passwordHasher: fastHasher, log: () => {} })
    try {
      expect(second.server.secretKey).toBe(first.server.secretKey)
      expect(await second.server.store.users.count({})).toBe(1)
      // Without an app to serve, `/` says what is running and where.
      const page = await fetch(`${second.url}/`)
      expect(await page.text()).toContain('href="/dashboard/"')
    } finally {
      await second.close()
    }
  })

  it('creates no demo user in production', async () => {
    const lines: string[] = []
    const running = await startUserkit({ port: 0, dataDir: tempDir(), demoDir: null, env: 'production', publicUrl: 'https://users.example.com', log: (l) => lines.push(l) })
    try {
      expect(running.server.secretKey).toMatch(/^sk_live_/)
      expect(await running.server.store.users.count({})).toBe(0)
      expect(lines.join('\n')).not.toContain(DEMO_USER.email)
    } finally {
      await running.close()
    }
  })

  it('lets a request being answered finish, with the database, before close() resolves', async () => {
    let release!: () => void
    let started!: () => void
    const gate = new Promise<void>((done) => (release = done))
    const inHandler = new Promise<void>((done) => (started = done))
    const routes = new Hono().get('/api/slow', async (c) => {
      started()
      await gate
      return c.json({ users: await running.server.store.users.count({}) })
    })
    const running = await startUserkit({ port: 0, env: 'development', dataDir: tempDir(), demoDir: null, passwordHasher: fastHasher, log: () => {}, routes })
    const answer = fetch(`${running.url}/api/slow`).then(async (r) => ({ status: r.status, body: await r.json(), connection: r.headers.get('connection') }))
    await inHandler
    let closed = false
    const closing = running.close().then(() => (closed = true))
    // Closing refuses new connections at once, but waits for the request it is answering.
    await expect(fetch(`${running.url}/v1/environment`)).rejects.toThrow()
    expect(closed).toBe(false)
    release()
    expect(await answer).toEqual({ status: 200, body: { users: 1 }, connection: 'close' })
    await closing
    expect(closed).toBe(true)
  })
})

/** The server's own source files (not its build output or installed packages). */
function serverSources(dir = 'server', skip: readonly string[] = []): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (!['dist', 'node_modules'].includes(name) && !skip.includes(path)) out.push(...serverSources(path, skip))
    } else if (path.endsWith('.ts')) out.push(path)
  }
  return out
}

describe('the server core', () => {
  it('imports nothing Node-only outside server/node', () => {
    const offenders = serverSources('server', [join('server', 'node')]).filter((path) => {
      const text = readFileSync(path, 'utf8')
      return /from ['"](node:|fs|path|crypto|os|@hono\/node-server|pg['"])/.test(text) || /server\/node\//.test(text)
    })
    expect(offenders).toEqual([])
  })

  it('writes SQL only under server/storage', () => {
    const sql = /\b(SELECT\s.+\sFROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX)|ALTER TABLE)\b/
    const offenders = serverSources('server', [join('server', 'storage')]).filter((path) => sql.test(readFileSync(path, 'utf8')))
    expect(offenders).toEqual([])
    // The check sees SQL where there is some.
    expect(serverSources(join('server', 'storage')).filter((path) => sql.test(readFileSync(path, 'utf8'))).length).toBeGreaterThan(5)
  })
})
