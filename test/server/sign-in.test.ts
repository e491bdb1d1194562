import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../server/ids.ts'
import { firstError, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

describe('POST /v1/client/sign_ins', () => {
  it('signs in by email and sets an HttpOnly, SameSite=Lax client cookie (not Secure on localhost)', async () => {
    const t = await createTestServer()
    const { user, email, password } = await t.createUser()
    const res = await t.request('/v1/client/sign_ins', { method: 'POST', body: { identifier: email, password } })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toMatchObject({ object: 'session', status: 'active', user_id: user.id })
    expect(body.response.user.id).toBe(user.id)
    expect(body.client.sessions).toHaveLength(1)
    expect(body.client.last_active_session_id).toBe(body.response.id)
    expect(body.client.sessions[0].user.id).toBe(user.id)

    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__client='))
    expect(cookie).toBeDefined()
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/i)
  })

  it('sets a Secure cookie when the host is not localhost', async () => {
    const t = await createTestServer()
    const { email, password } = await t.createUser()
    const res = await t.server.app.request('https://auth.example.com/v1/client/sign_ins', {
      method: 'POST',
      headers: { origin: 'https://auth.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: email, password }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().find((c) => c.startsWith('__client='))).toMatch(/;\s*Secure/i)
  })

  it('stores only the SHA-256 of the cookie token', async () => {
    const t = await createTestServer()
    const { email, password } = await t.createUser()
    const cookie = await t.signIn(email, password)
    const token = cookie.slice('__client='.length)
    const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM clients')
    expect(rows).toEqual([{ token_hash: await sha256Hex(token) }])
    expect(JSON.stringify(rows)).not.toContain(token)
  })

  it('signs in by username, case-insensitively, and by email in another case', async () => {
    const t = await createTestServer()
    const { email, password } = await t.createUser({ username: 'Grace_H' })
    await t.signIn('grace_h', password)
    await t.signIn(email.toUpperCase(), password)
  })

  it('does not sign in with an unverified email address', async () => {
    const t = await createTestServer()
    const { user, password } = await t.createUser()
    await t.db.query(
      `INSERT INTO identifications (id, user_id, type, value, verification_status, created_at, updated_at)
       VALUES ('idn_pending', $1, 'email_address', 'pending@example.com', 'unverified', 0, 0)`,
      [user.id],
    )
    const res = await t.request('/v1/client/sign_ins', { method: 'POST', body: { identifier: 'pending@example.com', password } })
    expect(res.status).toBe(422)
    expect((await firstError(res)).code).toBe('form_identifier_not_found')
  })

  it('records last_sign_in_at', async () => {
    const t = await createTestServer()
    const { user, email, password } = await t.createUser()
    expect(user.lastSignInAt).toBeNull()
    const cookie = await t.signIn(email, password)
    const me = await readJson(await t.request('/v1/me', { cookie }))
    expect(me.response.last_sign_in_at).toBe(t.clock.now())
  })

  it('answers 422 form_identifier_not_found for an unknown identifier, and sets no cookie', async () => {
    const t = await createTestServer()
    const res = await t.request('/v1/client/sign_ins', {
      method: 'POST',
      body: { identifier: 'nobody@example.com', password: 'whatever password' },
    })
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_identifier_not_found', meta: { param_name: 'identifier' } })
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it('answers 422 form_password_incorrect for a wrong password', async () => {
    const t = await createTestServer()
    const { email } = await t.createUser()
    const res = await t.request('/v1/client/sign_ins', { method: 'POST', body: { identifier: email, password: 'wrong password!' } })
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_password_incorrect', meta: { param_name: 'password' } })
    const { rows } = await t.db.query('SELECT id FROM sessions')
    expect(rows).toEqual([])
  })

  it('refuses a strategy other than password, unknown fields and wrong types', async () => {
    const t = await createTestServer()
    const { email, password } = await t.createUser()
    const cases = [
      { body: { identifier: email, password, strategy: 'email_code' }, code: 'form_param_format_invalid', param: 'strategy' },
      { body: { identifier: email, password, remember: true }, code: 'form_param_unknown', param: 'remember' },
      { body: { identifier: email, password: 12345678 }, code: 'form_param_format_invalid', param: 'password' },
      { body: { identifier: email }, code: 'form_param_missing', param: 'password' },
    ]
    for (const { body, code, param } of cases) {
      const res = await t.request('/v1/client/sign_ins', { method: 'POST', body })
      expect(res.status).toBe(422)
      expect(await firstError(res)).toMatchObject({ code, meta: { param_name: param } })
    }
    const { rows } = await t.db.query('SELECT id FROM sessions')
    expect(rows).toEqual([])
  })

  it('reuses the browser client on a second sign-in', async () => {
    const t = await createTestServer()
    const a = await t.createUser()
    const b = await t.createUser()
    const cookie = await t.signIn(a.email, a.password)
    const res = await t.request('/v1/client/sign_ins', {
      method: 'POST',
      cookie,
      body: { identifier: b.email, password: b.password },
    })
    const body = await readJson(res)
    expect(res.headers.getSetCookie()).toEqual([])
    expect(body.client.sessions).toHaveLength(2)
    expect(body.client.last_active_session_id).toBe(body.response.id)
    const me = await readJson(await t.request('/v1/me', { cookie }))
    expect(me.response.id).toBe(b.user.id)
  })

  it('refuses a sign-in without an allowed Origin (login CSRF)', async () => {
    const t = await createTestServer()
    const { email, password } = await t.createUser()
    for (const origin of [null, 'https://evil.example']) {
      const res = await t.request('/v1/client/sign_ins', { method: 'POST', origin, body: { identifier: email, password } })
      expect(res.status).toBe(403)
      expect((await firstError(res)).code).toBe('origin_invalid')
      expect(res.headers.getSetCookie()).toEqual([])
    }
  })

  it('replaces the session when the same user signs in again on this browser', async () => {
    const t = await createTestServer()
    const { email, password } = await t.createUser()
    const cookie = await t.signIn(email, password)
    const res = await t.request('/v1/client/sign_ins', { method: 'POST', cookie, body: { identifier: email, password } })
    const body = await readJson(res)
    expect(body.client.sessions.map((s: { id: string }) => s.id)).toEqual([body.response.id])
    const { rows } = await t.db.query<{ status: string }>('SELECT status FROM sessions ORDER BY created_at, status')
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'ended'])
  })

  it('refuses a banned user', async () => {
    const t = await createTestServer()
    const { user, email, password } = await t.createUser()
    await t.db.query('UPDATE users SET banned = true WHERE id = $1', [user.id])
    const res = await t.request('/v1/client/sign_ins', { method: 'POST', body: { identifier: email, password } })
    expect(res.status).toBe(403)
    expect((await firstError(res)).code).toBe('user_banned')
  })
})

describe('sign-in rate limits', () => {
  const limits = {
    signInPerIdentifier: { max: 3, windowMs: 60_000 },
    signInPerIp: { max: 5, windowMs: 60_000 },
  }
  const attempt = (t: Awaited<ReturnType<typeof createTestServer>>, identifier: string, password: string, ip?: string) =>
    t.request('/v1/client/sign_ins', {
      method: 'POST',
      body: { identifier, password },
      headers: ip ? { 'x-forwarded-for': ip } : {},
    })

  it('limits failures per identifier, from any IP, with 429 and Retry-After', async () => {
    const t = await createTestServer({ rateLimits: limits, trustProxy: true })
    const { email, password } = await t.createUser()
    for (let i = 0; i < 3; i++) expect((await attempt(t, email, 'wrong password', `10.0.0.${i}`)).status).toBe(422)
    t.clock.advance(15_000)
    // Even the right password is refused now: the limit is what stops guessing.
    const res = await attempt(t, email.toUpperCase(), password, '10.0.1.1')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('45')
    expect(await firstError(res)).toMatchObject({ code: 'too_many_requests' })
    t.clock.advance(45_000)
    expect((await attempt(t, email, password, '10.0.1.1')).status).toBe(200)
  })

  it('limits failures per IP across identifiers', async () => {
    const t = await createTestServer({ rateLimits: limits, trustProxy: true })
    const { email, password } = await t.createUser()
    for (let i = 0; i < 5; i++) expect((await attempt(t, `ghost${i}@example.com`, 'x', '192.0.2.7')).status).toBe(422)
    const blocked = await attempt(t, email, password, '192.0.2.7')
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await attempt(t, email, password, '192.0.2.8')).status).toBe(200)
  })

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const t = await createTestServer({ rateLimits: limits })
    for (let i = 0; i < 5; i++) expect((await attempt(t, `ghost${i}@example.com`, 'x', `198.51.100.${i}`)).status).toBe(422)
    // All five came from the same (unknown) connection address, whatever the header claimed.
    expect((await attempt(t, 'ghost9@example.com', 'x', '198.51.100.99')).status).toBe(429)
  })

  it('uses the connection address from getClientIp when given', async () => {
    let ip = '203.0.113.1'
    const t = await createTestServer({ rateLimits: limits, getClientIp: () => ip })
    for (let i = 0; i < 5; i++) await attempt(t, `ghost${i}@example.com`, 'x')
    expect((await attempt(t, 'ghost@example.com', 'x')).status).toBe(429)
    ip = '203.0.113.2'
    expect((await attempt(t, 'ghost@example.com', 'x')).status).toBe(422)
  })

  it('does not count successful sign-ins, and a success clears the identifier', async () => {
    const t = await createTestServer({ rateLimits: limits, trustProxy: true })
    const { email, password } = await t.createUser()
    for (let i = 0; i < 8; i++) expect((await attempt(t, email, password, '192.0.2.1')).status).toBe(200)
    expect((await attempt(t, email, 'wrong', '192.0.2.1')).status).toBe(422)
    expect((await attempt(t, email, 'wrong', '192.0.2.1')).status).toBe(422)
    expect((await attempt(t, email, password, '192.0.2.1')).status).toBe(200)
    expect((await attempt(t, email, 'wrong', '192.0.2.1')).status).toBe(422)
    expect((await attempt(t, email, 'wrong', '192.0.2.1')).status).toBe(422)
    expect((await attempt(t, email, 'wrong', '192.0.2.1')).status).toBe(422)
    expect((await attempt(t, email, 'wrong', '192.0.2.1')).status).toBe(429)
  })

  it('keeps the counters in the database', async () => {
    const t = await createTestServer({ rateLimits: limits, trustProxy: true })
    await attempt(t, 'Someone@Example.com', 'x', '192.0.2.3')
    const { rows } = await t.db.query<{ key: string; count: number }>('SELECT key, count FROM rate_limits ORDER BY key')
    expect(rows).toEqual([
      { key: 'signin:id:someone@example.com', count: 1 },
      { key: 'signin:ip:192.0.2.3', count: 1 },
    ])
  })
})
