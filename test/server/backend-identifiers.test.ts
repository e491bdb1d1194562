import { describe, expect, it } from 'vitest'
import { bapi } from '../helpers/backend.ts'
import { firstError, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const json = (method: string, body?: unknown) => ({ method, body })

describe('/v1/email_addresses', () => {
  it('adds a verified address (primary when asked), reads, updates and deletes it', async () => {
    const t = await createTestServer()
    const { user } = await t.createUser()
    const call = bapi(t)
    const res = await call('/v1/email_addresses', json('POST', { user_id: user.id, email_address: 'work@example.com', primary: true }))
    expect(res.status).toBe(200)
    const email = await readJson(res)
    expect(email).toMatchObject({ object: 'email_address', email_address: 'work@example.com', linked_to: [], verification: { status: 'verified', strategy: 'admin' } })
    expect((await readJson(await call(`/v1/users/${user.id}`))).primary_email_address_id).toBe(email.id)
    expect(await readJson(await call(`/v1/email_addresses/${email.id}`))).toEqual(email)

    const pending = await readJson(await call('/v1/email_addresses', json('POST', { user_id: user.id, email_address: 'later@example.com', verified: false })))
    expect(pending.verification).toBeNull()
    const refused = await call(`/v1/email_addresses/${pending.id}`, json('PATCH', { primary: true }))
    expect(refused.status).toBe(422)
    const verified = await readJson(await call(`/v1/email_addresses/${pending.id}`, json('PATCH', { verified: true, primary: true })))
    expect(verified.verification).toMatchObject({ status: 'verified' })
    expect((await readJson(await call(`/v1/users/${user.id}`))).primary_email_address_id).toBe(pending.id)

    expect(await readJson(await call(`/v1/email_addresses/${pending.id}`, { method: 'DELETE' }))).toEqual({ object: 'email_address', id: pending.id, deleted: true })
    const after = await readJson(await call(`/v1/users/${user.id}`))
    // The primary moved to the oldest remaining verified address.
    expect(after.primary_email_address_id).toBe(user.emailAddresses[0]?.id)
    expect(after.email_addresses.map((e: any) => e.id)).not.toContain(pending.id)
    expect((await call(`/v1/email_addresses/${pending.id}`)).status).toBe(404)
  })

  it('answers 4xx for taken, malformed, unknown and foreign input, changing nothing', async () => {
    const t = await createTestServer()
    const { user } = await t.createUser()
    const other = await t.createUser()
    const call = bapi(t)
    const cases: [unknown, number, string][] = [
      [{ user_id: user.id, email_address: other.email.toUpperCase() }, 422, 'form_identifier_exists'],
      [{ user_id: user.id, email_address: 'nope' }, 422, 'form_param_format_invalid'],
      [{ user_id: user.id, email_address: 'a@example.com', label: 'x' }, 422, 'form_param_unknown'],
      [{ email_address: 'a@example.com' }, 422, 'form_param_missing'],
      [{ user_id: 'user_missing', email_address: 'a@example.com' }, 404, 'resource_not_found'],
    ]
    for (const [body, status, code] of cases) {
      const res = await call('/v1/email_addresses', json('POST', body))
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect((await firstError(res)).code).toBe(code)
    }
    // A phone's id is not an email's.
    const phone = await readJson(await call('/v1/phone_numbers', json('POST', { user_id: user.id, phone_number: '+442071838750' })))
    expect((await call(`/v1/email_addresses/${phone.id}`)).status).toBe(404)
    const { rows } = await t.db.query("SELECT count(*)::int AS n FROM identifications WHERE type = 'email_address'")
    expect(rows[0]).toEqual({ n: 2 })
  })
})

describe('/v1/phone_numbers', () => {
  it('stores E.164, becomes primary when the user has none, and is freed on delete', async () => {
    const t = await createTestServer()
    const { user } = await t.createUser()
    const call = bapi(t)
    const phone = await readJson(await call('/v1/phone_numbers', json('POST', { user_id: user.id, phone_number: '+1 (415) 555-0100' })))
    expect(phone).toMatchObject({ object: 'phone_number', phone_number: '+14155550100', linked_to: [], verification: { status: 'verified' } })
    expect((await readJson(await call(`/v1/users/${user.id}`))).primary_phone_number_id).toBe(phone.id)
    const dup = await call('/v1/phone_numbers', json('POST', { user_id: user.id, phone_number: '+14155550100' }))
    expect(await firstError(dup)).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'phone_number' } })
    const unverify = await call(`/v1/phone_numbers/${phone.id}`, json('PATCH', { verified: false }))
    expect(unverify.status).toBe(422)
    await call(`/v1/phone_numbers/${phone.id}`, { method: 'DELETE' })
    expect((await readJson(await call(`/v1/users/${user.id}`))).primary_phone_number_id).toBeNull()
    expect((await call('/v1/phone_numbers', json('POST', { user_id: user.id, phone_number: '+14155550100' }))).status).toBe(200)
  })
})

describe('/v1/sessions', () => {
  it('lists by user and status (bare array or paginated) and revokes one, signing that browser out', async () => {
    const t = await createTestServer()
    const { user, email, password, cookie } = await t.signedInUser()
    const other = await t.signedInUser()
    const secondCookie = await t.signIn(email, password, { cookie: '' })
    const call = bapi(t)
    const mine = await readJson(await call(`/v1/sessions?user_id=${user.id}`))
    expect(mine).toHaveLength(2)
    expect(mine[0]).toMatchObject({ object: 'session', user_id: user.id, status: 'active' })
    expect(mine[0]).not.toHaveProperty('user')
    const page = await readJson(await call('/v1/sessions?paginated=true&limit=1&status=active'))
    expect(page.total_count).toBe(3)
    expect(page.data).toHaveLength(1)

    const revoked = await readJson(await call(`/v1/sessions/${mine[0].id}/revoke`, json('POST')))
    expect(revoked).toMatchObject({ id: mine[0].id, status: 'revoked' })
    const signedOut = [await t.request('/v1/me', { cookie }), await t.request('/v1/me', { cookie: secondCookie })]
    expect(signedOut.map((r) => r.status).sort()).toEqual([200, 401])
    expect((await t.request('/v1/me', { cookie: other.cookie })).status).toBe(200)
    expect(await readJson(await call('/v1/sessions?status=revoked'))).toHaveLength(1)
    expect((await call('/v1/sessions/sess_nope/revoke', json('POST'))).status).toBe(404)
    expect((await call('/v1/sessions?status=bogus')).status).toBe(422)
  })

  it('reports a session past its expiry as expired', async () => {
    const t = await createTestServer()
    const { user } = await t.signedInUser()
    t.clock.advance(31 * 24 * 60 * 60 * 1000)
    const list = await readJson(await bapi(t)(`/v1/sessions?user_id=${user.id}`))
    expect(list.map((s: any) => s.status)).toEqual(['expired'])
    expect(await readJson(await bapi(t)('/v1/sessions?status=active'))).toEqual([])
  })
})
