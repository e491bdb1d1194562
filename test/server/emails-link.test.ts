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

/** The newest dev-outbox message to `to`. */
async function latest(t: TestServer, to: string) {
  const messages = await readJson(await t.request(`/dev/outbox.json?to=${encodeURIComponent(to)}`))
  expect(messages.length).toBeGreaterThan(0)
  return messages[0]
}

describe('email_link verification', () => {
  it('verifies when the link is opened and redirects to the allowed redirect_url', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'link@example.com')
    const res = await prepare(t, cookie, id, { strategy: 'email_link', redirect_url: `${ORIGIN}/account?tab=emails` })
    expect(res.status).toBe(200)
    expect((await readJson(res)).response.verification).toMatchObject({
      object: 'verification_email_link',
      status: 'unverified',
      strategy: 'email_link',
      expire_at: t.clock.now() + TEN_MINUTES,
    })
    const message = await latest(t, 'link@example.com')
    expect(message).toMatchObject({ channel: 'email', code: null })
    expect(message.link).toMatch(new RegExp(`^${ORIGIN}/v1/verify\\?token=[A-Za-z0-9_-]{43}$`))
    expect(message.text).toContain(message.link)

    // The link is opened in some browser, maybe another one: no session, no cookie.
    const opened = await t.request(message.link.slice(ORIGIN.length))
    expect(opened.status).toBe(303)
    expect(opened.headers.get('location')).toBe(`${ORIGIN}/account?tab=emails&__userkit_status=verified`)
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer')
    const me = await readJson(await t.request(`/v1/me/email_addresses/${id}`, { cookie }))
    expect(me.response.verification).toMatchObject({ status: 'verified', strategy: 'email_link' })

    // It works once.
    const again = await t.request(message.link.slice(ORIGIN.length))
    expect(again.status).toBe(400)
    expect(again.headers.get('content-type')).toContain('text/html')
  })

  it('shows a plain confirmation page without redirect_url', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'page@example.com')
    await prepare(t, cookie, id, { strategy: 'email_link' })
    const { link } = await latest(t, 'page@example.com')
    const opened = await t.request(link.slice(ORIGIN.length))
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await opened.text()).toContain('Email address verified')
  })

  it('accepts redirect_url on an allowed origin, and refuses any other (no open redirect)', async () => {
    const t = await createTestServer({ allowedOrigins: ['https://app.example.com'] })
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'redirects@example.com')
    for (const redirect_url of [
      'https://evil.example/steal',
      '//evil.example/steal',
      '/\\evil.example/steal',
      'javascript:alert(1)',
      'https://app.example.com.evil.example/',
      'http://app.example.com/', // the scheme is part of the origin
      'https://user:pw@app.example.com/',
    ]) {
      const res = await prepare(t, cookie, id, { strategy: 'email_link', redirect_url })
      expect(res.status, redirect_url).toBe(422)
      expect(await firstError(res)).toMatchObject({ code: 'form_param_value_invalid', meta: { param_name: 'redirect_url' } })
    }
    expect(await readJson(await t.request('/dev/outbox.json'))).toEqual([])

    const ok = await prepare(t, cookie, id, { strategy: 'email_link', redirect_url: 'https://app.example.com/done' })
    expect(ok.status).toBe(200)
    const { link } = await latest(t, 'redirects@example.com')
    const opened = await t.request(link.slice(ORIGIN.length))
    expect(opened.status).toBe(303)
    expect(opened.headers.get('location')).toBe('https://app.example.com/done?__userkit_status=verified')
  })

  it('does not verify an expired link, and tells the redirect target so', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'late@example.com')
    await prepare(t, cookie, id, { strategy: 'email_link', redirect_url: '/account' })
    const { link } = await latest(t, 'late@example.com')
    t.clock.advance(TEN_MINUTES)
    const opened = await t.request(link.slice(ORIGIN.length))
    expect(opened.status).toBe(303)
    expect(opened.headers.get('location')).toBe(`${ORIGIN}/account?__userkit_status=expired`)
    const me = await readJson(await t.request(`/v1/me/email_addresses/${id}`, { cookie }))
    expect(me.response.verification.status).toBe('expired')
  })

  it('answers unknown or malformed tokens with a 400 page and changes nothing', async () => {
    const t = await createTestServer()
    const { cookie } = await t.signedInUser()
    const id = await addEmail(t, cookie, 'untouched@example.com')
    await prepare(t, cookie, id, { strategy: 'email_link' })
    for (const query of ['', '?token=', `?token=${'A'.repeat(43)}`, '?token=%3Cscript%3E', `?token=${'x'.repeat(5000)}`]) {
      const res = await t.request(`/v1/verify${query}`)
      expect(res.status, query).toBe(400)
      expect(await res.text()).not.toContain('<script>')
    }
    const me = await readJson(await t.request(`/v1/me/email_addresses/${id}`, { cookie }))
    expect(me.response.verification.status).toBe('unverified')
  })

  it('makes the first verified address primary when the user has none', async () => {
    const t = await createTestServer()
    const { cookie, user } = await t.signedInUser()
    await t.db.query('UPDATE users SET primary_email_address_id = NULL WHERE id = $1', [user.id])
    const id = await addEmail(t, cookie, 'becomes-primary@example.com')
    await prepare(t, cookie, id, { strategy: 'email_link' })
    const { link } = await latest(t, 'becomes-primary@example.com')
    await t.request(link.slice(ORIGIN.length))
    const me = await readJson(await t.request('/v1/me', { cookie }))
    expect(me.response.primary_email_address_id).toBe(id)
  })
})
