/**
 * Webhooks against a real receiver on 127.0.0.1: every event type from every path that causes it,
 * each verified as a Clerk app verifies it (`@clerk/backend/webhooks`'s `verifyWebhook`) and by the
 * `standardwebhooks` package; retries on the server's clock, disabling, rotation, the Backend API
 * extension `/v1/webhook_endpoints`, and the private-address rule.
 *
 * The background loop is off (`pollIntervalMs: 0`): each test calls `deliverDue()` after moving the
 * clock, so the retry schedule is covered without waiting for it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { verifyWebhook } from '@clerk/backend/webhooks'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WEBHOOK_EVENT_TYPES } from '../../src/wire/index.ts'
import { type DevOidc, startDevOidc } from '../../server/node/dev-oidc.ts'
import { nodeWebhookTransport } from '../../server/node/webhook-transport.ts'
import { DASHBOARD_COOKIE } from '../../server/routes/dashboard.ts'
import { generateWebhookSecret, signedHeaders } from '../../server/webhooks/sign.ts'
import { DISABLE_AFTER_MS, RETENTION_MS, RETRY_SCHEDULE_MS } from '../../server/webhooks/worker.ts'
import { bapi, contractValidator } from '../helpers/backend.ts'
import { consentAtDevOidc } from '../helpers/dev-oidc.ts'
import { firstError, ORIGIN, PUBLIC_URL, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'
import { asRequest, type ReceivedWebhook, startReceiver, verified, type WebhookReceiver } from '../helpers/webhook-receiver.ts'

let oidc: DevOidc
beforeAll(async () => {
  oidc = await startDevOidc({ redirectUris: [`${ORIGIN}/v1/oauth_callback`] })
})
afterAll(async () => {
  await oidc?.close()
})

const createTestServer = setupTestServers({
  webhooks: { pollIntervalMs: 0 },
  requestScope: new AsyncLocalStorage(),
  trustProxy: true,
})

const receivers: WebhookReceiver[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

async function receiver(): Promise<WebhookReceiver> {
  const r = await startReceiver()
  receivers.push(r)
  return r
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const CLIENT_IP = '203.0.113.7'
const USER_AGENT = 'webhook-test/1.0'
/** What a browser's request carries, so events can name it. */
const browser = { 'x-forwarded-for': CLIENT_IP, 'user-agent': USER_AGENT }

/** Adds an endpoint through the Backend API; answers its id and secret. */
async function addEndpoint(t: TestServer, url: string, body: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  const res = await bapi(t)('/v1/webhook_endpoints', { method: 'POST', body: { url, ...body } })
  expect(res.status, await res.clone().text()).toBe(200)
  const json = await readJson(res)
  expect(json.secret).toMatch(/^whsec_/)
  return { id: json.id, secret: json.secret }
}

/** Sends what is due, then answers every verified event the receiver got since `from`. */
async function deliveredSince(t: TestServer, r: WebhookReceiver, secret: string, from: number): Promise<any[]> {
  await t.server.webhooks.deliverDue()
  return Promise.all(r.received.slice(from).map((w) => verified(w, secret)))
}

/** Runs `step`, delivers, and answers the types of the events it caused, in order. */
async function typesOf(t: TestServer, r: WebhookReceiver, secret: string, step: () => Promise<unknown>): Promise<string[]> {
  const from = r.received.length
  await step()
  return (await deliveredSince(t, r, secret, from)).map((e) => e.type)
}

async function eventCount(t: TestServer): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_events')
  return Number(rows[0]?.n)
}

async function dashboardCookie(t: TestServer): Promise<string> {
  const res = await t.request('/dashboard/api/session', { method: 'POST', body: { secret_key: t.server.secretKey } })
  expect(res.status).toBe(200)
  return (res.headers.getSetCookie().find((l) => l.startsWith(`${DASHBOARD_COOKIE}=`)) as string).split(';')[0] as string
}

const expectOk = async (res: Response | Promise<Response>) => {
  const r = await res
  expect(r.status, await r.clone().text()).toBe(200)
  return readJson(r)
}

