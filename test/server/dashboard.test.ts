import { describe, expect, it } from 'vitest'
import { DASHBOARD_COOKIE } from '../../server/routes/dashboard.ts'
import { firstError, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

/** Signs in to the dashboard with the secret key; answers the `Cookie` header value. */
async function dashboardCookie(t: TestServer): Promise<string> {
  const res = await t.request('/dashboard/api/session', { method: 'POST', body: { secret_key: t.server.secretKey } })
  expect(res.status, await res.clone().text()).toBe(200)
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${DASHBOARD_COOKIE}=`))
  expect(line).toBeDefined()
  return (line as string).split(';')[0] as string
}

async function dashboardSessionCount(t: TestServer): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dashboard_sessions')
  return Number(rows[0]?.n)
}

describe('dashboard session', () => {
  it('given no cookie, should answer 401 on the session and on the proxied Backend API', async () => {
    const t = await createTestServer()
    for (const path of ['/dashboard/api/session', '/dashboard/api/v1/users']) {
      const res = await t.request(path)
      expect(res.status).toBe(401)
      expect((await firstError(res)).code).toBe('dashboard_signed_out')
    }
  })

  it('given the secret key, should set an HttpOnly, SameSite=Strict cookie on Path=/dashboard and keep only its hash', async () => {
    const t = await createTestServer()
    const res = await t.request('/dashboard/api/session', { method: 'POST', body: { secret_key: t.server.secretKey } })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.object).toBe('dashboard_session')
    const line = res.headers.getSetCookie().find((l) => l.startsWith(`${DASHBOARD_COOKIE}=`)) as string
    expect(line).toMatch(/HttpOnly/i)
    expect(line).toMatch(/SameSite=Strict/i)
    expect(line).toMatch(/Path=\/dashboard(;|$)/)
    const token = line.split(';')[0]!.split('=')[1] as string
    const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM dashboard_sessions')
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(rows[0]!.token_hash).not.toContain(token)
    const me = await t.request('/dashboard/api/session', { cookie: line.split(';')[0] })
    expect(me.status).toBe(200)
  })

  it('given a wrong key, should answer 422 at secret_key and create no session', async () => {
    const t = await createTestServer()
    const res = await t.request('/dashboard/api/session', { method: 'POST', body: { secret_key: `${t.server.secretKey}x` } })
    expect(res.status).toBe(422)
    const error = await firstError(res)
    expect(error.code).toBe('form_secret_key_incorrect')
    expect(error.meta.param_name).toBe('secret_key')
    expect(res.headers.getSetCookie()).toEqual([])
    expect(await dashboardSessionCount(t)).toBe(0)
  })

  it('given unknown or missing fields, should answer 422 and create no session', async () => {
    const t = await createTestServer()
    const unknown = await t.request('/dashboard/api/session', { method: 'POST', body: { secret_key: t.server.secretKey, admin: true } })
    expect(unknown.status).toBe(422)
    expect((await firstError(unknown)).code).toBe('form_param_unknown')
    const missing = await t.request('/dashboard/api/session', { method: 'POST', body: {} })
    expect(missing.status).toBe(422)
    expect((await firstError(missing)).code).toBe('form_param_missing')
    expect(await dashboardSessionCount(t)).toBe(0)
  })

  it('given the operator password configured at start, should accept it; without one configured, should refuse any password', async () => {
    const withPassword = await createTestServer({ dashboardPassword: 'operator pass phrase' })
    const ok = await withPassword.request('/dashboard/api/session', { method: 'POST', body: { password: 'operator pass phrase' } })
    expect(ok.status).toBe(200)
    const wrong = await withPassword.request('/dashboard/api/session', { method: 'POST', body: { password: 'operator pass' } })
    expect(wrong.status).toBe(422)
    expect((await firstError(wrong)).meta.param_name).toBe('password')

    const without = await createTestServer()
    const refused = await without.request('/dashboard/api/session', { method: 'POST', body: { password: 'anything at all' } })
    expect(refused.status).toBe(422)
    expect(await dashboardSessionCount(without)).toBe(0)
  })

  it('given repeated wrong keys, should answer 429 with Retry-After, even for the right key', async () => {
    const t = await createTestServer()
    for (let i = 0; i < 10; i++) {
      const res = await t.request('/dashboard/api/session', { method: 'POST', body: { secret_key: `wrong-${i}` } })
      expect(res.status).toBe(422)
    }
    const limited = await t.request('/dashboard/api/session', { method: 'POST', body: { secret_key: t.server.secretKey } })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await dashboardSessionCount(t)).toBe(0)
  })

  it('given an end user signed in on the Frontend API, should refuse their cookie', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    expect(cookie).toMatch(/^__client=/)
    for (const path of ['/dashboard/api/session', '/dashboard/api/v1/users']) {
      const res = await t.request(path, { cookie })
      expect(res.status).toBe(401)
    }
  })

  it('given a change without the own Origin, should answer 403 and create nothing', async () => {
    const t = await createTestServer()
    const foreign = await t.request('/dashboard/api/session', {
      method: 'POST',
      origin: 'https://evil.example',
      body: { secret_key: t.server.secretKey },
    })
    expect(foreign.status).toBe(403)
    expect((await firstError(foreign)).code).toBe('origin_invalid')
    const none = await t.request('/dashboard/api/session', { method: 'POST', origin: null, body: { secret_key: t.server.secretKey } })
    expect(none.status).toBe(403)
    expect(await dashboardSessionCount(t)).toBe(0)

    const cookie = await dashboardCookie(t)
    const users = await t.db.query('SELECT id FROM users')
    const create = await t.request('/dashboard/api/v1/users', {
      method: 'POST',
      cookie,
      origin: 'https://evil.example',
      body: { email_address: ['csrf@example.com'], password: 'correct horse battery staple' },
    })
    expect(create.status).toBe(403)
    expect((await t.db.query('SELECT id FROM users')).rows).toHaveLength(users.rows.length)
  })

  it('given sign-out, should forget the session and clear the cookie', async () => {
    const t = await createTestServer()
    const cookie = await dashboardCookie(t)
    const out = await t.request('/dashboard/api/session', { method: 'DELETE', cookie })
    expect(out.status).toBe(200)
    expect(out.headers.getSetCookie().join('\n')).toMatch(new RegExp(`${DASHBOARD_COOKIE}=;`))
    expect(await dashboardSessionCount(t)).toBe(0)
    expect((await t.request('/dashboard/api/session', { cookie })).status).toBe(401)
  })

  it('given two idle hours, should end the session', async () => {
    const t = await createTestServer()
    const cookie = await dashboardCookie(t)
    t.clock.advance(60 * 60 * 1000)
    expect((await t.request('/dashboard/api/session', { cookie })).status).toBe(200)
    t.clock.advance(2 * 60 * 60 * 1000 + 1)
    expect((await t.request('/dashboard/api/session', { cookie })).status).toBe(401)
  })
})

describe('dashboard proxy to the Backend API', () => {
  it('given a session, should list users through the Backend API handlers, private metadata included', async () => {
    const t = await createTestServer()
    const { user, email } = await t.createUser()
    await t.db.query(`UPDATE users SET private_metadata = '{"plan":"pro"}'::jsonb WHERE id = $1`, [user.id])
    const cookie = await dashboardCookie(t)
    const res = await t.request(`/dashboard/api/v1/users?query=${encodeURIComponent(email)}`, { cookie })
    expect(res.status, await res.clone().text()).toBe(200)
    const list = await readJson(res)
    expect(Array.isArray(list)).toBe(true)
    expect(list.map((u: { id: string }) => u.id)).toEqual([user.id])
    expect(list[0].private_metadata).toEqual({ plan: 'pro' })
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it('given a session, should create, merge metadata and delete through the proxy', async () => {
    const t = await createTestServer()
    const cookie = await dashboardCookie(t)
    const created = await t.request('/dashboard/api/v1/users', {
      method: 'POST',
      cookie,
      body: { email_address: ['grace@example.com'], password: 'correct horse battery staple', first_name: 'Grace' },
    })
    expect(created.status, await created.clone().text()).toBe(200)
    const user = await readJson(created)
    const merged = await t.request(`/dashboard/api/v1/users/${user.id}/metadata`, {
      method: 'PATCH',
      cookie,
      body: { public_metadata: { theme: 'dark' } },
    })
    expect(merged.status).toBe(200)
    expect((await readJson(merged)).public_metadata).toEqual({ theme: 'dark' })
    const deleted = await t.request(`/dashboard/api/v1/users/${user.id}`, { method: 'DELETE', cookie })
    expect(deleted.status).toBe(200)
    expect((await t.db.query('SELECT id FROM users WHERE id = $1', [user.id])).rows).toEqual([])
  })

  it('given a Backend API error, should pass it through unchanged', async () => {
    const t = await createTestServer()
    const cookie = await dashboardCookie(t)
    const res = await t.request('/dashboard/api/v1/users', { method: 'POST', cookie, body: { email_address: ['not-an-email'] } })
    expect(res.status).toBe(422)
    expect((await firstError(res)).meta.param_name).toBe('email_address')
  })

  it('given a Frontend API path, should not reach it: the dashboard never acts as an end user', async () => {
    const t = await createTestServer()
    const { cookie: endUser } = await t.signedInUser()
    const cookie = await dashboardCookie(t)
    for (const path of ['/dashboard/api/v1/me', '/dashboard/api/v1/client', '/dashboard/api/v1/environment']) {
      const res = await t.request(path, { cookie: `${cookie}; ${endUser}` })
      expect(res.status).toBe(404)
      expect((await firstError(res)).code).toBe('resource_not_found')
    }
  })

  it('given the secret key as a Bearer header but no dashboard session, should refuse; given a session, should count users', async () => {
    const t = await createTestServer()
    const cookie = await dashboardCookie(t)
    const forged = await t.request('/dashboard/api/v1/users', { headers: { authorization: `Bearer ${t.server.secretKey}` } })
    expect(forged.status).toBe(401)
    const res = await t.request('/dashboard/api/v1/users/count', { cookie })
    expect(res.status).toBe(200)
    expect(await readJson(res)).toEqual({ object: 'total_count', total_count: 0 })
  })
})
