import { describe, expect, it } from 'vitest'
import { firstError, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const DAY = 24 * 60 * 60 * 1000

describe('GET /v1/client', () => {
  it('answers null in both places for a browser without a client', async () => {
    const t = await createTestServer()
    const res = await t.request('/v1/client')
    expect(res.status).toBe(200)
    expect(await readJson(res)).toEqual({ response: null, client: null })
  })

  it('answers the client with its active sessions and their users', async () => {
    const t = await createTestServer()
    const { user, cookie } = await t.signedInUser()
    const body = await readJson(await t.request('/v1/client', { cookie }))
    expect(body.response).toEqual(body.client)
    expect(body.client).toMatchObject({ object: 'client', sign_in: null, sign_up: null })
    expect(body.client.id).toMatch(/^client_/)
    expect(body.client.sessions).toEqual([
      expect.objectContaining({
        object: 'session',
        id: body.client.last_active_session_id,
        status: 'active',
        user_id: user.id,
        client_id: body.client.id,
        expire_at: t.clock.now() + 7 * DAY,
        abandon_at: t.clock.now() + 30 * DAY,
        user: expect.objectContaining({ id: user.id }),
      }),
    ])
    expect(body.client.sessions[0].id).toMatch(/^sess_/)
  })
})

describe('DELETE /v1/client/sessions', () => {
  it('ends every session of the client and keeps the client', async () => {
    const t = await createTestServer()
    const a = await t.createUser()
    const b = await t.createUser()
    const cookie = await t.signIn(a.email, a.password)
    await t.signIn(b.email, b.password, { cookie })
    const res = await t.request('/v1/client/sessions', { method: 'DELETE', cookie })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.client).toMatchObject({ sessions: [], last_active_session_id: null })
    expect(body.response).toEqual(body.client)
    const { rows } = await t.db.query<{ status: string }>('SELECT status FROM sessions')
    expect(rows.map((r) => r.status)).toEqual(['ended', 'ended'])
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
  })

  it('is harmless when signed out', async () => {
    const t = await createTestServer()
    const res = await t.request('/v1/client/sessions', { method: 'DELETE' })
    expect(res.status).toBe(200)
    expect(await readJson(res)).toEqual({ response: null, client: null })
  })

  it('needs an allowed Origin', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const res = await t.request('/v1/client/sessions', { method: 'DELETE', cookie, origin: null })
    expect(res.status).toBe(403)
    expect((await t.request('/v1/me', { cookie })).status).toBe(200)
  })
})

// `remove` is `end` recorded as `removed` (Clerk's two routes; webhooks tell session.ended from session.removed).
describe.each([
  ['end', 'ended'],
  ['remove', 'removed'],
] as const)('POST /v1/client/sessions/{id}/%s', (action, status) => {
  it('ends one session and falls back to the other one', async () => {
    const t = await createTestServer()
    const a = await t.createUser()
    const b = await t.createUser()
    const cookie = await t.signIn(a.email, a.password)
    await t.signIn(b.email, b.password, { cookie })
    const before = await readJson(await t.request('/v1/client', { cookie }))
    const current = before.client.last_active_session_id
    const res = await t.request(`/v1/client/sessions/${current}/${action}`, { method: 'POST', cookie })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toMatchObject({ object: 'session', id: current, status, user: null })
    expect(body.client.sessions).toHaveLength(1)
    expect(body.client.sessions[0].user.id).toBe(a.user.id)
    expect(body.client.last_active_session_id).toBe(body.client.sessions[0].id)
    expect((await readJson(await t.request('/v1/me', { cookie }))).response.id).toBe(a.user.id)
  })

  it("answers 404 for another browser's session and leaves it active", async () => {
    const t = await createTestServer()
    const victim = await t.signedInUser()
    const attacker = await t.signedInUser()
    const victimSession = (await readJson(await t.request('/v1/client', { cookie: victim.cookie }))).client.last_active_session_id
    const res = await t.request(`/v1/client/sessions/${victimSession}/${action}`, { method: 'POST', cookie: attacker.cookie })
    expect(res.status).toBe(404)
    expect(await firstError(res)).toMatchObject({ code: 'resource_not_found' })
    expect((await t.request('/v1/me', { cookie: victim.cookie })).status).toBe(200)
  })

  it('refuses a body with parameters (form_param_unknown) and keeps the session', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = (await readJson(await t.request('/v1/client', { cookie }))).client.last_active_session_id
    const res = await t.request(`/v1/client/sessions/${id}/${action}`, { method: 'POST', cookie, body: { force: true } })
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_param_unknown', meta: { param_name: 'force' } })
    expect((await t.request('/v1/me', { cookie })).status).toBe(200)
  })

  it('answers 404 for an unknown id and 401 without a client', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    expect((await t.request(`/v1/client/sessions/sess_doesnotexist/${action}`, { method: 'POST', cookie })).status).toBe(404)
    const res = await t.request(`/v1/client/sessions/sess_doesnotexist/${action}`, { method: 'POST' })
    expect(res.status).toBe(401)
    expect((await firstError(res)).code).toBe('signed_out')
  })
})

describe('session lifetime', () => {
  it('expires after 7 days without activity', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    t.clock.advance(7 * DAY + 1)
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
    const { rows } = await t.db.query<{ status: string }>('SELECT status FROM sessions')
    expect(rows).toEqual([{ status: 'expired' }])
    expect((await readJson(await t.request('/v1/client', { cookie }))).client.sessions).toEqual([])
  })

  it('slides with activity, up to 30 days', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    for (let day = 0; day < 4; day++) {
      t.clock.advance(6 * DAY)
      expect((await t.request('/v1/me', { cookie })).status).toBe(200)
    }
    t.clock.advance(6 * DAY - 1)
    expect((await t.request('/v1/me', { cookie })).status).toBe(200)
    // Day 30: active every six days, but at the hard limit.
    t.clock.advance(1)
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
  })

  it('honours a custom lifetime', async () => {
    const t = await createTestServer({ sessionLifetime: { inactivityMs: 60_000 } })
    const { cookie } = await t.signedInUser()
    t.clock.advance(59_000)
    expect((await t.request('/v1/me', { cookie })).status).toBe(200)
    // Used at 59 s, so it now lasts until 119 s.
    t.clock.advance(59_000)
    expect((await t.request('/v1/me', { cookie })).status).toBe(200)
    t.clock.advance(60_001)
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
  })
})