describe('events', () => {
  const contract = contractValidator()

  it('come from the Backend API, each once, with Clerk’s body and the Backend API’s JSON as data', async () => {
    const t = await createTestServer()
    const r = await receiver()
    const { secret } = await addEndpoint(t, r.url)
    const api = bapi(t)
    let userId = ''
    expect(
      await typesOf(t, r, secret, async () => {
        userId = (await expectOk(api('/v1/users', { method: 'POST', body: { email_address: ['bapi@example.com'], password: 'long-password', private_metadata: { plan: 'pro' } } }))).id
      }),
    ).toEqual(['user.created'])
    const [created] = r.received.slice(-1).map((w) => JSON.parse(w.body))
    expect(Object.keys(created).sort()).toEqual(['data', 'event_attributes', 'instance_id', 'object', 'timestamp', 'type'])
    expect(created).toMatchObject({ object: 'event', type: 'user.created', timestamp: t.clock.now(), instance_id: expect.stringMatching(/^ins_/) })
    expect(created.data).toMatchObject({ object: 'user', id: userId, private_metadata: { plan: 'pro' }, email_addresses: [{ email_address: 'bapi@example.com' }] })
    expect(contract.errors('/users/{user_id}', 'get', 200, created.data)).toEqual([])
    // The data is what the Backend API answers for the user; image URLs name the public URL, as no request does.
    const answered = await expectOk(api(`/v1/users/${userId}`))
    const onPublicUrl = (url: string) => url.replace(ORIGIN, PUBLIC_URL)
    expect(created.data).toEqual({ ...answered, image_url: onPublicUrl(answered.image_url), profile_image_url: onPublicUrl(answered.profile_image_url) })
    expect(created.data.image_url.startsWith(`${PUBLIC_URL}/`)).toBe(true)

    expect(await typesOf(t, r, secret, () => expectOk(api(`/v1/users/${userId}`, { method: 'PATCH', body: { first_name: 'Grace' } })))).toEqual(['user.updated'])
    expect(await typesOf(t, r, secret, () => expectOk(api(`/v1/users/${userId}/metadata`, { method: 'PATCH', body: { private_metadata: { seats: 3 } } })))).toEqual([
      'user.updated',
    ])
    expect(JSON.parse(r.received.at(-1)!.body).data.private_metadata).toEqual({ plan: 'pro', seats: 3 })

    const cookie = await t.signIn('bapi@example.com', 'long-password')
    const sessionId = (await readJson(await t.request('/v1/client', { cookie }))).client.last_active_session_id
    await t.server.webhooks.deliverDue()
    expect(await typesOf(t, r, secret, () => expectOk(api(`/v1/sessions/${sessionId}/revoke`, { method: 'POST' })))).toEqual(['session.revoked'])
    const revoked = JSON.parse(r.received.at(-1)!.body)
    expect(revoked.data).toMatchObject({ object: 'session', id: sessionId, user_id: userId, status: 'revoked' })
    expect(contract.errors('/sessions/{session_id}', 'get', 200, revoked.data)).toEqual([])
    // Revoking again changes nothing, so it tells nothing.
    expect(await typesOf(t, r, secret, () => expectOk(api(`/v1/sessions/${sessionId}/revoke`, { method: 'POST' })))).toEqual([])

    await t.signIn('bapi@example.com', 'long-password')
    await t.server.webhooks.deliverDue()
    expect(await typesOf(t, r, secret, () => expectOk(api(`/v1/users/${userId}/ban`, { method: 'POST' })))).toEqual(['session.revoked', 'user.updated'])
    expect(await typesOf(t, r, secret, () => expectOk(api(`/v1/users/${userId}`, { method: 'DELETE' })))).toEqual(['user.deleted'])
    expect(JSON.parse(r.received.at(-1)!.body).data).toEqual({ object: 'user', id: userId, deleted: true })
    // A Backend API call carries its caller's address and user agent too.
    expect(JSON.parse(r.received.at(-1)!.body).event_attributes).toEqual({ http_request: { client_ip: expect.any(String), user_agent: '' } })
  })

  it('come from the Frontend API, naming the browser’s address and user agent', async () => {
    const t = await createTestServer()
    const r = await receiver()
    const { secret } = await addEndpoint(t, r.url)
    const { email, password, user } = await t.createUser()
    await t.server.webhooks.deliverDue()

    let cookie = ''
    expect(
      await typesOf(t, r, secret, async () => {
        cookie = await t.signIn(email, password, { headers: browser })
      }),
    ).toEqual(['session.created'])
    const signedIn = JSON.parse(r.received.at(-1)!.body)
    expect(signedIn.event_attributes).toEqual({ http_request: { client_ip: CLIENT_IP, user_agent: USER_AGENT } })
    expect(signedIn.data).toMatchObject({ object: 'session', user_id: user.id, status: 'active' })
    expect(contract.errors('/sessions/{session_id}', 'get', 200, signedIn.data)).toEqual([])

    const me = (path: string, body: unknown, method = 'POST') => expectOk(t.request(path, { method, cookie, body, headers: browser }))
    expect(await typesOf(t, r, secret, () => me('/v1/me', { first_name: 'Ada' }, 'PATCH'))).toEqual(['user.updated'])

    let emailId = ''
    expect(
      await typesOf(t, r, secret, async () => {
        emailId = (await me('/v1/me/email_addresses', { email_address: 'second@example.com' })).response.id
      }),
    ).toEqual(['user.updated'])
    expect(await typesOf(t, r, secret, () => me(`/v1/me/email_addresses/${emailId}/prepare_verification`, { strategy: 'email_code' }))).toEqual(['email.created'])
    const mail = JSON.parse(r.received.at(-1)!.body).data
    const [outbox] = await readJson(await t.request('/dev/outbox.json?to=second%40example.com'))
    expect(mail).toMatchObject({
      object: 'email',
      slug: 'verification_code',
      to_email_address: 'second@example.com',
      email_address_id: emailId,
      user_id: user.id,
      delivered_by_clerk: true,
      subject: outbox.subject,
    })
    expect(mail.body_plain).toBe(outbox.text)
    expect(mail.body_plain).toContain(outbox.code)

    let phoneId = ''
    expect(
      await typesOf(t, r, secret, async () => {
        phoneId = (await me('/v1/me/phone_numbers', { phone_number: '+44 20 7946 0958' })).response.id
      }),
    ).toEqual(['user.updated'])
    expect(await typesOf(t, r, secret, () => me(`/v1/me/phone_numbers/${phoneId}/prepare_verification`, { strategy: 'phone_code' }))).toEqual(['sms.created'])
    const sms = JSON.parse(r.received.at(-1)!.body).data
    expect(sms).toMatchObject({ object: 'sms_message', slug: 'verification_code', to_phone_number: '+442079460958', phone_number_id: phoneId, user_id: user.id })
    expect(sms.message).toMatch(/\d{6}/)

    // Two more accounts signed in in this browser: end one session, remove one, then sign out of the last.
    for (const other of [await t.createUser(), await t.createUser()]) cookie = await t.signIn(other.email, other.password, { cookie })
    await t.server.webhooks.deliverDue()
    const sessions = (await readJson(await t.request('/v1/client', { cookie }))).client.sessions.map((s: { id: string }) => s.id)
    expect(sessions).toHaveLength(3)
    expect(await typesOf(t, r, secret, () => me(`/v1/client/sessions/${sessions[0]}/end`, undefined))).toEqual(['session.ended'])
    expect(await typesOf(t, r, secret, () => me(`/v1/client/sessions/${sessions[1]}/remove`, undefined))).toEqual(['session.removed'])
    expect(JSON.parse(r.received.at(-1)!.body).data).toMatchObject({ id: sessions[1], status: 'removed' })
    expect(await typesOf(t, r, secret, () => me('/v1/client/sessions', undefined, 'DELETE'))).toEqual(['session.ended'])
    expect(JSON.parse(r.received.at(-1)!.body).data).toMatchObject({ id: sessions[2], status: 'ended' })
  })

  it('come from the dashboard, naming the operator’s browser', async () => {
    const t = await createTestServer()
    const r = await receiver()
    const { secret } = await addEndpoint(t, r.url)
    const cookie = await dashboardCookie(t)
    const dash = (path: string, method: string, body?: unknown) => expectOk(t.request(`/dashboard/api${path}`, { method, cookie, body, headers: browser }))
    let id = ''
    expect(
      await typesOf(t, r, secret, async () => {
        id = (await dash('/v1/users', 'POST', { email_address: ['dash@example.com'], skip_password_requirement: true })).id
      }),
    ).toEqual(['user.created'])
    expect(JSON.parse(r.received.at(-1)!.body).event_attributes.http_request).toEqual({ client_ip: CLIENT_IP, user_agent: USER_AGENT })
    expect(await typesOf(t, r, secret, () => dash(`/v1/users/${id}`, 'PATCH', { username: 'dashed' }))).toEqual(['user.updated'])
    expect(await typesOf(t, r, secret, () => dash(`/v1/users/${id}`, 'DELETE'))).toEqual(['user.deleted'])
  })

  it('come from the OAuth callback when an account is connected', async () => {
    const t = await createTestServer({ oauth: { providers: [oidc.provider] } })
    const r = await receiver()
    const { secret } = await addEndpoint(t, r.url)
    const { cookie, user } = await t.signedInUser()
    await t.server.webhooks.deliverDue()
    const types = await typesOf(t, r, secret, async () => {
      const pending = await expectOk(t.request('/v1/me/external_accounts', { method: 'POST', cookie, body: { strategy: 'oauth_dev_oidc', redirect_url: `${ORIGIN}/account` } }))
      const back = await consentAtDevOidc(pending.response.verification.external_verification_redirect_url, { login: 'ada' })
      expect((await t.request(back.pathname + back.search, { cookie })).status).toBe(303)
    })
    // Starting the connection changes nothing of the user; the callback that completes it is the change.
    expect(types).toEqual(['user.updated'])
    const data = JSON.parse(r.received.at(-1)!.body).data
    expect(data.id).toBe(user.id)
    expect(data.external_accounts).toMatchObject([{ provider: 'oauth_dev_oidc', verification: { status: 'verified' } }])
  })

  it('are not written for a refused request, nor when no endpoint wants them', async () => {
    const t = await createTestServer()
    const r = await receiver()
    await expectOk(bapi(t)('/v1/users', { method: 'POST', body: { email_address: ['nobody-listens@example.com'], password: 'long-password' } }))
    expect(await eventCount(t)).toBe(0)
    const { secret } = await addEndpoint(t, r.url, { event_types: ['user.deleted'] })
    await expectOk(bapi(t)('/v1/users', { method: 'POST', body: { email_address: ['filtered@example.com'], password: 'long-password' } }))
    expect(await eventCount(t)).toBe(0)
    await addEndpoint(t, r.url, { event_types: ['user.created'] })
    const refused = await bapi(t)('/v1/users', { method: 'POST', body: { email_address: ['not an email'] } })
    expect(refused.status).toBe(422)
    const taken = await bapi(t)('/v1/users', { method: 'POST', body: { email_address: ['filtered@example.com'], password: 'long-password' } })
    expect(taken.status).toBe(422)
    expect(await eventCount(t)).toBe(0)
    expect(await t.server.webhooks.deliverDue()).toBe(0)
    expect(r.received).toHaveLength(0)
    expect(secret).toMatch(/^whsec_/)
  })

  it('reach only the endpoints that asked for their type, one delivery each', async () => {
    const t = await createTestServer()
    const all = await receiver()
    const deletions = await receiver()
    const everything = await addEndpoint(t, all.url)
    const onlyDeleted = await addEndpoint(t, deletions.url, { event_types: ['user.deleted'] })
    const id = (await expectOk(bapi(t)('/v1/users', { method: 'POST', body: { email_address: ['two@example.com'], password: 'long-password' } }))).id
    await expectOk(bapi(t)(`/v1/users/${id}`, { method: 'DELETE' }))
    await t.server.webhooks.deliverDue()
    expect(await Promise.all(all.received.map(async (w) => (await verified(w, everything.secret)).type))).toEqual(['user.created', 'user.deleted'])
    expect(await Promise.all(deletions.received.map(async (w) => (await verified(w, onlyDeleted.secret)).type))).toEqual(['user.deleted'])
    // One event, two deliveries: both carry the event's id.
    expect(deletions.received[0]!.headers['svix-id']).toBe(all.received[1]!.headers['svix-id'])
    expect(await eventCount(t)).toBe(2)
  })

  it('never make the request that caused them wait for the receiver', async () => {
    const t = await createTestServer({ webhooks: { pollIntervalMs: 0, timeoutMs: 60_000 } })
    const r = await receiver()
    r.script.push('hang', 'hang')
    await addEndpoint(t, r.url)
    await expectOk(bapi(t)('/v1/users', { method: 'POST', body: { email_address: ['first@example.com'], password: 'long-password' } }))
    await r.waitFor(1)
    // The receiver holds the first delivery unanswered, and the next change is acknowledged all the same.
    expect(r.received[0]!.answered).toBe(0)
    await expectOk(bapi(t)('/v1/users', { method: 'POST', body: { email_address: ['second@example.com'], password: 'long-password' } }))
    expect(r.received.every((w) => w.answered === 0)).toBe(true)
  })
})

