/** Reauthorizing and removing connected accounts, against the real local OpenID provider. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevOidc, startDevOidc } from '../../server/node/dev-oidc.ts'
import { consentAtDevOidc } from '../helpers/dev-oidc.ts'
import { firstError, ORIGIN, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

let oidc: DevOidc
beforeAll(async () => {
  oidc = await startDevOidc({ redirectUris: [`${ORIGIN}/v1/oauth_callback`] })
})
afterAll(async () => {
  await oidc?.close()
})

const createTestServer = setupTestServers()
const server = () => createTestServer({ oauth: { providers: [oidc.provider] } })
const RETURN_TO = `${ORIGIN}/account`

async function finish(t: TestServer, cookie: string, redirectUrl: string, login: string, refuse = false) {
  const back = await consentAtDevOidc(redirectUrl, { login, refuse })
  const res = await t.request(back.pathname + back.search, { cookie })
  expect(res.status).toBe(303)
  return new URL(res.headers.get('location') as string)
}

async function connect(t: TestServer, cookie: string, login: string) {
  const res = await t.request('/v1/me/external_accounts', {
    method: 'POST',
    cookie,
    body: { strategy: 'oauth_dev_oidc', redirect_url: RETURN_TO },
  })
  const pending = (await readJson(res)).response
  const back = await finish(t, cookie, pending.verification.external_verification_redirect_url, login)
  expect(back.searchParams.has('userkit_oauth_error')).toBe(false)
  return (await me(t, cookie)).external_accounts.at(-1) as { id: string; approved_scopes: string; identification_id: string }
}

async function me(t: TestServer, cookie: string) {
  return (await readJson(await t.request('/v1/me', { cookie }))).response
}

const reauthorize = (t: TestServer, cookie: string, id: string, body: Record<string, unknown>) =>
  t.request(`/v1/me/external_accounts/${id}/reauthorize`, { method: 'PATCH', cookie, body: { redirect_url: RETURN_TO, ...body } })

describe('PATCH /v1/me/external_accounts/{id}/reauthorize', () => {
  it('asks for the approved scopes plus the additional ones, and stores what the provider granted', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const account = await connect(t, cookie, 'ada')
    expect(account.approved_scopes).toBe('openid email profile')

    const res = await reauthorize(t, cookie, account.id, { additional_scope: ['phone'] })
    expect(res.status).toBe(200)
    const pending = (await readJson(res)).response
    expect(pending.id).toBe(account.id)
    expect(pending.verification.status).toBe('unverified')
    const url = new URL(pending.verification.external_verification_redirect_url)
    expect(url.searchParams.get('scope')).toBe('openid email profile phone')

    const back = await finish(t, cookie, url.href, 'ada')
    expect(back.href).toBe(RETURN_TO)
    const accounts = (await me(t, cookie)).external_accounts
    expect(accounts).toHaveLength(1)
    expect(accounts[0]).toMatchObject({ id: account.id, approved_scopes: 'openid email profile phone' })
  })

  it('keeps the account as it was when consent is refused', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const account = await connect(t, cookie, 'ada')
    const before = (await me(t, cookie)).external_accounts
    const pending = (await readJson(await reauthorize(t, cookie, account.id, { additional_scope: 'phone' }))).response
    const back = await finish(t, cookie, pending.verification.external_verification_redirect_url, 'ada', true)
    expect(back.searchParams.get('userkit_oauth_error')).toBe('oauth_access_denied')
    expect((await me(t, cookie)).external_accounts).toEqual(before)
  })

  it('refuses a different provider user than the account’s', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const account = await connect(t, cookie, 'ada')
    const pending = (await readJson(await reauthorize(t, cookie, account.id, {}))).response
    const back = await finish(t, cookie, pending.verification.external_verification_redirect_url, 'mallory')
    expect(back.searchParams.get('userkit_oauth_error')).toBe('external_account_mismatch')
    expect((await me(t, cookie)).external_accounts).toMatchObject([{ id: account.id, provider_user_id: 'ada' }])
  })

  it('answers 404 for another user’s account or an unknown id, 422 for bad input', async () => {
    const t = await server()
    const owner = await t.signedInUser()
    const account = await connect(t, owner.cookie, 'ada')
    const other = await t.signedInUser()
    for (const id of [account.id, 'eac_unknown']) {
      const res = await reauthorize(t, other.cookie, id, {})
      expect(res.status).toBe(404)
      expect((await firstError(res)).code).toBe('resource_not_found')
    }
    const bad = await reauthorize(t, owner.cookie, account.id, { redirect_url: 'https://evil.example' })
    expect(bad.status).toBe(422)
    expect((await firstError(bad)).meta.param_name).toBe('redirect_url')
    const unknown = await reauthorize(t, owner.cookie, account.id, { strategy: 'oauth_dev_oidc' })
    expect((await firstError(unknown)).code).toBe('form_param_unknown')
    const { rows } = await t.db.query('SELECT 1 FROM oauth_states')
    expect(rows).toHaveLength(0)
  })
})

describe('DELETE /v1/me/external_accounts/{id}', () => {
  it('removes the account and the email it brought, and the provider account can then join another user', async () => {
    const t = await server()
    const { cookie, user } = await t.signedInUser()
    const account = await connect(t, cookie, 'ada')
    expect((await me(t, cookie)).email_addresses).toHaveLength(2)

    const res = await t.request(`/v1/me/external_accounts/${account.id}`, { method: 'DELETE', cookie })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.response).toEqual({ object: 'external_account', id: account.id, deleted: true })
    const after = body.client.sessions[0].user
    expect(after.external_accounts).toEqual([])
    expect(after.email_addresses.map((e: { id: string }) => e.id)).toEqual([user.primaryEmailAddressId])

    const other = await t.signedInUser()
    await connect(t, other.cookie, 'ada')
    expect((await me(t, other.cookie)).external_accounts).toHaveLength(1)
  })

  it('keeps an email the user already had', async () => {
    const t = await server()
    const { cookie, user } = await t.signedInUser({ email: 'kept@example.com' })
    const account = await connect(t, cookie, 'kept@example.com')
    expect(account.identification_id).toBe(user.primaryEmailAddressId)
    await t.request(`/v1/me/external_accounts/${account.id}`, { method: 'DELETE', cookie })
    expect((await me(t, cookie)).email_addresses.map((e: { email_address: string }) => e.email_address)).toEqual(['kept@example.com'])
  })

  it('refuses to remove the account that brought the only verified email, and changes nothing', async () => {
    const t = await server()
    const created = await t.server.createUser({ username: 'noemail', password: 'correct horse battery staple' })
    const cookie = await t.signIn('noemail', 'correct horse battery staple')
    const account = await connect(t, cookie, 'solo')
    const before = await me(t, cookie)
    expect(before.primary_email_address_id).toBe(account.identification_id)

    const res = await t.request(`/v1/me/external_accounts/${account.id}`, { method: 'DELETE', cookie })
    expect(res.status).toBe(422)
    expect((await firstError(res)).code).toBe('form_identification_needed')
    const after = await me(t, cookie)
    expect(after.external_accounts).toEqual(before.external_accounts)
    expect(after.email_addresses).toEqual(before.email_addresses)
    expect(after.id).toBe(created.id)
  })

  it('answers 404 for another user’s account and leaves it in place', async () => {
    const t = await server()
    const owner = await t.signedInUser()
    const account = await connect(t, owner.cookie, 'ada')
    const other = await t.signedInUser()
    const res = await t.request(`/v1/me/external_accounts/${account.id}`, { method: 'DELETE', cookie: other.cookie })
    expect(res.status).toBe(404)
    expect((await me(t, owner.cookie)).external_accounts).toHaveLength(1)
    const signedOut = await t.request(`/v1/me/external_accounts/${account.id}`, { method: 'DELETE' })
    expect(signedOut.status).toBe(401)
  })
})
