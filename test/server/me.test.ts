import { describe, expect, it } from 'vitest'
import { firstError, ORIGIN, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const patch = (body: unknown, cookie: string, extra: Record<string, unknown> = {}) => ({
  method: 'PATCH',
  body,
  cookie,
  ...extra,
})

describe('GET /v1/me', () => {
  it('answers the user in the envelope, whose client carries the same user', async () => {
    const t = await createTestServer()
    const { user, email, cookie } = await t.signedInUser({ firstName: 'Ada', lastName: 'Lovelace', username: 'ada_l' })
    const res = await t.request('/v1/me', { cookie })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toMatchObject({
      object: 'user',
      id: user.id,
      first_name: 'Ada',
      last_name: 'Lovelace',
      username: 'ada_l',
      has_image: false,
      password_enabled: true,
      primary_email_address_id: user.emailAddresses[0]?.id,
    })
    expect(body.response.id).toMatch(/^user_[0-9A-Za-z]{27}$/)
    expect(body.response.email_addresses).toEqual([
      expect.objectContaining({
        object: 'email_address',
        email_address: email,
        linked_to: [],
        verification: expect.objectContaining({ status: 'verified', strategy: 'admin' }),
      }),
    ])
    expect(body.response.image_url).toBe(`${ORIGIN}/v1/images/initials/AL.svg`)
    expect(body.client.sessions[0].user).toEqual(body.response)
  })

  it('carries exactly the client GET /v1/client answers, though it reuses what it loaded to check the session', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser({ firstName: 'Ada' })
    // A minute on, the session's expiry slides (a write) during the request itself.
    t.clock.advance(120_000)
    const me = await readJson(await t.request('/v1/me', { cookie }))
    const client = await readJson(await t.request('/v1/client', { cookie }))
    // GET /v1/client alone mints each session's first token (last_active_token); all else is the same.
    expect(client.response.sessions[0].last_active_token).toMatchObject({ object: 'token', jwt: expect.any(String) })
    expect(me.client.sessions[0].last_active_token).toBeNull()
    const withoutToken = (c: any) => ({ ...c, sessions: c.sessions.map((s: any) => ({ ...s, last_active_token: null })) })
    expect(me.client).toEqual(withoutToken(client.response))
    expect(me.client.sessions[0].last_active_at).toBe(t.clock.now())
  })

  it('answers 401 signed_out without a cookie, with an unknown cookie, and after sign-out', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    for (const c of [undefined, '__client=not-a-real-token']) {
      const res = await t.request('/v1/me', c ? { cookie: c } : {})
      expect(res.status).toBe(401)
      expect(await firstError(res)).toMatchObject({ code: 'signed_out' })
    }
    await t.request('/v1/client/sessions', { method: 'DELETE', cookie })
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
  })

  it('never sends private_metadata, even when the user has some', async () => {
    const t = await createTestServer()
    const { user, cookie } = await t.signedInUser({ privateMetadata: { secret_plan: 'top-secret-value' }, publicMetadata: { plan: 'pro' } })
    await t.db.query(`UPDATE users SET private_metadata = '{"stripe_id":"cus_hidden"}'::jsonb WHERE id = $1`, [user.id])
    const answers = [
      await t.request('/v1/me', { cookie }),
      await t.request('/v1/client', { cookie }),
      await t.request('/v1/me', patch({ first_name: 'Grace' }, cookie)),
      await t.request('/v1/client/sign_ins', { method: 'POST', body: { identifier: user.emailAddresses[0]?.value, password: 'correct horse battery staple' } }),
    ]
    for (const res of answers) {
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).toContain('"public_metadata":{"plan":"pro"}')
      expect(text).not.toContain('private_metadata')
      expect(text).not.toContain('cus_hidden')
      expect(text).not.toContain('top-secret-value')
      expect(text).not.toContain('scrypt$')
    }
  })
})

