import { describe, expect, it } from 'vitest'
import { bapi } from '../helpers/backend.ts'
import { firstError, imageForm, pngBytes, readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const json = (method: string, body?: unknown) => ({ method, body })

describe('Backend API authentication', () => {
  it('refuses a missing, malformed or wrong secret key with Clerk codes, and a browser cookie alone', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const cases: [Record<string, string>, string][] = [
      [{}, 'authorization_header_format_invalid'],
      [{ authorization: t.server.secretKey }, 'authorization_header_format_invalid'],
      [{ authorization: 'Bearer sk_test_wrong' }, 'authentication_invalid'],
      [{ authorization: `Bearer ${t.server.secretKey}x` }, 'authentication_invalid'],
    ]
    for (const [headers, code] of cases) {
      const res = await t.request('/v1/users', { headers, cookie })
      expect(res.status).toBe(401)
      expect(await firstError(res)).toMatchObject({ code })
    }
    // Unknown Backend paths and writes are guarded too: nothing is revealed or changed without the key.
    expect((await t.request('/v1/users/count', { cookie })).status).toBe(401)
    expect((await t.request('/v1/users', { method: 'POST', body: { username: 'mallory' }, cookie })).status).toBe(401)
    const count = await readJson(await bapi(t)('/v1/users/count'))
    expect(count).toEqual({ object: 'total_count', total_count: 1 })
  })

  it('needs no Origin: server-to-server writes pass the Frontend API origin guard untouched', async () => {
    const t = await createTestServer()
    const res = await bapi(t)('/v1/users', json('POST', { username: 'no_origin' }))
    expect(res.status).toBe(200)
    // …while the Frontend API keeps refusing a write without Origin.
    const { cookie } = await t.signedInUser()
    expect((await t.request('/v1/me', { method: 'PATCH', body: { first_name: 'X' }, cookie, origin: null })).status).toBe(403)
  })
})

