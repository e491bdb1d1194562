import { describe, expect, it } from 'vitest'
import { bapi } from '../helpers/backend.ts'
import { firstError, imageForm, pngBytes, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const json = (method: string, body?: unknown) => ({ method, body })

describe('GET / PATCH /v1/users/{id}', () => {
  it('reads a user with private metadata, and 404s an unknown id', async () => {
    const t = await createTestServer()
    const { user } = await t.createUser({ privateMetadata: { tier: 3 } })
    const body = await readJson(await bapi(t)(`/v1/users/${user.id}`))
    expect(body).toMatchObject({ object: 'user', id: user.id, private_metadata: { tier: 3 } })
    const res = await bapi(t)('/v1/users/user_doesnotexist')
    expect(res.status).toBe(404)
    expect(await firstError(res)).toMatchObject({ code: 'resource_not_found' })
  })

  it('updates names, username, external_id, primary email and password', async () => {
    const t = await createTestServer()
    const { user, email } = await t.createUser({ emailAddresses: ['second@example.com'] })
    const second = user.emailAddresses[1]?.id
    const res = await bapi(t)(`/v1/users/${user.id}`, json('PATCH', {
      first_name: 'Grace', last_name: null, username: 'gracie', external_id: 'crm-7', primary_email_address_id: second, password: 'new-password-1',
    }))
    expect(res.status).toBe(200)
    expect(await readJson(res)).toMatchObject({ first_name: 'Grace', last_name: null, username: 'gracie', external_id: 'crm-7', primary_email_address_id: second })
    await t.signIn(email, 'new-password-1')
  })

  it('signs the user out everywhere when a new password comes with sign_out_of_other_sessions', async () => {
    const t = await createTestServer()
    const { user, cookie } = await t.signedInUser()
    await bapi(t)(`/v1/users/${user.id}`, json('PATCH', { password: 'another-password', sign_out_of_other_sessions: true }))
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
  })

  it('answers 4xx for bad changes and leaves the user unchanged', async () => {
    const t = await createTestServer()
    const other = await t.createUser({ username: 'taken_one' })
    const { user } = await t.createUser({ username: 'mine_one', firstName: 'Ada' })
    const cases: [unknown, number, string, string][] = [
      [{ username: 'TAKEN_ONE' }, 422, 'form_identifier_exists', 'username'],
      [{ primary_email_address_id: other.user.emailAddresses[0]?.id }, 422, 'form_param_format_invalid', 'primary_email_address_id'],
      [{ password: 'short' }, 422, 'form_password_length_too_short', 'password'],
      [{ first_name: 'Bea', banned: true }, 422, 'form_param_unknown', 'banned'],
      [{ first_name: ['x'] }, 422, 'form_param_format_invalid', 'first_name'],
    ]
    for (const [body, status, code, param] of cases) {
      const res = await bapi(t)(`/v1/users/${user.id}`, json('PATCH', body))
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(await firstError(res)).toMatchObject({ code, meta: { param_name: param } })
    }
    const after = await readJson(await bapi(t)(`/v1/users/${user.id}`))
    expect(after).toMatchObject({ username: 'mine_one', first_name: 'Ada', updated_at: user.updatedAt })
    expect((await bapi(t)('/v1/users/user_nope', json('PATCH', { first_name: 'X' }))).status).toBe(404)
  })
})

describe('metadata', () => {
  it('PATCH /metadata deep-merges, null deletes a key; PUT replaces only the fields given', async () => {
    const t = await createTestServer()
    const { user } = await t.createUser({ publicMetadata: { plan: 'free', prefs: { a: 1, b: 2 } }, privateMetadata: { keep: true } })
    const call = bapi(t)
    const merged = await readJson(await call(`/v1/users/${user.id}/metadata`, json('PATCH', {
      public_metadata: { prefs: { b: null, c: 3 }, plan: 'pro' },
      private_metadata: { stripe: 'cus_9' },
    })))
    expect(merged.public_metadata).toEqual({ plan: 'pro', prefs: { a: 1, c: 3 } })
    expect(merged.private_metadata).toEqual({ keep: true, stripe: 'cus_9' })
    const replaced = await readJson(await call(`/v1/users/${user.id}/metadata`, json('PUT', { public_metadata: { only: 1 }, unsafe_metadata: null })))
    expect(replaced.public_metadata).toEqual({ only: 1 })
    expect(replaced.private_metadata).toEqual({ keep: true, stripe: 'cus_9' })
    expect(replaced.unsafe_metadata).toEqual({})
    const bad = await call(`/v1/users/${user.id}/metadata`, json('PATCH', { public_metadata: 'x' }))
    expect(bad.status).toBe(422)
    expect((await call(`/v1/users/${user.id}/metadata`, json('PATCH', { public_metadata: { big: 'x'.repeat(40_000) } }))).status).toBe(422)
    expect((await readJson(await call(`/v1/users/${user.id}`))).public_metadata).toEqual({ only: 1 })
    expect((await call('/v1/users/user_nope/metadata', json('PATCH', { public_metadata: {} }))).status).toBe(404)
  })

  it('shows public metadata set here in the Frontend API, and private metadata never', async () => {
    const t = await createTestServer()
    const { user, cookie } = await t.signedInUser()
    await bapi(t)(`/v1/users/${user.id}/metadata`, json('PATCH', { public_metadata: { role: 'admin' }, private_metadata: { ssn: 'private-value-123' } }))
    for (const path of ['/v1/me', '/v1/client']) {
      const text = await (await t.request(path, { cookie })).text()
      expect(text).toContain('"public_metadata":{"role":"admin"}')
      expect(text).not.toContain('private_metadata')
      expect(text).not.toContain('private-value-123')
    }
  })
})

describe('ban and unban', () => {
  it('ends the banned user’s sessions at once and refuses sign-in until unbanned', async () => {
    const t = await createTestServer()
    const { user, email, password, cookie } = await t.signedInUser()
    const banned = await readJson(await bapi(t)(`/v1/users/${user.id}/ban`, json('POST')))
    expect(banned).toMatchObject({ id: user.id, banned: true })
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
    const sessions = await readJson(await bapi(t)(`/v1/sessions?user_id=${user.id}`))
    expect(sessions.map((s: any) => s.status)).toEqual(['revoked'])
    const refused = await t.request('/v1/client/sign_ins', { method: 'POST', body: { identifier: email, password } })
    expect(refused.status).toBe(403)
    expect(await firstError(refused)).toMatchObject({ code: 'user_banned' })
    expect((await readJson(await bapi(t)(`/v1/users/${user.id}/unban`, json('POST')))).banned).toBe(false)
    await t.signIn(email, password)
    expect((await bapi(t)('/v1/users/user_nope/ban', json('POST'))).status).toBe(404)
  })
})

describe('verify_password', () => {
  it('answers verified for the right password, 422 for a wrong one, 400 without one', async () => {
    const t = await createTestServer()
    const { user, password } = await t.createUser()
    const call = bapi(t)
    expect(await readJson(await call(`/v1/users/${user.id}/verify_password`, json('POST', { password })))).toEqual({ verified: true })
    const wrong = await call(`/v1/users/${user.id}/verify_password`, json('POST', { password: 'nope-nope-nope' }))
    expect(wrong.status).toBe(422)
    expect(await firstError(wrong)).toMatchObject({ code: 'form_password_incorrect' })
    const { id } = await readJson(await call('/v1/users', json('POST', { username: 'no_password' })))
    expect((await call(`/v1/users/${id}/verify_password`, json('POST', { password: 'whatever1' }))).status).toBe(400)
    expect((await call(`/v1/users/${user.id}/verify_password`, json('POST', {}))).status).toBe(422)
  })
})

describe('profile image', () => {
  it('sets and removes an image; a fake one is refused', async () => {
    const t = await createTestServer()
    const { user } = await t.createUser()
    const call = bapi(t)
    const set = await readJson(await call(`/v1/users/${user.id}/profile_image`, { method: 'POST', body: imageForm(pngBytes()) }))
    expect(set.has_image).toBe(true)
    const image = await t.request(new URL(set.image_url).pathname)
    expect(image.headers.get('content-type')).toBe('image/png')
    const fake = await call(`/v1/users/${user.id}/profile_image`, { method: 'POST', body: imageForm(new TextEncoder().encode('<html>'), 'image/png') })
    expect(fake.status).toBe(400)
    const removed = await readJson(await call(`/v1/users/${user.id}/profile_image`, { method: 'DELETE' }))
    expect(removed.has_image).toBe(false)
    expect((await t.request(new URL(set.image_url).pathname)).status).toBe(404)
  })
})

describe('DELETE /v1/users/{id}', () => {
  it('answers a DeletedObject and removes sessions, identifiers and images', async () => {
    const t = await createTestServer()
    const { user, email, cookie } = await t.signedInUser()
    const call = bapi(t)
    const set = await readJson(await call(`/v1/users/${user.id}/profile_image`, { method: 'POST', body: imageForm(pngBytes()) }))
    const res = await call(`/v1/users/${user.id}`, { method: 'DELETE' })
    expect(await readJson(res)).toEqual({ object: 'user', id: user.id, deleted: true })
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
    expect((await t.request(new URL(set.image_url).pathname)).status).toBe(404)
    const { rows } = await t.db.query('SELECT (SELECT count(*) FROM sessions)::int AS s, (SELECT count(*) FROM blobs)::int AS b')
    expect(rows[0]).toEqual({ s: 0, b: 0 })
    // The email is free again at once.
    expect((await call('/v1/users', json('POST', { email_address: [email] }))).status).toBe(200)
    expect((await call(`/v1/users/${user.id}`)).status).toBe(404)
    expect((await call(`/v1/users/${user.id}`, { method: 'DELETE' })).status).toBe(404)
  })
})