describe('signatures', () => {
  it('fail verification with another secret, and with a changed body', async () => {
    const t = await createTestServer()
    const r = await receiver()
    const { secret } = await addEndpoint(t, r.url)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    const [webhook] = await r.waitFor(1)
    await expect(verified(webhook!, secret)).resolves.toMatchObject({ type: 'user.created' })
    await expect(verifyWebhook(asRequest(webhook!), { signingSecret: generateWebhookSecret() })).rejects.toThrow()
    expect(() => new Webhook(generateWebhookSecret()).verify(webhook!.body, standardHeaders(webhook!))).toThrow()
    const tampered = { ...webhook!, body: webhook!.body.replace('user.created', 'user.deleted') }
    await expect(verifyWebhook(asRequest(tampered), { signingSecret: secret })).rejects.toThrow()
  })

  it('carry both secrets for 24 hours after a rotation, then only the new one', async () => {
    const t = await createTestServer()
    const r = await receiver()
    const { id, secret: old } = await addEndpoint(t, r.url)
    const rotated = await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}/rotate_secret`, { method: 'POST' }))
    expect(rotated.secret).toMatch(/^whsec_/)
    expect(rotated.secret).not.toBe(old)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    const during = r.received.at(-1)!
    expect((during.headers['svix-signature'] as string).split(' ')).toHaveLength(2)
    await verified(during, old)
    await verified(during, rotated.secret)

    t.clock.advance(DAY)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    const after = r.received.at(-1)!
    expect((after.headers['svix-signature'] as string).split(' ')).toHaveLength(1)
    await verified(after, rotated.secret)
    await expect(verifyWebhook(asRequest(after), { signingSecret: old })).rejects.toThrow()
  })

  it('verify with the secret of USERKIT_WEBHOOK_URL’s endpoint, which gets every event type', async () => {
    const r = await receiver()
    const secret = generateWebhookSecret()
    const t = await createTestServer({ webhooks: { pollIntervalMs: 0, endpoint: { url: r.url, secret } } })
    const { user } = await t.createUser()
    await expectOk(bapi(t)(`/v1/users/${user.id}`, { method: 'DELETE' }))
    await t.server.webhooks.deliverDue()
    expect(await Promise.all(r.received.map(async (w) => (await verified(w, secret)).type))).toEqual(['user.created', 'user.deleted'])
  })
})

function standardHeaders(w: ReceivedWebhook) {
  const h = w.headers as Record<string, string>
  return { 'webhook-id': h['svix-id'] as string, 'webhook-timestamp': h['svix-timestamp'] as string, 'webhook-signature': h['svix-signature'] as string }
}

describe('retries', () => {
  async function deliveries(t: TestServer, endpointId: string) {
    return (await expectOk(bapi(t)(`/v1/webhook_endpoints/${endpointId}/deliveries`))).data
  }

  it('send the same svix-id again after a 500, 5 seconds later on the server’s clock', async () => {
    const t = await createTestServer()
    const r = await receiver()
    r.script.push(500)
    const { id, secret } = await addEndpoint(t, r.url)
    await t.createUser()
    // The change woke the sender already; deliverDue waits for it (so it cannot tell how many it sent).
    await t.server.webhooks.deliverDue()
    expect(r.received.map((w) => w.answered)).toEqual([500])
    const [failed] = await deliveries(t, id)
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, response_status: 500, error: 'HTTP 500', next_attempt_at: t.clock.now() + 5_000 })

    t.clock.advance(4_999)
    expect(await t.server.webhooks.deliverDue()).toBe(0)
    t.clock.advance(1)
    expect(await t.server.webhooks.deliverDue()).toBe(1)
    expect(r.received.map((w) => w.answered)).toEqual([500, 200])
    expect(r.received[1]!.headers['svix-id']).toBe(r.received[0]!.headers['svix-id'])
    expect(r.received[1]!.body).toBe(r.received[0]!.body)
    await verified(r.received[1]!, secret)
    expect((await deliveries(t, id))[0]).toMatchObject({ status: 'succeeded', attempts: 2, response_status: 200, error: null, next_attempt_at: null })
  })

  it('follow Svix’s schedule, then mark the delivery failed after the eighth attempt', async () => {
    const t = await createTestServer()
    const r = await receiver()
    r.script.push(...RETRY_SCHEDULE_MS.map(() => 503), 200)
    const { id } = await addEndpoint(t, r.url)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    expect(r.received).toHaveLength(1)
    for (const wait of RETRY_SCHEDULE_MS.slice(1)) {
      t.clock.advance(wait - 1)
      expect(await t.server.webhooks.deliverDue()).toBe(0)
      t.clock.advance(1)
      expect(await t.server.webhooks.deliverDue()).toBe(1)
    }
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000])
    expect(r.received).toHaveLength(8)
    expect(new Set(r.received.map((w) => w.headers['svix-id'])).size).toBe(1)
    expect((await deliveries(t, id))[0]).toMatchObject({ status: 'failed', attempts: 8, response_status: 503, next_attempt_at: null })
    t.clock.advance(30 * DAY)
    expect(await t.server.webhooks.deliverDue()).toBe(0)
    expect(r.received).toHaveLength(8)
  })

  it('count a timeout and a refused connection as failures to retry', async () => {
    const t = await createTestServer({ webhooks: { pollIntervalMs: 0, timeoutMs: 200 } })
    const r = await receiver()
    r.script.push('hang')
    const slow = await addEndpoint(t, r.url)
    const closed = await receiver()
    const gone = await addEndpoint(t, closed.url)
    await closed.close()
    await t.createUser()
    await t.server.webhooks.deliverDue()
    expect((await deliveries(t, slow.id))[0]).toMatchObject({ status: 'pending', attempts: 1, response_status: null, error: 'timeout' })
    expect((await deliveries(t, gone.id))[0]).toMatchObject({ status: 'pending', attempts: 1, response_status: null, error: 'connection refused' })
    t.clock.advance(5_000)
    await t.server.webhooks.deliverDue()
    expect((await deliveries(t, slow.id))[0]).toMatchObject({ status: 'succeeded', attempts: 2, response_status: 200 })
  })

  it('keep a user’s events in the order of their changes', async () => {
    const t = await createTestServer()
    const r = await receiver()
    const { secret } = await addEndpoint(t, r.url)
    const { user } = await t.createUser()
    for (const name of ['B', 'C', 'D']) await expectOk(bapi(t)(`/v1/users/${user.id}`, { method: 'PATCH', body: { first_name: name } }))
    await expectOk(bapi(t)(`/v1/users/${user.id}`, { method: 'DELETE' }))
    await t.server.webhooks.deliverDue()
    const events = await Promise.all(r.received.map((w) => verified(w, secret)))
    expect(events.map((e) => [e.type, e.data.first_name])).toEqual([
      ['user.created', 'Ada'],
      ['user.updated', 'B'],
      ['user.updated', 'C'],
      ['user.updated', 'D'],
      ['user.deleted', undefined],
    ])
  })

  it('disable an endpoint that has failed for 5 days, and send it nothing more', async () => {
    const t = await createTestServer()
    const r = await receiver()
    r.script.push(...Array.from({ length: 100 }, () => 500))
    const { id } = await addEndpoint(t, r.url)
    // One change a day; every attempt fails.
    for (let day = 0; day < 5; day++) {
      await t.createUser()
      await t.server.webhooks.deliverDue()
      for (const wait of RETRY_SCHEDULE_MS.slice(1, 4)) {
        t.clock.advance(wait)
        await t.server.webhooks.deliverDue()
      }
      const endpoint = await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}`))
      expect(endpoint).toMatchObject({ status: 'enabled', disabled_reason: null })
      t.clock.advance(DAY - 5_000 - 300_000 - 1_800_000)
    }
    expect(t.clock.now() - (await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}`))).failing_since).toBeGreaterThanOrEqual(DISABLE_AFTER_MS)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    const endpoint = await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}`))
    expect(endpoint).toMatchObject({ status: 'disabled', disabled_reason: 'failing' })
    const pending = (await deliveries(t, id)).filter((d: { status: string }) => d.status === 'pending')
    expect(pending).toEqual([])

    const before = r.received.length
    await t.createUser()
    t.clock.advance(DAY)
    expect(await t.server.webhooks.deliverDue()).toBe(0)
    expect(r.received).toHaveLength(before)

    // Enabled again, it gets new events and its failure clock starts over.
    r.script.splice(0)
    const enabled = await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}`, { method: 'PATCH', body: { disabled: false } }))
    expect(enabled).toMatchObject({ status: 'enabled', disabled_reason: null, failing_since: null })
    await t.createUser()
    await t.server.webhooks.deliverDue()
    expect(r.received).toHaveLength(before + 1)
    expect(r.received.at(-1)!.answered).toBe(200)
  })

  it('keep events 30 days after they were sent, then delete them, never one still waiting', async () => {
    const t = await createTestServer()
    const r = await receiver()
    await addEndpoint(t, r.url)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    t.clock.advance(RETENTION_MS - HOUR)
    // An endpoint that never answers 2xx keeps the next event waiting for retries.
    const failing = await receiver()
    failing.script.push(...Array.from({ length: 20 }, () => 500))
    const { id } = await addEndpoint(t, failing.url)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    expect(await eventCount(t)).toBe(2)

    t.clock.advance(2 * HOUR)
    await t.server.webhooks.deliverDue()
    // The first event is gone with its delivery; the one still retried stays.
    expect(await eventCount(t)).toBe(1)
    expect((await deliveries(t, id)).map((d: { status: string }) => d.status)).toEqual(['pending'])

    // Its retries run out; 30 days later it goes too.
    for (const wait of RETRY_SCHEDULE_MS) {
      t.clock.advance(wait)
      await t.server.webhooks.deliverDue()
    }
    expect((await deliveries(t, id)).map((d: { status: string }) => d.status)).toEqual(['failed'])
    t.clock.advance(RETENTION_MS)
    await t.server.webhooks.deliverDue()
    expect(await eventCount(t)).toBe(0)
    expect(await deliveries(t, id)).toEqual([])
  })

  it('send a disabled endpoint nothing, and fail what was waiting for it', async () => {
    const t = await createTestServer()
    const r = await receiver()
    r.script.push(500)
    const { id } = await addEndpoint(t, r.url)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    expect(r.received).toHaveLength(1)
    expect(await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}`, { method: 'PATCH', body: { disabled: true } }))).toMatchObject({
      status: 'disabled',
      disabled_reason: 'manual',
    })
    expect((await deliveries(t, id))[0]).toMatchObject({ status: 'failed', error: 'endpoint disabled' })
    await t.createUser()
    t.clock.advance(HOUR)
    expect(await t.server.webhooks.deliverDue()).toBe(0)
    expect(r.received).toHaveLength(1)
    expect(await eventCount(t)).toBe(1)
  })
})

