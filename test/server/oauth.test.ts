/**
 * Connected accounts against the real local OpenID provider (oidc-provider on 127.0.0.1): the
 * authorization code flow with PKCE, state and nonce, end to end through the userkit callback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevOidc, startDevOidc } from '../../server/node/dev-oidc.ts'
import { tokenCipher } from '../../server/oauth/crypto.ts'
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
const RETURN_TO = `${ORIGIN}/account#/`

/** Starts a connection and answers the provider URL the browser must visit. */
async function startConnect(t: TestServer, cookie: string, body: Record<string, unknown> = {}) {
  const res = await t.request('/v1/me/external_accounts', {
    method: 'POST',
    cookie,
    body: { strategy: 'oauth_dev_oidc', redirect_url: RETURN_TO, ...body },
  })
  expect(res.status, await res.clone().text()).toBe(200)
  const json = await readJson(res)
  return json.response as { id: string; verification: { status: string; external_verification_redirect_url: string } }
}

/** Runs the callback the provider redirected to, with the browser's cookie; answers the redirect. */
async function callback(t: TestServer, cookie: string, url: URL) {
  expect(url.origin).toBe(ORIGIN)
  expect(url.pathname).toBe('/v1/oauth_callback')
  return t.request(url.pathname + url.search, { cookie })
}

/** A full connection as `login` at the provider; answers the final redirect's URL. */
async function connect(t: TestServer, cookie: string, login = 'ada', body: Record<string, unknown> = {}) {
  const pending = await startConnect(t, cookie, body)
  const back = await consentAtDevOidc(pending.verification.external_verification_redirect_url, { login })
  const res = await callback(t, cookie, back)
  expect(res.status).toBe(303)
  return new URL(res.headers.get('location') as string)
}

async function me(t: TestServer, cookie: string) {
  return (await readJson(await t.request('/v1/me', { cookie }))).response
}

async function countRows(t: TestServer, table: 'external_accounts' | 'oauth_states' | 'identifications') {
  const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
  return Number(rows[0]?.n)
}

describe('GET /v1/environment', () => {
  it('lists the configured providers as oauth_<key> strategies', async () => {
    const t = await server()
    const env = await readJson(await t.request('/v1/environment'))
    expect(env.user_settings.social).toEqual([{ strategy: 'oauth_dev_oidc', key: 'dev_oidc', name: 'Dev OIDC' }])
    const none = await createTestServer()
    expect((await readJson(await none.request('/v1/environment'))).user_settings.social).toEqual([])
  })
})

