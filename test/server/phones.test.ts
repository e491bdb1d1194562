import { describe, expect, it } from 'vitest'
import type { Delivery, OutgoingMessage } from '../../server/delivery/types.ts'
import { firstError, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const post = (body: unknown, cookie: string) => ({ method: 'POST', body, cookie })

async function addPhone(t: TestServer, cookie: string, phone: string): Promise<{ id: string; phone_number: string }> {
  const res = await t.request('/v1/me/phone_numbers', post({ phone_number: phone }, cookie))
  expect(res.status, await res.clone().text()).toBe(200)
  return (await readJson(res)).response
}

async function verifyPhone(t: TestServer, cookie: string, id: string, e164: string): Promise<void> {
  const prepared = await t.request(`/v1/me/phone_numbers/${id}/prepare_verification`, post({ strategy: 'phone_code' }, cookie))
  expect(prepared.status).toBe(200)
  const [message] = await readJson(await t.request(`/dev/outbox.json?to=${encodeURIComponent(e164)}`))
  const res = await t.request(`/v1/me/phone_numbers/${id}/attempt_verification`, post({ code: message.code }, cookie))
  expect(res.status, await res.clone().text()).toBe(200)
}

describe('POST /v1/me/phone_numbers', () => {
  it('stores numbers in E.164, in Clerk\'s shape', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const res = await t.request('/v1/me/phone_numbers', post({ phone_number: '+44 20 7946 0958' }, cookie))
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toEqual({
      object: 'phone_number',
      id: expect.stringMatching(/^idn_/),
      phone_number: '+442079460958',
      reserved: false,
      reserved_for_second_factor: false,
      default_second_factor: false,
      verification: null,
      linked_to: [],
      backup_codes: null,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    })
    expect(body.client.sessions[0].user.phone_numbers).toEqual([body.response])
  })

  it('reads national numbers in the default country (US unless configured)', async () => {
    const us = await createTestServer()
    const a = await us.signedInUser()
    expect((await addPhone(us, a.cookie, '(415) 555-0123')).phone_number).toBe('+14155550123')
    const fr = await createTestServer({ defaultPhoneCountry: 'FR' })
    const b = await fr.signedInUser()
    expect((await addPhone(fr, b.cookie, '06 12 34 56 78')).phone_number).toBe('+33612345678')
    const env = await readJson(await fr.request('/v1/environment'))
    expect(env.user_settings.default_phone_country).toBe('FR')
  })

  it('refuses invalid numbers with 422 form_param_format_invalid and stores nothing', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser()
    for (const phone_number of ['12345', '+1 555 555 5555', '+999 1234', 'call me', '', '+1 415 555 0123 ext. 9', '1'.repeat(80)]) {
      const res = await t.request('/v1/me/phone_numbers', post({ phone_number }, cookie))
      expect(res.status, phone_number).toBe(422)
      expect(await firstError(res)).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'phone_number' } })
    }
    const { rows } = await t.db.query("SELECT id FROM identifications WHERE user_id = $1 AND type = 'phone_number'", [user.id])
    expect(rows).toEqual([])
  })

  it('treats differently typed forms of one number as the same number (422 form_identifier_exists), even concurrently', async () => {
    const t = await createTestServer()
    const a = await t.signedInUser()
    const b = await t.signedInUser()
    const [one, two] = await Promise.all([
      t.request('/v1/me/phone_numbers', post({ phone_number: '+1 415-555-0123' }, a.cookie)),
      t.request('/v1/me/phone_numbers', post({ phone_number: '(415) 555 0123' }, b.cookie)),
    ])
    expect([one.status, two.status].sort()).toEqual([200, 422])
    const loser = one.status === 422 ? one : two
    expect(await firstError(loser)).toMatchObject({ code: 'form_identifier_exists', meta: { param_name: 'phone_number' } })
    const { rows } = await t.db.query("SELECT value FROM identifications WHERE type = 'phone_number'")
    expect(rows).toEqual([{ value: '+14155550123' }])
  })
})