describe('/v1/webhook_endpoints', () => {
  it('needs the secret key', async () => {
    const t = await createTestServer()
    for (const [path, method] of [
      ['/v1/webhook_endpoints', 'GET'],
      ['/v1/webhook_endpoints', 'POST'],
      ['/v1/webhook_endpoints/ep_x', 'PATCH'],
      ['/v1/webhook_endpoints/ep_x/rotate_secret', 'POST'],
      ['/v1/webhook_endpoints/ep_x/deliveries', 'GET'],
    ] as const) {
      const res = await t.request(path, { method, origin: null, body: method === 'GET' ? undefined : { url: 'https://example.com/hook' } })
      expect(res.status, `${method} ${path}`).toBe(401)
      const wrong = await bapi(t, 'sk_test_wrong')(path, { method, body: method === 'GET' ? undefined : { url: 'https://example.com/hook' } })
      expect(wrong.status).toBe(401)
    }
    expect((await expectOk(bapi(t)('/v1/webhook_endpoints'))).data).toEqual([])
  })

  it('creates, lists, updates and deletes endpoints, showing the secret only when it is made', async () => {
    const t = await createTestServer()
    const api = bapi(t)
    const created = await expectOk(api('/v1/webhook_endpoints', { method: 'POST', body: { url: 'https://hooks.example.com/in', description: 'CRM', event_types: ['user.created', 'user.created', 'user.deleted'] } }))
    expect(created).toMatchObject({
      object: 'webhook_endpoint',
      id: expect.stringMatching(/^ep_/),
      url: 'https://hooks.example.com/in',
      description: 'CRM',
      event_types: ['user.created', 'user.deleted'],
      status: 'enabled',
      disabled_reason: null,
      source: 'api',
      failing_since: null,
      created_at: t.clock.now(),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    })
    const listed = await api('/v1/webhook_endpoints')
    const listText = await listed.clone().text()
    expect(listText).not.toContain('whsec_')
    expect(listText).not.toContain('secret')
    const { data, total_count } = await readJson(listed)
    expect(total_count).toBe(1)
    const { secret: _secret, ...withoutSecret } = created
    expect(data).toEqual([withoutSecret])
    expect(await (await api(`/v1/webhook_endpoints/${created.id}`)).text()).not.toContain('whsec_')

    t.clock.advance(1_000)
    const updated = await expectOk(api(`/v1/webhook_endpoints/${created.id}`, { method: 'PATCH', body: { url: 'http://hooks.example.com/v2', event_types: [] } }))
    expect(updated).toMatchObject({ url: 'http://hooks.example.com/v2', description: 'CRM', event_types: [], updated_at: t.clock.now() })
    expect(updated).not.toHaveProperty('secret')

    expect(await expectOk(api(`/v1/webhook_endpoints/${created.id}`, { method: 'DELETE' }))).toEqual({ object: 'webhook_endpoint', id: created.id, deleted: true })
    expect((await api(`/v1/webhook_endpoints/${created.id}`)).status).toBe(404)
    expect((await api(`/v1/webhook_endpoints/${created.id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses URLs that are not http(s), unknown event types and unknown fields, naming the parameter', async () => {
    const t = await createTestServer()
    const api = bapi(t)
    for (const url of ['ftp://example.com/hook', 'not a url', 'javascript:alert(1)', 'https://user:pass@example.com/', `https://example.com/${'a'.repeat(2100)}`, '']) {
      const res = await api('/v1/webhook_endpoints', { method: 'POST', body: { url } })
      expect(res.status, url).toBe(422)
      expect((await firstError(res)).meta.param_name).toBe('url')
    }
    const badType = await api('/v1/webhook_endpoints', { method: 'POST', body: { url: 'https://example.com/h', event_types: ['user.exploded'] } })
    expect(badType.status).toBe(422)
    expect((await firstError(badType)).meta.param_name).toMatch(/^event_types/)
    const unknown = await api('/v1/webhook_endpoints', { method: 'POST', body: { url: 'https://example.com/h', secret: 'whsec_mine' } })
    expect(unknown.status).toBe(422)
    expect(await firstError(unknown)).toMatchObject({ code: 'form_param_unknown', meta: { param_name: 'secret' } })
    const created = await addEndpoint(t, 'https://example.com/h')
    const patch = await api(`/v1/webhook_endpoints/${created.id}`, { method: 'PATCH', body: { url: 'gopher://example.com' } })
    expect(patch.status).toBe(422)
    expect((await expectOk(api(`/v1/webhook_endpoints/${created.id}`))).url).toBe('https://example.com/h')
    expect((await expectOk(api('/v1/webhook_endpoints'))).total_count).toBe(1)
  })

  it('accepts every event type Clerk names for users, sessions, emails and SMS', async () => {
    const t = await createTestServer()
    const created = await expectOk(bapi(t)('/v1/webhook_endpoints', { method: 'POST', body: { url: 'https://example.com/h', event_types: [...WEBHOOK_EVENT_TYPES] } }))
    expect(created.event_types).toEqual([
      'user.created',
      'user.updated',
      'user.deleted',
      'session.created',
      'session.ended',
      'session.removed',
      'session.revoked',
      'email.created',
      'sms.created',
    ])
  })

  it('shows the environment’s endpoint read-only, with its deliveries', async () => {
    const r = await receiver()
    const t = await createTestServer({ webhooks: { pollIntervalMs: 0, endpoint: { url: r.url, secret: generateWebhookSecret() } } })
    const api = bapi(t)
    const [endpoint] = (await expectOk(api('/v1/webhook_endpoints'))).data
    expect(endpoint).toMatchObject({ id: 'ep_environment', source: 'environment', url: r.url, event_types: [], status: 'enabled' })
    for (const [path, method, body] of [
      ['/v1/webhook_endpoints/ep_environment', 'PATCH', { disabled: true }],
      ['/v1/webhook_endpoints/ep_environment', 'DELETE', undefined],
      ['/v1/webhook_endpoints/ep_environment/rotate_secret', 'POST', undefined],
    ] as const) {
      const res = await api(path, { method, body })
      expect(res.status).toBe(422)
      expect((await firstError(res)).code).toBe('webhook_endpoint_read_only')
    }
    await t.createUser()
    await t.server.webhooks.deliverDue()
    const [delivery] = (await expectOk(api('/v1/webhook_endpoints/ep_environment/deliveries'))).data
    expect(delivery).toMatchObject({ object: 'webhook_delivery', endpoint_id: 'ep_environment', event_type: 'user.created', status: 'succeeded', attempts: 1, response_status: 200 })
  })

  it('lists deliveries newest first, and resends one with the same svix-id', async () => {
    const t = await createTestServer()
    const r = await receiver()
    const { id, secret } = await addEndpoint(t, r.url)
    await t.createUser()
    await t.createUser()
    await t.server.webhooks.deliverDue()
    const page = await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}/deliveries?limit=1`))
    expect(page.total_count).toBe(2)
    expect(page.data).toHaveLength(1)
    const [newest] = page.data
    expect(newest.event_id).toBe(r.received[1]!.headers['svix-id'])
    const resent = await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}/deliveries/${newest.id}/resend`, { method: 'POST' }))
    expect(resent).toMatchObject({ event_id: newest.event_id, status: 'pending', attempts: 0 })
    expect(resent.id).not.toBe(newest.id)
    await t.server.webhooks.deliverDue()
    expect(r.received).toHaveLength(3)
    expect(r.received[2]!.headers['svix-id']).toBe(newest.event_id)
    await verified(r.received[2]!, secret)
    expect((await bapi(t)(`/v1/webhook_endpoints/${id}/deliveries/whd_unknown/resend`, { method: 'POST' })).status).toBe(404)
    const other = await addEndpoint(t, r.url)
    expect((await bapi(t)(`/v1/webhook_endpoints/${other.id}/deliveries/${newest.id}/resend`, { method: 'POST' })).status).toBe(404)
  })

  it('is outside Clerk’s spec', () => {
    const spec = contractValidator()
    expect(() => spec.errors('/webhook_endpoints', 'get', 200, {})).toThrow(/the spec has no get \/webhook_endpoints/)
  })
})