describe('connecting an account', () => {
  it('answers an unverified account whose redirect URL starts a PKCE code flow with state and nonce', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const pending = await startConnect(t, cookie)
    expect(pending.id).toMatch(/^eac_/)
    expect(pending.verification.status).toBe('unverified')
    const url = new URL(pending.verification.external_verification_redirect_url)
    expect(url.origin).toBe(oidc.issuer)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/v1/oauth_callback`)
    expect(url.searchParams.get('scope')).toBe('openid email profile')
    for (const key of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(key)?.length).toBeGreaterThan(20)
    // Only the state's hash is kept, and no account exists until the provider answers.
    const { rows } = await t.db.query<{ state_hash: string; code_verifier: string }>('SELECT * FROM oauth_states')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.state_hash).not.toContain(url.searchParams.get('state'))
    expect(rows[0]?.code_verifier).toMatch(/^v1\./)
    expect(await countRows(t, 'external_accounts')).toBe(0)
  })

  it('stores the account after consent, with the provider profile, scopes, a linked email and encrypted tokens', async () => {
    const t = await server()
    const { cookie, user } = await t.signedInUser()
    const back = await connect(t, cookie, 'grace')
    expect(back.href).toBe(RETURN_TO)

    const accounts = (await me(t, cookie)).external_accounts
    expect(accounts).toHaveLength(1)
    const account = accounts[0]
    expect(account).toMatchObject({
      object: 'external_account',
      provider: 'oauth_dev_oidc',
      provider_user_id: 'grace',
      email_address: 'grace@example.com',
      email_address_verified: true,
      first_name: 'Grace',
      last_name: 'Dev',
      username: 'grace',
      approved_scopes: 'openid email profile',
      verification: { status: 'verified', strategy: 'oauth_dev_oidc', error: null },
    })
    expect(JSON.stringify(account)).not.toMatch(/token/i)

    // The provider's verified email joined the user's addresses, linked to the account.
    const emails = (await me(t, cookie)).email_addresses
    const linked = emails.find((e: { email_address: string }) => e.email_address === 'grace@example.com')
    expect(linked?.verification).toMatchObject({ status: 'verified', strategy: 'from_oauth_dev_oidc' })
    expect(account.identification_id).toBe(linked.id)
    expect((await me(t, cookie)).primary_email_address_id).toBe(user.primaryEmailAddressId)

    // Tokens are AES-GCM ciphertexts; decrypted with the kept key, the access token works at the provider.
    const { rows } = await t.db.query<{ access_token: string }>('SELECT access_token FROM external_accounts')
    expect(rows[0]?.access_token).toMatch(/^v1\.[\w-]+\.[\w-]+$/)
    const key = (await t.server.store.settings.get('oauth_encryption_key')) as string
    const access = await (await tokenCipher(key)).decrypt(rows[0]?.access_token as string)
    const info = await fetch(`${oidc.issuer}/me`, { headers: { authorization: `Bearer ${access}` } })
    expect(info.status).toBe(200)
    expect((await info.json()).sub).toBe('grace')
  })

  it('encrypts with USERKIT_ENCRYPTION_KEY when given, and keeps no generated key', async () => {
    const key = 'qRt7Jb3bHhVYQfQn2dq3vH0xwQ9mS8a3cQyJmY7dK1A'
    const t = await createTestServer({ oauth: { providers: [oidc.provider], encryptionKey: key } })
    const { cookie } = await t.signedInUser()
    await connect(t, cookie, 'key')
    const { rows } = await t.db.query<{ access_token: string }>('SELECT access_token FROM external_accounts')
    expect(await (await tokenCipher(key)).decrypt(rows[0]?.access_token as string)).toBeTruthy()
    expect(await t.server.store.settings.get('oauth_encryption_key')).toBeNull()
  })

  it('ends with oauth_access_denied when consent is refused, and changes nothing', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const before = await me(t, cookie)
    const identifications = await countRows(t, 'identifications')
    const pending = await startConnect(t, cookie)
    const back = await consentAtDevOidc(pending.verification.external_verification_redirect_url, { refuse: true })
    expect(back.searchParams.get('error')).toBe('access_denied')
    const res = await callback(t, cookie, back)
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location') as string)
    expect(location.origin + location.pathname).toBe(`${ORIGIN}/account`)
    expect(location.searchParams.get('userkit_oauth_error')).toBe('oauth_access_denied')
    expect(location.hash).toBe('#/')
    expect((await me(t, cookie)).external_accounts).toEqual([])
    expect((await me(t, cookie)).email_addresses).toEqual(before.email_addresses)
    expect(await countRows(t, 'identifications')).toBe(identifications)
    expect(await countRows(t, 'oauth_states')).toBe(0)
  })

  it('refuses a replayed state: the callback works once', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const pending = await startConnect(t, cookie)
    const back = await consentAtDevOidc(pending.verification.external_verification_redirect_url, { login: 'once' })
    expect((await callback(t, cookie, back)).status).toBe(303)
    const replay = await callback(t, cookie, back)
    expect(replay.status).toBe(400)
    expect((await firstError(replay)).code).toBe('oauth_state_invalid')
    expect((await me(t, cookie)).external_accounts).toHaveLength(1)
    // A made-up state and a missing one are refused the same way, never with a 500.
    for (const query of ['?state=forged&code=x', '?code=x', '']) {
      const res = await t.request(`/v1/oauth_callback${query}`, { cookie })
      expect(res.status).toBe(400)
      expect((await firstError(res)).code).toBe('oauth_state_invalid')
    }
  })

  it('ends with oauth_state_expired once the state has expired', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const pending = await startConnect(t, cookie)
    const back = await consentAtDevOidc(pending.verification.external_verification_redirect_url)
    t.clock.advance(10 * 60_000 + 1)
    const res = await callback(t, cookie, back)
    expect(new URL(res.headers.get('location') as string).searchParams.get('userkit_oauth_error')).toBe('oauth_state_expired')
    expect((await me(t, cookie)).external_accounts).toEqual([])
  })

  it('refuses to finish in another browser or as another user (the state is bound to the client)', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const other = await t.signedInUser()
    const pending = await startConnect(t, cookie)
    const back = await consentAtDevOidc(pending.verification.external_verification_redirect_url, { login: 'victim' })
    const res = await callback(t, other.cookie, back)
    expect(new URL(res.headers.get('location') as string).searchParams.get('userkit_oauth_error')).toBe('oauth_state_invalid')
    expect(await countRows(t, 'external_accounts')).toBe(0)
  })

  it('ends with external_account_exists when the provider account belongs to another user, nothing linked', async () => {
    const t = await server()
    const first = await t.signedInUser()
    await connect(t, first.cookie, 'shared')
    const second = await t.signedInUser()
    const before = await me(t, second.cookie)
    const back = await connect(t, second.cookie, 'shared')
    expect(back.searchParams.get('userkit_oauth_error')).toBe('external_account_exists')
    const after = await me(t, second.cookie)
    expect(after.external_accounts).toEqual([])
    expect(after.email_addresses).toEqual(before.email_addresses)
    expect((await me(t, first.cookie)).external_accounts).toHaveLength(1)
  })

  it('connecting the same provider account again refreshes it instead of adding a second', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    await connect(t, cookie, 'twice')
    const again = await connect(t, cookie, 'twice')
    expect(again.searchParams.has('userkit_oauth_error')).toBe(false)
    expect((await me(t, cookie)).external_accounts).toHaveLength(1)
  })
})

describe('bad requests change nothing', () => {
  it.each([
    [{ strategy: 'oauth_github' }, 422, 'form_param_format_invalid', 'strategy'],
    [{ strategy: 'password' }, 422, 'form_param_format_invalid', 'strategy'],
    [{ redirect_url: 'https://evil.example/steal' }, 422, 'form_param_format_invalid', 'redirect_url'],
    [{ redirect_url: '//evil.example/steal' }, 422, 'form_param_format_invalid', 'redirect_url'],
    [{ redirect_url: 'javascript:alert(1)' }, 422, 'form_param_format_invalid', 'redirect_url'],
    [{ additional_scope: ['ok', 'bad scope'] }, 422, 'form_param_format_invalid', undefined],
    [{ additional_scope: 'a"b' }, 422, 'form_param_format_invalid', 'additional_scope'],
    [{ surprise: true }, 422, 'form_param_unknown', 'surprise'],
    [{ strategy: 42 }, 422, 'form_param_format_invalid', 'strategy'],
  ])('POST %j → %i %s', async (patch, status, code, param) => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const res = await t.request('/v1/me/external_accounts', {
      method: 'POST',
      cookie,
      body: { strategy: 'oauth_dev_oidc', redirect_url: RETURN_TO, ...patch },
    })
    expect(res.status).toBe(status)
    const error = await firstError(res)
    expect(error.code).toBe(code)
    if (param) expect(error.meta.param_name).toBe(param)
    expect(await countRows(t, 'oauth_states')).toBe(0)
  })

  it('accepts a redirect_url on an allowed origin, and a relative one on its own', async () => {
    const t = await createTestServer({ oauth: { providers: [oidc.provider] }, allowedOrigins: ['http://app.example'] })
    const { cookie } = await t.signedInUser()
    const { rows: none } = await t.db.query('SELECT 1 FROM oauth_states')
    expect(none).toHaveLength(0)
    await startConnect(t, cookie, { redirect_url: 'http://app.example/settings' })
    await startConnect(t, cookie, { redirect_url: '/account' })
    const { rows } = await t.db.query<{ redirect_url: string }>('SELECT redirect_url FROM oauth_states ORDER BY created_at')
    expect(rows.map((r) => r.redirect_url).sort()).toEqual(['http://app.example/settings', `${ORIGIN}/account`])
  })

  it('needs a session and an allowed Origin', async () => {
    const t = await server()
    const { cookie } = await t.signedInUser()
    const body = { strategy: 'oauth_dev_oidc', redirect_url: RETURN_TO }
    const signedOut = await t.request('/v1/me/external_accounts', { method: 'POST', body })
    expect(signedOut.status).toBe(401)
    const foreign = await t.request('/v1/me/external_accounts', { method: 'POST', cookie, body, origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect(await countRows(t, 'oauth_states')).toBe(0)
  })
})
