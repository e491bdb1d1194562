import { describe, expect, it } from 'vitest'
import { firstError, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const post = (body: unknown, cookie: string) => ({ method: 'POST', body, cookie })

/** Adds an address and answers its id. */
async function addEmail(t: TestServer, cookie: string, email: string): Promise<string> {
  const res = await t.request('/v1/me/email_addresses', post({ email_address: email }, cookie))
  expect(res.status, await res.clone().text()).toBe(200)
  return (await readJson(res)).response.id
}

/** Adds an address and verifies it through the dev outbox's code. */
async function addVerifiedEmail(t: TestServer, cookie: string, email: string): Promise<string> {
  const id = await addEmail(t, cookie, email)
  const prepared = await t.request(`/v1/me/email_addresses/${id}/prepare_verification`, post({ strategy: 'email_code' }, cookie))
  expect(prepared.status).toBe(200)
  const [message] = await readJson(await t.request(`/dev/outbox.json?to=${encodeURIComponent(email)}`))
  const res = await t.request(`/v1/me/email_addresses/${id}/attempt_verification`, post({ code: message.code }, cookie))
  expect(res.status, await res.clone().text()).toBe(200)
  return id
}

describe('POST /v1/me/email_addresses', () => {
  it('adds an unverified address, answered in Clerk\'s shape, with the client carrying the updated user', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    t.clock.advance(5000)
    const res = await t.request('/v1/me/email_addresses', post({ email_address: '  New.Address@Example.com ' }, cookie))
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toEqual({
      object: 'email_address',
      id: expect.stringMatching(/^idn_[0-9A-Za-z]{27}$/),
      email_address: 'New.Address@Example.com',
      reserved: false,
      verification: null,
      linked_to: [],
      matches_sso_connection: false,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    })
    const user = body.client.sessions[0].user
    expect(user.email_addresses.map((e: { id: string }) => e.id)).toContain(body.response.id)
    expect(user.primary_email_address_id).not.toBe(body.response.id)
  })

  it('refuses an address that is not one (422 form_param_format_invalid) and adds nothing', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser()
    for (const email_address of ['not-an-email', 'a@b', 'two words@example.com', '', 'x'.repeat(330) + '@example.com']) {
      const res = await t.request('/v1/me/email_addresses', post({ email_address }, cookie))
      expect(res.status, email_address).toBe(422)
      const error = await firstError(res)
      expect(error.meta.param_name).toBe('email_address')
      expect(['form_param_format_invalid', 'form_param_max_length_exceeded']).toContain(error.code)
    }
    const { rows } = await t.db.query('SELECT id FROM identifications WHERE user_id = $1', [user.id])
    expect(rows).toHaveLength(1)
  })

  it('answers 4xx for bad bodies: missing field, wrong type, unknown key, not JSON', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const cases: [unknown, number, string][] = [
      [{}, 422, 'form_param_missing'],
      [{ email_address: 42 }, 422, 'form_param_format_invalid'],
      [{ email_address: 'a@example.com', admin: true }, 422, 'form_param_unknown'],
      ['{"email_address":', 400, 'request_body_invalid'],
    ]
    for (const [body, status, code] of cases) {
      const res = await t.request('/v1/me/email_addresses', {
        ...post(body, cookie),
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect((await firstError(res)).code).toBe(code)
    }
  })

  it('refuses an address any user already has, in any case (422 form_identifier_exists)', async () => {
    const t = await createTestServer()
    const other = await t.createUser({ email: 'taken@example.com' })
    const { cookie, email } = await t.signedInUser()
    for (const email_address of ['TAKEN@example.com', email.toUpperCase()]) {
      const res = await t.request('/v1/me/email_addresses', post({ email_address }, cookie))
      expect(res.status).toBe(422)
      expect(await firstError(res)).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'email_address' } })
    }
    const { rows } = await t.db.query('SELECT user_id FROM identifications WHERE lower(value) = $1', ['taken@example.com'])
    expect(rows).toEqual([{ user_id: other.user.id }])
  })

  it('lets exactly one of two concurrent adds of the same address win; the unique index decides', async () => {
    const t = await createTestServer()
    const a = await t.signedInUser()
    const b = await t.signedInUser()
    const [first, second] = await Promise.all([
      t.request('/v1/me/email_addresses', post({ email_address: 'race@example.com' }, a.cookie)),
      t.request('/v1/me/email_addresses', post({ email_address: 'Race@Example.com' }, b.cookie)),
    ])
    const statuses = [first.status, second.status].sort()
    expect(statuses).toEqual([200, 422])
    const loser = first.status === 422 ? first : second
    expect(await firstError(loser)).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'email_address' } })
    const { rows } = await t.db.query("SELECT id FROM identifications WHERE lower(value) = 'race@example.com'")
    expect(rows).toHaveLength(1)
  })

  it('answers 401 signed_out without a session and 403 without an allowed Origin', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const anonymous = await t.request('/v1/me/email_addresses', { method: 'POST', body: { email_address: 'x@example.com' } })
    expect(anonymous.status).toBe(401)
    expect((await firstError(anonymous)).code).toBe('signed_out')
    const foreign = await t.request('/v1/me/email_addresses', { ...post({ email_address: 'x@example.com' }, cookie), origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect((await firstError(foreign)).code).toBe('origin_invalid')
    const { rows } = await t.db.query("SELECT id FROM identifications WHERE value = 'x@example.com'")
    expect(rows).toEqual([])
  })
})