describe('private addresses', () => {
  it('are refused after DNS in production for endpoints added through the API, unless allowed', async () => {
    const r = await receiver()
    const t = await createTestServer({ env: 'production', webhooks: { pollIntervalMs: 0, transport: nodeWebhookTransport } })
    const port = new URL(r.url).port
    const literal = await addEndpoint(t, r.url)
    // `localhost` is a name: only the address it resolves to tells it is loopback.
    const named = await addEndpoint(t, `http://localhost:${port}/webhooks`)
    await t.createUser()
    await t.server.webhooks.deliverDue()
    expect(r.received).toHaveLength(0)
    for (const id of [literal.id, named.id]) {
      const [delivery] = (await expectOk(bapi(t)(`/v1/webhook_endpoints/${id}/deliveries`))).data
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, response_status: null, error: 'address not allowed (loopback or private)' })
    }
  })

  it('are allowed for USERKIT_WEBHOOK_URL in production, and with the option', async () => {
    const r = await receiver()
    const secret = generateWebhookSecret()
    const t = await createTestServer({ env: 'production', webhooks: { pollIntervalMs: 0, transport: nodeWebhookTransport, endpoint: { url: r.url, secret } } })
    await t.createUser()
    await t.server.webhooks.deliverDue()
    expect(r.received).toHaveLength(1)
    await verified(r.received[0]!, secret)

    const allowed = await createTestServer({ env: 'production', webhooks: { pollIntervalMs: 0, transport: nodeWebhookTransport, allowPrivateNetwork: true } })
    const own = await addEndpoint(allowed, r.url.replace('127.0.0.1', 'localhost'))
    await allowed.createUser()
    await allowed.server.webhooks.deliverDue()
    expect(r.received).toHaveLength(2)
    await verified(r.received[1]!, own.secret)
  })

  it('a bad USERKIT_WEBHOOK_URL or secret stops the server from starting', async () => {
    await expect(createTestServer({ webhooks: { endpoint: { url: 'ftp://x', secret: generateWebhookSecret() } } })).rejects.toThrow(/USERKIT_WEBHOOK_URL/)
    await expect(createTestServer({ webhooks: { endpoint: { url: 'https://example.com', secret: 'whsec_short' } } })).rejects.toThrow(/USERKIT_WEBHOOK_SECRET/)
  })
})