describe('PATCH /v1/me', () => {
  it('changes names and answers the new user in response and client', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    t.clock.advance(1000)
    const res = await t.request('/v1/me', patch({ first_name: '  Grace ', last_name: 'Hopper' }, cookie))
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toMatchObject({ first_name: 'Grace', last_name: 'Hopper', updated_at: t.clock.now() })
    expect(body.client.sessions[0].user).toMatchObject({ first_name: 'Grace', last_name: 'Hopper' })
    expect(body.response.image_url).toMatch(/\/initials\/GH\.svg$/)
  })

  it('clears names with an empty string or null, and leaves omitted fields alone', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser({ username: 'keeper' })
    const res = await t.request('/v1/me', patch({ first_name: '', last_name: null }, cookie))
    const body = await readJson(res)
    expect(body.response).toMatchObject({ first_name: null, last_name: null, username: 'keeper' })
  })

  it('sets, keeps the case of, and clears the username', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    expect((await readJson(await t.request('/v1/me', patch({ username: 'Ada-Lovelace_1' }, cookie)))).response.username).toBe(
      'Ada-Lovelace_1',
    )
    expect((await readJson(await t.request('/v1/me', patch({ username: '' }, cookie)))).response.username).toBeNull()
    await t.request('/v1/me', patch({ username: 'again' }, cookie))
    expect((await readJson(await t.request('/v1/me', patch({ username: null }, cookie)))).response.username).toBeNull()
  })

  it('refuses a username another user has, in any case (422 form_identifier_exists)', async () => {
    const t = await createTestServer()
    await t.createUser({ username: 'TakenName' })
    const { cookie } = await t.signedInUser({ username: 'mine' })
    const res = await t.request('/v1/me', patch({ username: 'takenname', first_name: 'Changed' }, cookie))
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'username' } })
    const me = await readJson(await t.request('/v1/me', { cookie }))
    expect(me.response).toMatchObject({ username: 'mine', first_name: 'Ada' })
  })

  it('lets a user change the case of their own username', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser({ username: 'casey' })
    const res = await t.request('/v1/me', patch({ username: 'Casey' }, cookie))
    expect(res.status).toBe(200)
    expect((await readJson(res)).response.username).toBe('Casey')
  })

  it.each([
    ['abc', 'form_username_invalid_length'],
    ['x'.repeat(65), 'form_username_invalid_length'],
    ['has space', 'form_username_invalid_character'],
    ['dots.not.ok', 'form_username_invalid_character'],
    ['émile', 'form_username_invalid_character'],
  ])('refuses the username %j with %s', async (username, code) => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser({ username: 'before' })
    const res = await t.request('/v1/me', patch({ username }, cookie))
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code, meta: { param_name: 'username' } })
    expect((await readJson(await t.request('/v1/me', { cookie }))).response.username).toBe('before')
  })

  it('accepts usernames of exactly 4 and 64 characters', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    expect((await t.request('/v1/me', patch({ username: 'abcd' }, cookie))).status).toBe(200)
    expect((await t.request('/v1/me', patch({ username: 'y'.repeat(64) }, cookie))).status).toBe(200)
  })

  describe('bad input changes nothing', () => {
    const cases: [string, Record<string, unknown>, number, string, string | undefined][] = [
      ['an unknown field', { body: { first_name: 'X', admin: true } }, 422, 'form_param_unknown', 'admin'],
      ['private_metadata', { body: { private_metadata: { a: 1 } } }, 422, 'form_param_unknown', 'private_metadata'],
      ['a number for a name', { body: { first_name: 42 } }, 422, 'form_param_format_invalid', 'first_name'],
      ['an object for a username', { body: { username: { $ne: null } } }, 422, 'form_param_format_invalid', 'username'],
      ['an over-long name', { body: { first_name: 'n'.repeat(257) } }, 422, 'form_param_max_length_exceeded', 'first_name'],
      // PostgreSQL cannot store U+0000: refused as input, never a 500 from the database.
      ['a NUL character in a name', { body: { first_name: 'a\u0000b' } }, 422, 'form_param_format_invalid', 'first_name'],
      ['malformed JSON', { body: '{"first_name": "X"', headers: { 'content-type': 'application/json' } }, 400, 'request_body_invalid', undefined],
      ['a JSON array', { body: '[1,2]', headers: { 'content-type': 'application/json' } }, 400, 'request_body_invalid', undefined],
      ['a form body', { body: 'first_name=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_content_type', undefined],
      ['a huge body', { body: JSON.stringify({ first_name: 'x'.repeat(200_000) }), headers: { 'content-type': 'application/json' } }, 413, 'request_body_too_large', undefined],
    ]
    it.each(cases)('%s', async (_, init, status, code, param) => {
      const t = await createTestServer()
      const { cookie } = await t.signedInUser({ username: 'stable' })
      const before = await (await t.request('/v1/me', { cookie })).text()
      const res = await t.request('/v1/me', { method: 'PATCH', cookie, ...init })
      expect(res.status).toBe(status)
      const error = await firstError(res)
      expect(error.code).toBe(code)
      expect(error.meta.param_name).toBe(param)
      expect(await (await t.request('/v1/me', { cookie })).text()).toBe(before)
    })
  })

  it('needs a session (401) and an allowed Origin (403), changing nothing otherwise', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    expect((await t.request('/v1/me', { method: 'PATCH', body: { first_name: 'X' } })).status).toBe(401)
    for (const origin of [null, 'https://evil.example', 'null', `${ORIGIN}:8080`]) {
      const res = await t.request('/v1/me', patch({ first_name: 'Hacked' }, cookie, { origin }))
      expect(res.status).toBe(403)
      expect(await firstError(res)).toMatchObject({ code: 'origin_invalid' })
    }
    expect((await readJson(await t.request('/v1/me', { cookie }))).response.first_name).toBe('Ada')
  })

  it('accepts an Origin listed in allowedOrigins, with CORS headers for it', async () => {
    const t = await createTestServer({ allowedOrigins: ['https://app.example.com'] })
    const { cookie } = await t.signedInUser()
    const res = await t.request('/v1/me', patch({ first_name: 'Allowed' }, cookie, { origin: 'https://app.example.com' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    const foreign = await t.request('/v1/me', { cookie, origin: 'https://evil.example' })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('every JSON answer', () => {
  it('has Content-Type exactly application/json, errors and 404s included', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const answers = [
      await t.request('/v1/environment'),
      await t.request('/v1/client'),
      await t.request('/v1/me', { cookie }),
      await t.request('/v1/me'),
      await t.request('/v1/nope'),
      await t.request('/v1/me', { method: 'PATCH', body: '{', cookie, headers: { 'content-type': 'application/json' } }),
    ]
    for (const res of answers) expect(res.headers.get('content-type')).toBe('application/json')
    const notFound = await firstError(answers[4] as Response)
    expect(notFound.code).toBe('resource_not_found')
    const body = await (answers[3] as Response).json()
    expect(body.clerk_trace_id).toEqual(expect.any(String))
  })
})

describe('GET /v1/environment', () => {
  it('answers the public settings', async () => {
    const t = await createTestServer()
    const body = await readJson(await t.request('/v1/environment'))
    expect(body.object).toBe('environment')
    expect(body.user_settings.username_settings).toEqual({ min_length: 4, max_length: 64 })
    expect(body.user_settings.profile_image).toEqual({
      max_bytes: 10 * 1024 * 1024,
      content_types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
    })
    expect(body.user_settings.attributes.username.enabled).toBe(true)
    expect(body.display_config).toEqual({ application_name: 'userkit', development: true })
    const prod = await createTestServer({ env: 'production' })
    expect((await readJson(await prod.request('/v1/environment'))).display_config.development).toBe(false)
  })
})
