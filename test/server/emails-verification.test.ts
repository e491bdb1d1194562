import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ORIGIN, firstError, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const post = (body: unknown, cookie: string) => ({ method: 'POST', body, cookie })
const TEN_MINUTES = 10 * 60_000

async function addEmail(t: TestServer, cookie: string, email: string): Promise<string> {
  const res = await t.request('/v1/me/email_addresses', post({ email_address: email }, cookie))
  expect(res.status, await res.clone().text()).toBe(200)
  return (await readJson(res)).response.id
}

const prepare = (t: TestServer, cookie: string, id: string, body: unknown = { strategy: 'email_code' }) =>
  t.request(`/v1/me/email_addresses/${id}/prepare_verification`, post(body, cookie))

const attempt = (t: TestServer, cookie: string, id: string, code: string) =>
  t.request(`/v1/me/email_addresses/${id}/attempt_verification`, post({ code }, cookie))

/** The newest dev-outbox message to `to`. */
async function latest(t: TestServer, to: string) {
  const messages = await readJson(await t.request(`/dev/outbox.json?to=${encodeURIComponent(to)}`))
  expect(messages.length).toBeGreaterThan(0)
  return messages[0]
}

/** A 6-digit code that is not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

describe('email_code verification', () => {
  it('sends a 6-digit code, and the right code verifies the address', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'verify-me@example.com')
    const res = await prepare(t, cookie, id)
    expect(res.status).toBe(200)
    expect((await readJson(res)).response.verification).toEqual({
      object: 'verification_otp',
      status: 'unverified',
      strategy: 'email_code',
      attempts: 0,
      expire_at: t.clock.now() + TEN_MINUTES,
      verified_at_client: null,
    })
    const message = await latest(t, 'verify-me@example.com')
    expect(message).toMatchObject({ channel: 'email', to: 'verify-me@example.com', link: null })
    expect(message.code).toMatch(/^\d{6}$/)
    expect(message.subject).toContain(message.code)
    expect(message.text).toContain(message.code)

    t.clock.advance(TEN_MINUTES - 1)
    const verified = await attempt(t, cookie, id, message.code)
    expect(verified.status).toBe(200)
    const body = await readJson(verified)
    expect(body.response.verification).toMatchObject({ object: 'verification_otp', status: 'verified', strategy: 'email_code' })
    const inClient = body.client.sessions[0].user.email_addresses.find((e: { id: string }) => e.id === id)
    expect(inClient.verification.status).toBe('verified')
  })

  it('accepts a pasted code with separators, and answers an already verified address as it is', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'paste@example.com')
    await prepare(t, cookie, id)
    const { code } = await latest(t, 'paste@example.com')
    const res = await attempt(t, cookie, id, ` ${code.slice(0, 3)}-${code.slice(3)} `)
    expect(res.status).toBe(200)
    // A double submit must not turn into an error.
    const again = await attempt(t, cookie, id, code)
    expect(again.status).toBe(200)
    expect((await readJson(again)).response.verification.status).toBe('verified')
    // And there is nothing to prepare any more.
    const prepared = await prepare(t, cookie, id)
    expect(prepared.status).toBe(422)
    expect((await firstError(prepared)).code).toBe('verification_already_verified')
  })

  it('answers a wrong code with 422 form_code_incorrect at the code field and counts it', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'typo@example.com')
    await prepare(t, cookie, id)
    const { code } = await latest(t, 'typo@example.com')
    const res = await attempt(t, cookie, id, wrong(code))
    expect(res.status).toBe(422)
    expect(await firstError(res)).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } })
    const me = await readJson(await t.request(`/v1/me/email_addresses/${id}`, { cookie }))
    expect(me.response.verification).toMatchObject({ status: 'unverified', attempts: 1 })
  })

  it('refuses malformed codes as bad input without counting them', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'malformed@example.com')
    await prepare(t, cookie, id)
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      const res = await attempt(t, cookie, id, code)
      expect(res.status).toBe(422)
      expect(await firstError(res)).toMatchObject({ code: 'form_param_format_invalid', meta: { param_name: 'code' } })
    }
    const missing = await t.request(`/v1/me/email_addresses/${id}/attempt_verification`, post({}, cookie))
    expect((await firstError(missing)).code).toBe('form_param_missing')
    const me = await readJson(await t.request(`/v1/me/email_addresses/${id}`, { cookie }))
    expect(me.response.verification.attempts).toBe(0)
  })

  it('fails after 5 wrong codes: the sixth attempt, even the right code, is 422 verification_failed until a new code', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'guesser@example.com')
    await prepare(t, cookie, id)
    const { code } = await latest(t, 'guesser@example.com')
    for (let i = 1; i <= 5; i++) {
      const res = await attempt(t, cookie, id, wrong(code))
      expect(res.status).toBe(422)
      expect((await firstError(res)).code, `attempt ${i}`).toBe('form_code_incorrect')
    }
    const sixth = await attempt(t, cookie, id, code)
    expect(sixth.status).toBe(422)
    expect((await firstError(sixth)).code).toBe('verification_failed')
    const me = await readJson(await t.request(`/v1/me/email_addresses/${id}`, { cookie }))
    expect(me.response.verification).toMatchObject({ status: 'failed', attempts: 5 })

    await prepare(t, cookie, id)
    const fresh = await latest(t, 'guesser@example.com')
    expect((await attempt(t, cookie, id, fresh.code)).status).toBe(200)
  })

  it('never lets parallel guesses past the limit', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'parallel@example.com')
    await prepare(t, cookie, id)
    const { code } = await latest(t, 'parallel@example.com')
    const answers = await Promise.all(Array.from({ length: 8 }, () => attempt(t, cookie, id, wrong(code))))
    const codes = await Promise.all(answers.map(async (res) => (await firstError(res)).code))
    expect(codes.filter((c) => c === 'form_code_incorrect')).toHaveLength(5)
    expect(codes.filter((c) => c === 'verification_failed')).toHaveLength(3)
  })

  it('expires the code after 10 minutes (422 verification_expired), and a new code works', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'slow@example.com')
    await prepare(t, cookie, id)
    const { code } = await latest(t, 'slow@example.com')
    t.clock.advance(TEN_MINUTES)
    const res = await attempt(t, cookie, id, code)
    expect(res.status).toBe(422)
    expect((await firstError(res)).code).toBe('verification_expired')
    const me = await readJson(await t.request(`/v1/me/email_addresses/${id}`, { cookie }))
    expect(me.response.verification.status).toBe('expired')

    t.clock.advance(60_000)
    await prepare(t, cookie, id)
    const fresh = await latest(t, 'slow@example.com')
    expect((await attempt(t, cookie, id, fresh.code)).status).toBe(200)
  })

  it('only the newest code counts after a resend', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'resend@example.com')
    await prepare(t, cookie, id)
    const first = await latest(t, 'resend@example.com')
    await prepare(t, cookie, id)
    const second = await latest(t, 'resend@example.com')
    if (first.code !== second.code) {
      const old = await attempt(t, cookie, id, first.code)
      expect((await firstError(old)).code).toBe('form_code_incorrect')
    }
    expect((await attempt(t, cookie, id, second.code)).status).toBe(200)
  })

  it('answers 422 verification_missing for an attempt before any code was sent', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'early@example.com')
    const res = await attempt(t, cookie, id, '123456')
    expect(res.status).toBe(422)
    expect((await firstError(res)).code).toBe('verification_missing')
  })

  it('stores codes and link tokens only as hashes', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const codeId = await addEmail(t, cookie, 'hash-code@example.com')
    await prepare(t, cookie, codeId)
    const { code } = await latest(t, 'hash-code@example.com')
    const linkId = await addEmail(t, cookie, 'hash-link@example.com')
    await prepare(t, cookie, linkId, { strategy: 'email_link' })
    const { link } = await latest(t, 'hash-link@example.com')
    const token = new URL(link).searchParams.get('token') as string
    expect(token.length).toBeGreaterThan(40)

    const { rows } = await t.db.query<Record<string, unknown>>(
      'SELECT * FROM identifications WHERE id = ANY($1::text[])',
      [[codeId, linkId]],
    )
    const dump = JSON.stringify(rows)
    expect(dump).not.toContain(code)
    expect(dump).not.toContain(token)
    const codeRow = rows.find((r) => r.id === codeId) as Record<string, unknown>
    const linkRow = rows.find((r) => r.id === linkId) as Record<string, unknown>
    expect(codeRow.verification_code_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(linkRow.verification_token_hash).toMatch(/^[0-9a-f]{64}$/)
    // Not a plain digest, which a table of all 10^6 codes would reverse at once: keyed and bound to the address.
    expect(codeRow.verification_code_hash).not.toBe(createHash('sha256').update(code).digest('hex'))
    expect(codeRow.verification_code_hash).not.toBe(createHash('sha256').update(`${codeId}:${code}`).digest('hex'))
    expect(linkRow.verification_code_hash).toBeNull()
    expect(linkRow.verification_token_hash).toBe(createHash('sha256').update(token).digest('hex'))
  })

  it('answers 404 for another user\'s address on prepare and attempt, and sends nothing', async () => {
    const t = await createTestServer()
    const owner = await t.signedInUser()
    const id = await addEmail(t, owner.cookie, 'owned@example.com')
    const { cookie } = await t.signedInUser()
    const prepared = await prepare(t, cookie, id)
    expect(prepared.status).toBe(404)
    expect((await firstError(prepared)).code).toBe('resource_not_found')
    const attempted = await attempt(t, cookie, id, '123456')
    expect(attempted.status).toBe(404)
    expect(await readJson(await t.request('/dev/outbox.json?to=owned@example.com'))).toEqual([])
  })

  it('refuses an unknown strategy, a phone strategy and unknown keys (422), sending nothing', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'strategy@example.com')
    const cases: [unknown, string, string][] = [
      [{ strategy: 'phone_code' }, 'form_param_format_invalid', 'strategy'],
      [{ strategy: 'carrier_pigeon' }, 'form_param_format_invalid', 'strategy'],
      [{}, 'form_param_missing', 'strategy'],
      [{ strategy: 'email_code', extra: 1 }, 'form_param_unknown', 'extra'],
    ]
    for (const [body, code, param] of cases) {
      const res = await prepare(t, cookie, id, body)
      expect(res.status).toBe(422)
      expect(await firstError(res)).toMatchObject({ code, meta: { param_name: param } })
    }
    expect(await readJson(await t.request('/dev/outbox.json'))).toEqual([])
  })
})

describe('prepare rate limit', () => {
  it('also limits one user across all their addresses', async () => {
    const t = await createTestServer({ rateLimits: { verificationPreparePerUser: { max: 2, windowMs: 60 * 60_000 } } })
    const { cookie } = await t.signedInUser()
    const ids = [await addEmail(t, cookie, 'a1@example.com'), await addEmail(t, cookie, 'a2@example.com'), await addEmail(t, cookie, 'a3@example.com')]
    expect((await prepare(t, cookie, ids[0] as string)).status).toBe(200)
    expect((await prepare(t, cookie, ids[1] as string)).status).toBe(200)
    const limited = await prepare(t, cookie, ids[2] as string)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3600')
    // Another user is not affected.
    const other = await t.signedInUser()
    expect((await prepare(t, other.cookie, await addEmail(t, other.cookie, 'b1@example.com'))).status).toBe(200)
    expect(await readJson(await t.request('/dev/outbox.json?to=a3@example.com'))).toEqual([])
  })

  it('answers 429 with Retry-After past the per-identifier limit, and sends nothing more', async () => {
    const t = await createTestServer({ rateLimits: { verificationPreparePerIdentifier: { max: 2, windowMs: 60_000 } } })
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'spam@example.com')
    t.clock.advance(15_000) // 15 s into the minute-long window
    expect((await prepare(t, cookie, id)).status).toBe(200)
    expect((await prepare(t, cookie, id)).status).toBe(200)
    const limited = await prepare(t, cookie, id)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('45')
    expect((await firstError(limited)).code).toBe('too_many_requests')
    expect(await readJson(await t.request('/dev/outbox.json?to=spam@example.com'))).toHaveLength(2)

    // Another address is counted apart.
    const other = await addEmail(t, cookie, 'other@example.com')
    expect((await prepare(t, cookie, other)).status).toBe(200)
    // And the window passes.
    t.clock.advance(45_000)
    expect((await prepare(t, cookie, id)).status).toBe(200)
  })
})