describe('the README’s Express receiver', () => {
  it('verifies events with @clerk/express’s verifyWebhook and refuses a forged one', async () => {
    const secret = generateWebhookSecret()
    const { default: express } = await import('express')
    const { verifyWebhook: verifyExpress } = await import('@clerk/express/webhooks')
    const welcomed: string[] = []
    const app = express()
    app.post('/webhooks', express.raw({ type: 'application/json' }), async (req, res) => {
      try {
        const event = await verifyExpress(req, { signingSecret: secret })
        if (event.type === 'user.created') welcomed.push(event.data.email_addresses[0]?.email_address ?? '')
        res.sendStatus(204)
      } catch {
        res.status(400).send('invalid signature')
      }
    })
    const http = app.listen(0, '127.0.0.1')
    await new Promise((done) => http.once('listening', done))
    const url = `http://127.0.0.1:${(http.address() as { port: number }).port}/webhooks`
    try {
      const t = await createTestServer({ webhooks: { pollIntervalMs: 0, endpoint: { url, secret } } })
      await t.createUser({ email: 'welcome@example.com' })
      await t.server.webhooks.deliverDue()
      expect(welcomed).toEqual(['welcome@example.com'])
      const [delivery] = (await expectOk(bapi(t)('/v1/webhook_endpoints/ep_environment/deliveries'))).data
      expect(delivery).toMatchObject({ status: 'succeeded', response_status: 204 })

      // The same body signed with another secret is refused.
      const forged = await fetch(url, {
        method: 'POST',
        headers: await signedHeaders('msg_forged', '{"type":"user.created","data":{}}', [generateWebhookSecret()], new Date()),
        body: '{"type":"user.created","data":{}}',
      })
      expect(forged.status).toBe(400)
      expect(welcomed).toHaveLength(1)
    } finally {
      http.closeAllConnections()
      await new Promise((done) => http.close(done))
    }
  })
})