describe('POST /v1/users', () => {
  it('creates a user with verified emails (first primary), phones, metadata, and a password that signs in', async () => {
    const t = await createTestServer()
    const res = await bapi(t)('/v1/users', json('POST', {
      email_address: ['Grace@Example.com', 'grace2@example.com'],
      phone_number: ['+1 415 555 0123'],
      username: 'grace_h',
      password: 'my-secure-password',
      first_name: 'Grace',
      last_name: 'Hopper',
      external_id: 'ext-42',
      public_metadata: { plan: 'pro' },
      private_metadata: { stripe: 'cus_1' },
      unsafe_metadata: { theme: 'dark' },
    }))
    expect(res.status).toBe(200)
    const user = await readJson(res)
    expect(user).toMatchObject({
      object: 'user',
      username: 'grace_h',
      first_name: 'Grace',
      external_id: 'ext-42',
      password_enabled: true,
      public_metadata: { plan: 'pro' },
      private_metadata: { stripe: 'cus_1' },
      unsafe_metadata: { theme: 'dark' },
      banned: false,
    })
    expect(user.id).toMatch(/^user_/)
    expect(user.email_addresses.map((e: any) => e.email_address)).toEqual(['Grace@Example.com', 'grace2@example.com'])
    expect(user.primary_email_address_id).toBe(user.email_addresses[0].id)
    expect(user.email_addresses[0]).toMatchObject({ linked_to: [], verification: { object: 'verification_admin', status: 'verified', strategy: 'admin' } })
    expect(user.phone_numbers).toEqual([expect.objectContaining({ phone_number: '+14155550123', linked_to: [] })])
    expect(user.primary_phone_number_id).toBe(user.phone_numbers[0].id)
    await t.signIn('grace@example.com', 'my-secure-password')
  })

  it('answers 422 with Clerk codes for bad input and changes nothing', async () => {
    const t = await createTestServer()
    const call = bapi(t)
    await call('/v1/users', json('POST', { email_address: ['taken@example.com'], username: 'taken_name', external_id: 'x1' }))
    const cases: [unknown, string, string | undefined][] = [
      [{ nickname: 'x' }, 'form_param_unknown', 'nickname'],
      [{ email_address: 'a@example.com' }, 'form_param_format_invalid', 'email_address'],
      [{ email_address: ['not-an-email'] }, 'form_param_format_invalid', 'email_address'],
      [{ email_address: ['TAKEN@example.com'] }, 'form_identifier_exists', 'email_address'],
      [{ email_address: ['new@example.com'], username: 'Taken_Name' }, 'form_identifier_exists', 'username'],
      [{ external_id: 'x1' }, 'form_identifier_exists', 'external_id'],
      [{ email_address: ['dup@example.com', 'DUP@example.com'] }, 'form_identifier_exists', 'email_address'],
      [{ phone_number: ['12'] }, 'form_param_format_invalid', 'phone_number'],
      [{ password: 'short' }, 'form_password_length_too_short', 'password'],
      [{ username: 'ab cd' }, 'form_username_invalid_character', 'username'],
      [{ first_name: 7 }, 'form_param_format_invalid', 'first_name'],
      [{ public_metadata: [1] }, 'form_param_format_invalid', 'public_metadata'],
    ]
    for (const [body, code, param] of cases) {
      const res = await call('/v1/users', json('POST', body))
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(await firstError(res), JSON.stringify(body)).toMatchObject({ code, meta: param ? { param_name: param } : {} })
    }
    // PostgreSQL cannot store U+0000 in text or jsonb: refused as bad input, not a database error.
    for (const body of ['{"first_name":"a\\u0000b"}', '{"public_metadata":{"k":["\\u0000"]}}', '{"unsafe_metadata":{"a\\u0000":1}}']) {
      const res = await call('/v1/users', { method: 'POST', body, headers: { 'content-type': 'application/json' } })
      expect(res.status, body).toBe(422)
      expect((await firstError(res)).code).toBe('form_param_format_invalid')
    }
    expect((await call('/v1/users', { method: 'POST', body: '{"username":', headers: { 'content-type': 'application/json' } })).status).toBe(400)
    expect((await call('/v1/users', { method: 'POST', body: 'username=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415)
    expect(await readJson(await call('/v1/users/count'))).toEqual({ object: 'total_count', total_count: 1 })
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM identifications')
    expect(rows[0]).toEqual({ n: 1 })
  })

  it('takes a short password with skip_password_checks', async () => {
    const t = await createTestServer()
    const res = await bapi(t)('/v1/users', json('POST', { username: 'legacy', password: 'abc', skip_password_checks: true }))
    expect(res.status).toBe(200)
    await t.signIn('legacy', 'abc')
  })
})

describe('GET /v1/users and /v1/users/count', () => {
  async function seed() {
    const t = await createTestServer()
    const call = bapi(t)
    const made = []
    for (const [i, name] of ['alice', 'bob', 'carol', 'dave'].entries()) {
      t.clock.advance(1000)
      const res = await call('/v1/users', json('POST', { username: `${name}_u`, first_name: name.toUpperCase(), email_address: [`${name}@example.com`], external_id: `e${i}`, password: 'long-enough-pw' }))
      expect(res.status).toBe(200)
      made.push(await readJson(res))
    }
    return { t, call, made }
  }
  const names = (list: any[]) => list.map((u) => u.username.replace(/_u$/, ''))

  it('answers a bare array, newest first by default, paged by limit and offset', async () => {
    const { call } = await seed()
    const all = await readJson(await call('/v1/users'))
    expect(Array.isArray(all)).toBe(true)
    expect(names(all)).toEqual(['dave', 'carol', 'bob', 'alice'])
    expect(all[0].private_metadata).toEqual({})
    expect(names(await readJson(await call('/v1/users?limit=2&offset=1')))).toEqual(['carol', 'bob'])
    expect(names(await readJson(await call('/v1/users?order_by=%2Bcreated_at&limit=1')))).toEqual(['alice'])
    expect(names(await readJson(await call('/v1/users?order_by=username')))).toEqual(['dave', 'carol', 'bob', 'alice'])
  })

  it('filters by email_address[], username[], user_id[], external_id[], query and banned; count agrees', async () => {
    const { call, made } = await seed()
    const list = async (qs: string) => names(await readJson(await call(`/v1/users?${qs}`)))
    const count = async (qs: string) => (await readJson(await call(`/v1/users/count?${qs}`))).total_count
    expect(await list('email_address=ALICE@example.com&email_address=bob@example.com')).toEqual(['bob', 'alice'])
    expect(await list('email_address[]=carol@example.com')).toEqual(['carol'])
    expect(await list('username=Dave_U')).toEqual(['dave'])
    expect(await list(`user_id=${made[1].id}`)).toEqual(['bob'])
    expect(await list('external_id=e2')).toEqual(['carol'])
    expect(await list('query=aro')).toEqual(['carol'])
    expect(await list('query=%25')).toEqual([])
    expect(await list('query=bob%40example')).toEqual(['bob'])
    expect(await list('name_query=carol')).toEqual(['carol'])
    expect(await list('email_address_query=DAVE%40')).toEqual(['dave'])
    expect(await list(`created_at_after=${made[2].created_at}`)).toEqual(['dave'])
    expect(await list(`created_at_before=${made[1].created_at}&order_by=%2Bcreated_at`)).toEqual(['alice'])
    expect(await list('web3_wallet=0xabc')).toEqual([])
    expect(await count('query=ARO')).toBe(1)
    expect(await count('query=_u')).toBe(4)
    expect(await count('query=e_u')).toBe(2)
    expect(await count('')).toBe(4)
    await call(`/v1/users/${made[0].id}/ban`, json('POST'))
    expect(await list('banned=true')).toEqual(['alice'])
    expect(await count('banned=false')).toBe(3)
  })

  it('orders by last_sign_in_at, those who never signed in last', async () => {
    const { t, call } = await seed()
    t.clock.advance(1000)
    await t.signIn('bob_u', 'long-enough-pw')
    t.clock.advance(1000)
    await t.signIn('alice_u', 'long-enough-pw')
    const order = names(await readJson(await call('/v1/users?order_by=-last_sign_in_at')))
    expect(order.slice(0, 2)).toEqual(['alice', 'bob'])
    expect(order.slice(2).sort()).toEqual(['carol', 'dave'])
    expect(names(await readJson(await call('/v1/users?order_by=%2Blast_sign_in_at&limit=2')))).toEqual(['bob', 'alice'])
  })

  it('answers 422 for unknown or malformed query parameters', async () => {
    const { call } = await seed()
    const cases: [string, string, string][] = [
      ['limit=0', 'form_param_format_invalid', 'limit'],
      ['limit=501', 'form_param_format_invalid', 'limit'],
      ['limit=ten', 'form_param_format_invalid', 'limit'],
      ['offset=-1', 'form_param_format_invalid', 'offset'],
      ['order_by=password_hash', 'form_param_format_invalid', 'order_by'],
      ['order_by=created_at;drop', 'form_param_format_invalid', 'order_by'],
      ['banned=yes', 'form_param_format_invalid', 'banned'],
      ['emailaddress=a', 'form_param_unknown', 'emailaddress'],
    ]
    for (const [qs, code, param] of cases) {
      const res = await call(`/v1/users?${qs}`)
      expect(res.status, qs).toBe(422)
      expect(await firstError(res)).toMatchObject({ code, meta: { param_name: param } })
    }
    expect((await call('/v1/users/count?limit=5')).status).toBe(422)
    expect((await call('/v1/users?query=%00')).status).toBe(422)
    expect((await call('/v1/users?email_address=a%00b')).status).toBe(422)
    expect((await call('/v1/users/user_%00x')).status).toBe(404)
    expect((await call('/v1/users/user_%00x', { method: 'DELETE' })).status).toBe(404)
  })
})