describe('private metadata', () => {
  it('never appears on any email route', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser({ privateMetadata: { stripe: 'cus_hidden_value' } })
    const added = await t.request('/v1/me/email_addresses', post({ email_address: 'meta@example.com' }, cookie))
    const id = (await readJson(added.clone())).response.id
    const answers = [
      added,
      await t.request('/v1/me/email_addresses', { cookie }),
      await t.request(`/v1/me/email_addresses/${id}`, { cookie }),
      await t.request(`/v1/me/email_addresses/${id}/prepare_verification`, post({ strategy: 'email_code' }, cookie)),
      await t.request(`/v1/me/email_addresses/${id}/attempt_verification`, post({ code: '000000' }, cookie)),
      await t.request(`/v1/me/email_addresses/${id}`, { method: 'DELETE', cookie }),
      await t.request('/v1/me', { method: 'PATCH', body: { primary_email_address_id: user.emailAddresses[0]?.id }, cookie }),
    ]
    for (const res of answers) {
      const text = await res.text()
      expect(text).not.toContain('private_metadata')
      expect(text).not.toContain('cus_hidden_value')
    }
  })
})

describe('GET /v1/me/email_addresses[/{id}]', () => {
  it('lists the user\'s own addresses in order, and reads one by id', async () => {
    const t = await createTestServer()
    await t.createUser({ email: 'someone-else@example.com' })
    const { cookie, email, user } = await t.signedInUser()
    const added = await addEmail(t, cookie, 'second@example.com')
    const list = await readJson(await t.request('/v1/me/email_addresses', { cookie }))
    expect(list.response.map((e: { email_address: string }) => e.email_address)).toEqual([email, 'second@example.com'])
    expect(list.response[0]).toMatchObject({
      id: user.emailAddresses[0]?.id,
      verification: { object: 'verification_admin', status: 'verified', strategy: 'admin', attempts: null, expire_at: null },
    })
    const one = await readJson(await t.request(`/v1/me/email_addresses/${added}`, { cookie }))
    expect(one.response).toMatchObject({ id: added, email_address: 'second@example.com', verification: null })
  })

  it('answers 404 for another user\'s address, an unknown id and a malformed id', async () => {
    const t = await createTestServer()
    const other = await t.createUser()
    const { cookie } = await t.signedInUser()
    const foreignId = other.user.emailAddresses[0]?.id as string
    for (const id of [foreignId, 'idn_doesnotexist', 'not-an-id', '%27%20OR%201%3D1']) {
      const res = await t.request(`/v1/me/email_addresses/${id}`, { cookie })
      expect(res.status, id).toBe(404)
      expect((await firstError(res)).code).toBe('resource_not_found')
    }
  })
})