describe('phone_code verification and the primary number', () => {
  it('sends an SMS code, verifies, becomes primary when none, and can be set primary explicitly', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const first = await addPhone(t, cookie, '+14155550123')
    const prepared = await t.request(`/v1/me/phone_numbers/${first.id}/prepare_verification`, post({ strategy: 'phone_code' }, cookie))
    expect((await readJson(prepared)).response.verification).toMatchObject({
      object: 'verification_otp',
      strategy: 'phone_code',
      status: 'unverified',
      attempts: 0,
    })
    const [sms] = await readJson(await t.request('/dev/outbox.json?to=%2B14155550123'))
    expect(sms).toMatchObject({ channel: 'sms', to: '+14155550123', subject: null, link: null })
    expect(sms.text).toContain(sms.code)
    const verified = await t.request(`/v1/me/phone_numbers/${first.id}/attempt_verification`, post({ code: sms.code }, cookie))
    expect(verified.status).toBe(200)
    expect((await readJson(verified)).client.sessions[0].user.primary_phone_number_id).toBe(first.id)

    const second = await addPhone(t, cookie, '+33612345678')
    const unverified = await t.request('/v1/me', { method: 'PATCH', body: { primary_phone_number_id: second.id }, cookie })
    expect(unverified.status).toBe(422)
    expect(await firstError(unverified)).toMatchObject({ code: 'form_param_value_invalid', meta: { param_name: 'primary_phone_number_id' } })

    await verifyPhone(t, cookie, second.id, '+33612345678')
    const me = await readJson(await t.request('/v1/me', { cookie }))
    expect(me.response.primary_phone_number_id).toBe(first.id) // verifying a second one does not steal primary
    const set = await t.request('/v1/me', { method: 'PATCH', body: { primary_phone_number_id: second.id }, cookie })
    expect((await readJson(set)).response.primary_phone_number_id).toBe(second.id)
  })

  it('refuses email strategies for phones', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const phone = await addPhone(t, cookie, '+14155550123')
    const res = await t.request(`/v1/me/phone_numbers/${phone.id}/prepare_verification`, post({ strategy: 'email_code' }, cookie))
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'strategy' } })
  })

  it('removing the primary number unsets it; PATCH null unsets it too', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const a = await addPhone(t, cookie, '+14155550123')
    await verifyPhone(t, cookie, a.id, '+14155550123')
    const cleared = await t.request('/v1/me', { method: 'PATCH', body: { primary_phone_number_id: null }, cookie })
    expect((await readJson(cleared)).response.primary_phone_number_id).toBeNull()
    await t.request('/v1/me', { method: 'PATCH', body: { primary_phone_number_id: a.id }, cookie })
    const removed = await t.request(`/v1/me/phone_numbers/${a.id}`, { method: 'DELETE', cookie })
    expect(removed.status).toBe(200)
    const body = await readJson(removed)
    expect(body.response).toEqual({ object: 'phone_number', id: a.id, deleted: true })
    expect(body.client.sessions[0].user).toMatchObject({ primary_phone_number_id: null, phone_numbers: [] })
  })

  it('answers 404 for another user\'s number on every route', async () => {
    const t = await createTestServer()
    const owner = await t.signedInUser()
    const phone = await addPhone(t, owner.cookie, '+14155550123')
    const { cookie } = await t.signedInUser()
    const answers = [
      await t.request(`/v1/me/phone_numbers/${phone.id}`, { cookie }),
      await t.request(`/v1/me/phone_numbers/${phone.id}`, { method: 'DELETE', cookie }),
      await t.request(`/v1/me/phone_numbers/${phone.id}/prepare_verification`, post({ strategy: 'phone_code' }, cookie)),
      await t.request(`/v1/me/phone_numbers/${phone.id}/attempt_verification`, post({ code: '123456' }, cookie)),
      await t.request('/v1/me', { method: 'PATCH', body: { primary_phone_number_id: phone.id }, cookie }),
    ]
    for (const res of answers) {
      expect(res.status).toBe(404)
      expect((await firstError(res)).code).toBe('resource_not_found')
    }
    expect((await readJson(await t.request('/v1/me/phone_numbers', { cookie }))).response).toEqual([])
    expect((await t.request(`/v1/me/phone_numbers/${phone.id}`, { cookie: owner.cookie })).status).toBe(200)
  })

  it('an email id is not a phone number (404)', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser()
    const emailId = user.emailAddresses[0]?.id as string
    expect((await t.request(`/v1/me/phone_numbers/${emailId}`, { cookie })).status).toBe(404)
    expect((await t.request(`/v1/me/phone_numbers/${emailId}`, { method: 'DELETE', cookie })).status).toBe(404)
  })
})

describe('phones in development', () => {
  it('are on: the dev outbox takes SMS, and the environment says so', async () => {
    const t = await createTestServer()
    const env = await readJson(await t.request('/v1/environment'))
    expect(env.user_settings.attributes.phone_number).toMatchObject({ enabled: true, verifications: ['phone_code'] })
    expect(env.user_settings.attributes.email_address.verifications).toEqual(['email_code', 'email_link'])
    expect(env.user_settings.default_phone_country).toBe('US')
  })
})

describe('phones in production', () => {
  it('are off without an SMS delivery: the environment says so and adding is 403', async () => {
    const emailOnly: Delivery = { channels: ['email'], send: async () => {} }
    const t = await createTestServer({ env: 'production', delivery: emailOnly })
    const { cookie } = await t.signedInUser()
    const env = await readJson(await t.request('/v1/environment'))
    expect(env.user_settings.attributes.phone_number).toMatchObject({ enabled: false, verifications: [] })
    expect(env.user_settings.attributes.email_address.verifications).toEqual(['email_code', 'email_link'])
    const res = await t.request('/v1/me/phone_numbers', post({ phone_number: '+14155550123' }, cookie))
    expect(res.status).toBe(403)
    expect((await firstError(res)).code).toBe('feature_not_enabled')
  })

  it('go through the configured SMS delivery, not an outbox', async () => {
    const sent: OutgoingMessage[] = []
    const sms: Delivery = { channels: ['sms'], send: async (m) => void sent.push(m) }
    const t = await createTestServer({ env: 'production', delivery: sms })
    const { cookie } = await t.signedInUser()
    const phone = await addPhone(t, cookie, '+14155550123')
    await t.request(`/v1/me/phone_numbers/${phone.id}/prepare_verification`, post({ strategy: 'phone_code' }, cookie))
    expect(sent).toEqual([expect.objectContaining({ channel: 'sms', to: '+14155550123', code: expect.stringMatching(/^\d{6}$/) })])
    const ok = await t.request(`/v1/me/phone_numbers/${phone.id}/attempt_verification`, post({ code: sent[0]?.code }, cookie))
    expect(ok.status).toBe(200)
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM outbox')
    expect(rows).toEqual([{ n: 0 }])
  })
})