describe('DELETE /v1/me/email_addresses/{id}', () => {
  it('removes an address, answering a deleted object and the updated user', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'gone@example.com')
    const res = await t.request(`/v1/me/email_addresses/${id}`, { method: 'DELETE', cookie })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toEqual({ object: 'email_address', id, deleted: true })
    expect(body.client.sessions[0].user.email_addresses.map((e: { id: string }) => e.id)).not.toContain(id)
    expect((await t.request(`/v1/me/email_addresses/${id}`, { cookie })).status).toBe(404)
  })

  it('refuses to remove the primary address until another is primary, then allows it', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser()
    const primary = user.emailAddresses[0]?.id as string
    const other = await addVerifiedEmail(t, cookie, 'backup@example.com')
    const refused = await t.request(`/v1/me/email_addresses/${primary}`, { method: 'DELETE', cookie })
    expect(refused.status).toBe(422)
    expect((await firstError(refused)).code).toBe('identification_deletion_failed')
    expect((await t.request(`/v1/me/email_addresses/${primary}`, { cookie })).status).toBe(200)

    const switched = await t.request('/v1/me', { method: 'PATCH', body: { primary_email_address_id: other }, cookie })
    expect(switched.status).toBe(200)
    expect((await readJson(switched)).response.primary_email_address_id).toBe(other)
    const removed = await t.request(`/v1/me/email_addresses/${primary}`, { method: 'DELETE', cookie })
    expect(removed.status).toBe(200)
    expect((await readJson(removed)).client.sessions[0].user.primary_email_address_id).toBe(other)
  })

  it('refuses to remove the last verified address even when it is not primary', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser()
    const only = user.emailAddresses[0]?.id as string
    // A user whose primary pointer is unset (e.g. created so through the Backend API).
    await t.db.query('UPDATE users SET primary_email_address_id = NULL WHERE id = $1', [user.id])
    const unverified = await addEmail(t, cookie, 'unverified@example.com')
    const refused = await t.request(`/v1/me/email_addresses/${only}`, { method: 'DELETE', cookie })
    expect(refused.status).toBe(422)
    expect((await firstError(refused)).code).toBe('identification_deletion_failed')
    // An unverified one can always go.
    expect((await t.request(`/v1/me/email_addresses/${unverified}`, { method: 'DELETE', cookie })).status).toBe(200)
  })

  it('answers 404 for another user\'s address and leaves it alone', async () => {
    const t = await createTestServer()
    const other = await t.signedInUser()
    const extra = await addEmail(t, other.cookie, 'others-extra@example.com')
    const { cookie } = await t.signedInUser()
    const res = await t.request(`/v1/me/email_addresses/${extra}`, { method: 'DELETE', cookie })
    expect(res.status).toBe(404)
    expect((await firstError(res)).code).toBe('resource_not_found')
    expect((await t.request(`/v1/me/email_addresses/${extra}`, { cookie: other.cookie })).status).toBe(200)
  })
})

describe('PATCH /v1/me primary identifiers', () => {
  it('makes a verified address primary', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addVerifiedEmail(t, cookie, 'verified@example.com')
    const res = await t.request('/v1/me', { method: 'PATCH', body: { primary_email_address_id: id }, cookie })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response.primary_email_address_id).toBe(id)
    expect(body.client.sessions[0].user.primary_email_address_id).toBe(id)
  })

  it('refuses an unverified address (422) and changes nothing, names included', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser({ firstName: 'Before' })
    const id = await addEmail(t, cookie, 'pending@example.com')
    const res = await t.request('/v1/me', { method: 'PATCH', body: { first_name: 'After', primary_email_address_id: id }, cookie })
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_param_value_invalid', meta: { param_name: 'primary_email_address_id' } })
    const me = (await readJson(await t.request('/v1/me', { cookie }))).response
    expect(me).toMatchObject({ first_name: 'Before', primary_email_address_id: user.emailAddresses[0]?.id })
  })

  it('answers 404 for another user\'s address or a phone id, and refuses null for the email', async () => {
    const t = await createTestServer()
    const other = await t.createUser()
    const { cookie, user } = await t.signedInUser()
    const phone = await readJson(await t.request('/v1/me/phone_numbers', post({ phone_number: '+14155550123' }, cookie)))
    for (const id of [other.user.emailAddresses[0]?.id, phone.response.id, 'idn_nope']) {
      const res = await t.request('/v1/me', { method: 'PATCH', body: { primary_email_address_id: id }, cookie })
      expect(res.status).toBe(404)
      expect((await firstError(res)).code).toBe('resource_not_found')
    }
    const cleared = await t.request('/v1/me', { method: 'PATCH', body: { primary_email_address_id: null }, cookie })
    expect(cleared.status).toBe(422)
    const me = (await readJson(await t.request('/v1/me', { cookie }))).response
    expect(me.primary_email_address_id).toBe(user.emailAddresses[0]?.id)
  })
})
