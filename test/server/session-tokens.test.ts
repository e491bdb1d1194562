/**
 * Session tokens on the server: minting and its refusals, the claims and header Clerk's SDKs read,
 * the JWKS on both APIs, `last_active_token`, the Backend API's tokens, rotation, and forgeries.
 * Verified with jose (the SDKs' own checks run against a real port in session-tokens-sdk.test.ts).
 */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, importSPKI, type JWTPayload } from 'jose'
import { describe, expect, it } from 'vitest'
import { bapi } from '../helpers/backend.ts'
import { firstError, ORIGIN, PUBLIC_URL, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

const mint = (t: TestServer, sessionId: string, cookie: string, origin: string | null = ORIGIN) =>
  t.request(`/v1/client/sessions/${sessionId}/tokens`, { method: 'POST', cookie, origin })

async function signedIn(t: TestServer) {
  const { user, cookie } = await t.signedInUser()
  const client = (await readJson(await t.request('/v1/client', { cookie }))).response
  return { user, cookie, sessionId: client.sessions[0].id as string, client }
}

async function jwks(t: TestServer) {
  return createLocalJWKSet(await readJson(await t.request('/.well-known/jwks.json')))
}

describe('POST /v1/client/sessions/{id}/tokens', () => {
  it('should answer an RS256 token with the header and claims Clerk’s SDKs read', async () => {
    const t = await createTestServer()
    const { user, cookie, sessionId } = await signedIn(t)
    t.clock.advance(3 * 60_000)
    const res = await mint(t, sessionId, cookie)
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body).toEqual({ object: 'token', jwt: expect.any(String) })
    const header = decodeProtectedHeader(body.jwt)
    expect(header).toEqual({ alg: 'RS256', kid: expect.stringMatching(/^ins_/), typ: 'JWT', cat: 'cl_B7d4PD111AAA' })
    const { payload } = await jwtVerify(body.jwt, await jwks(t), { issuer: PUBLIC_URL, currentDate: new Date(t.clock.now()) })
    const iat = Math.floor(t.clock.now() / 1000)
    expect(payload).toEqual({
      azp: ORIGIN,
      exp: iat + 60,
      fva: [3, -1],
      iat,
      iss: PUBLIC_URL,
      jti: expect.any(String),
      nbf: iat - 10,
      sid: sessionId,
      sub: user.id,
      v: 2,
    } satisfies JWTPayload)
  })

  it('should take its lifetime and skew from the options, and give each token its own jti', async () => {
    const t = await createTestServer({ sessionToken: { lifetimeSeconds: 120, clockSkewSeconds: 30 } })
    const { cookie, sessionId } = await signedIn(t)
    const [a, b] = await Promise.all([mint(t, sessionId, cookie), mint(t, sessionId, cookie)].map(async (r) => (await readJson(await r)).jwt))
    const claims = (jwt: string) => JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))
    expect(claims(a).exp - claims(a).iat).toBe(120)
    expect(claims(a).iat - claims(a).nbf).toBe(30)
    expect(claims(a).jti).not.toBe(claims(b).jti)
  })

  it('should refuse: signed out 401, another client’s session 404, an ended session 401, a foreign Origin 403', async () => {
    const t = await createTestServer()
    const { cookie, sessionId } = await signedIn(t)
    const other = await signedIn(t)
    expect((await mint(t, sessionId, '')).status).toBe(401)
    const foreign = await mint(t, other.sessionId, cookie)
    expect(foreign.status).toBe(404)
    expect(await firstError(foreign)).toMatchObject({ code: 'resource_not_found' })
    const evil = await mint(t, sessionId, cookie, 'https://evil.example')
    expect(evil.status).toBe(403)
    expect(await firstError(evil)).toMatchObject({ code: 'origin_invalid' })
    await t.request(`/v1/client/sessions/${sessionId}/end`, { method: 'POST', cookie })
    const ended = await mint(t, sessionId, cookie)
    expect(ended.status).toBe(401)
    expect(await firstError(ended)).toMatchObject({ code: 'signed_out' })
  })

  it('should stop minting at once when the session is revoked or the user banned', async () => {
    const t = await createTestServer()
    const call = bapi(t)
    const { user, cookie, sessionId } = await signedIn(t)
    expect((await mint(t, sessionId, cookie)).status).toBe(200)
    await call(`/v1/users/${user.id}/ban`, { method: 'POST' })
    expect((await mint(t, sessionId, cookie)).status).toBe(401)
    const second = await signedIn(t)
    await call(`/v1/sessions/${second.sessionId}/revoke`, { method: 'POST' })
    expect((await mint(t, second.sessionId, second.cookie)).status).toBe(401)
  })

  it('should be rate-limited per session, with Retry-After', async () => {
    const t = await createTestServer({ rateLimits: { tokenMintPerSession: { max: 2, windowMs: 60_000 } } })
    const { cookie, sessionId } = await signedIn(t)
    expect((await mint(t, sessionId, cookie)).status).toBe(200)
    expect((await mint(t, sessionId, cookie)).status).toBe(200)
    const limited = await mint(t, sessionId, cookie)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})

describe('last_active_token', () => {
  it('should come with GET /v1/client and the sign-in answer, for the public URL when no Origin was sent', async () => {
    const t = await createTestServer()
    const { user, cookie, client } = await signedIn(t)
    const { payload } = await jwtVerify(client.sessions[0].last_active_token.jwt, await jwks(t), { currentDate: new Date(t.clock.now()) })
    expect(payload).toMatchObject({ sub: user.id, azp: PUBLIC_URL })
    const signIn = await readJson(await t.request('/v1/client/sign_ins', { method: 'POST', body: { identifier: user.emailAddresses[0]!.value, password: 'correct horse battery staple' }, cookie }))
    expect(signIn.client.sessions[0].last_active_token.jwt).toEqual(expect.any(String))
    // Other answers carry none: a token is minted only where the kit needs its first one.
    expect((await readJson(await t.request('/v1/me', { cookie }))).client.sessions[0].last_active_token).toBeNull()
    // A foreign Origin may read its client (CORS stops the browser), but gets no token.
    const foreign = await readJson(await t.request('/v1/client', { cookie, origin: 'https://evil.example' }))
    expect(foreign.response.sessions[0].last_active_token).toBeNull()
  })
})

describe('the JWKS', () => {
  it('should be public at /.well-known/jwks.json: RSA-2048 e=65537, no private member, CORS *, cacheable', async () => {
    const t = await createTestServer()
    const res = await t.request('/.well-known/jwks.json', { origin: 'https://any.example' })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const body = await readJson(res)
    expect(body.keys).toHaveLength(1)
    expect(Object.keys(body.keys[0]).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use'])
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', e: 'AQAB' })
    expect(Buffer.from(body.keys[0].n, 'base64url')).toHaveLength(256)
  })

  it('should be the same in the Backend API at /v1/jwks, behind the secret key (clerk_key_invalid otherwise)', async () => {
    const t = await createTestServer()
    const backend = await readJson(await bapi(t)('/v1/jwks'))
    expect(backend).toEqual(await readJson(await t.request('/.well-known/jwks.json')))
    const wrong = await bapi(t, 'sk_test_wrong')('/v1/jwks')
    expect(wrong.status).toBe(401)
    expect(await firstError(wrong)).toMatchObject({ code: 'clerk_key_invalid' })
  })
})

describe('POST /v1/sessions/{id}/tokens (Backend API)', () => {
  it('should mint for an active session, with expires_in_seconds, and 404 otherwise', async () => {
    const t = await createTestServer()
    const call = bapi(t)
    const { sessionId } = await signedIn(t)
    const res = await call(`/v1/sessions/${sessionId}/tokens`, { method: 'POST', body: { expires_in_seconds: 600 } })
    expect(res.status).toBe(200)
    const { payload } = await jwtVerify((await readJson(res)).jwt, await jwks(t), { currentDate: new Date(t.clock.now()) })
    expect((payload.exp as number) - (payload.iat as number)).toBe(600)
    expect((await call('/v1/sessions/sess_unknown/tokens', { method: 'POST' })).status).toBe(404)
    expect((await call(`/v1/sessions/${sessionId}/tokens`, { method: 'POST', body: { expires_in_seconds: 5 } })).status).toBe(422)
  })
})

describe('rotation', () => {
  it('should sign with the new key at once and keep the old one in the JWKS for an hour', async () => {
    const t = await createTestServer()
    const { cookie, sessionId } = await signedIn(t)
    const before = (await readJson(await mint(t, sessionId, cookie))).jwt
    const rotated = await readJson(await bapi(t)('/v1/signing_keys/rotate', { method: 'POST' }))
    expect(rotated.keys).toHaveLength(2)
    const after = (await readJson(await mint(t, sessionId, cookie))).jwt
    expect(decodeProtectedHeader(after).kid).toBe(rotated.current.kid)
    expect(decodeProtectedHeader(before).kid).not.toBe(rotated.current.kid)
    const set = await jwks(t)
    await expect(jwtVerify(before, set, { currentDate: new Date(t.clock.now()) })).resolves.toBeDefined()
    // The PEM shown for CLERK_JWT_KEY is the new key's.
    await expect(jwtVerify(after, await importSPKI(rotated.current.public_key_pem, 'RS256'), { currentDate: new Date(t.clock.now()) })).resolves.toBeDefined()
    t.clock.advance(61 * 60_000)
    const later = await readJson(await t.request('/.well-known/jwks.json'))
    expect(later.keys.map((k: { kid: string }) => k.kid)).toEqual([rotated.current.kid])
  })
})

describe('the publishable key and the public URL', () => {
  it('should encode host[:port]$ for https and the whole http://host:port$ for http, and refuse a host without a dot', async () => {
    const { publishableKey } = await import('../../server/tokens/publishable-key.ts')
    const decode = (pk: string) => atob(pk.slice('pk_live_'.length))
    expect(decode(publishableKey('https://users.example.com'))).toBe('users.example.com$')
    expect(decode(publishableKey('https://users.example.com:8443/ignored/path'))).toBe('users.example.com:8443$')
    expect(decode(publishableKey('http://127.0.0.1:4000'))).toBe('http://127.0.0.1:4000$')
    expect(publishableKey('https://users.example.com')).not.toContain('=')
    expect(() => publishableKey('http://localhost:4000')).toThrow(/127\.0\.0\.1/)
    await expect(createTestServer({ publicUrl: 'http://localhost:4000' })).rejects.toThrow(/without a dot/)
  })

  it('should be required in production, and never taken from the request', async () => {
    await expect(createTestServer({ env: 'production', publicUrl: undefined as unknown as string })).rejects.toThrow(/USERKIT_PUBLIC_URL/)
    const t = await createTestServer({ publicUrl: 'https://users.example.com' })
    const { cookie, sessionId } = await signedIn(t)
    const res = await t.request(`/v1/client/sessions/${sessionId}/tokens`, { method: 'POST', cookie, headers: { host: 'evil.example' } })
    const claims = JSON.parse(atob((await readJson(res)).jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    expect(claims.iss).toBe('https://users.example.com')
    const environment = await readJson(await t.request('/v1/environment'))
    expect(environment.auth_config).toEqual({ publishable_key: 'pk_live_dXNlcnMuZXhhbXBsZS5jb20k', cookie_suffix: expect.stringMatching(/^[\w-]{8}$/), session_token_lifetime: 60 })
  })
})

describe('the handshake', () => {
  it('should keep its nonce a minute at most, and hand the directives out once', async () => {
    const t = await createTestServer({ allowedOrigins: ['https://app.example.com'] })
    const { cookie } = await signedIn(t)
    const start = (redirect: string) =>
      t.request(`/v1/client/handshake?redirect_url=${encodeURIComponent(redirect)}&format=nonce&suffixed_cookies=true`, { cookie })
    const res = await start('https://app.example.com/page?x=1')
    expect(res.status).toBe(307)
    const back = new URL(res.headers.get('location') as string)
    expect(back.searchParams.get('x')).toBe('1')
    const nonce = back.searchParams.get('__clerk_handshake_nonce') as string
    const payload = await readJson(await bapi(t)(`/v1/clients/handshake_payload?nonce=${nonce}`))
    expect(payload.directives).toEqual([
      expect.stringMatching(/^__session=ey[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=31536000; SameSite=Lax; Secure$/),
      expect.stringMatching(/^__session_[\w-]{8}=ey/),
      expect.stringMatching(/^__client_uat=\d+; Path=\/; Max-Age=31536000; SameSite=Lax; Secure$/),
      expect.stringMatching(/^__client_uat_[\w-]{8}=\d+/),
    ])
    expect((await bapi(t)(`/v1/clients/handshake_payload?nonce=${nonce}`)).status).toBe(404)
    const late = new URL((await start('https://app.example.com/')).headers.get('location') as string).searchParams.get('__clerk_handshake_nonce')
    t.clock.advance(61_000)
    expect((await bapi(t)(`/v1/clients/handshake_payload?nonce=${late}`)).status).toBe(404)
    // Signed out, the directives clear the app's cookies.
    const signedOut = new URL((await t.request(`/v1/client/handshake?redirect_url=${encodeURIComponent('https://app.example.com/')}`)).headers.get('location') as string)
    const cleared = await readJson(await bapi(t)(`/v1/clients/handshake_payload?nonce=${signedOut.searchParams.get('__clerk_handshake_nonce')}`))
    expect(cleared.directives).toEqual(['__session=; Path=/; Max-Age=0; SameSite=Lax; Secure', '__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax; Secure'])
  })
})

describe('the private keys at rest', () => {
  it('should be encrypted with the encryption key when one is set', async () => {
    const { generateEncryptionKey } = await import('../../server/oauth/crypto.ts')
    const t = await createTestServer({ encryptionKey: generateEncryptionKey() })
    const { cookie, sessionId } = await signedIn(t)
    const rotated = await readJson(await bapi(t)('/v1/signing_keys/rotate', { method: 'POST' }))
    const { rows } = await t.db.query<{ private_key: string }>('SELECT private_key FROM signing_keys WHERE kid = $1', [rotated.current.kid])
    expect(rows[0]?.private_key).toMatch(/^v1\./)
    expect(rows[0]?.private_key).not.toContain('PRIVATE KEY')
    const jwt = (await readJson(await mint(t, sessionId, cookie))).jwt
    expect(decodeProtectedHeader(jwt).kid).toBe(rotated.current.kid)
    await expect(jwtVerify(jwt, await jwks(t), { currentDate: new Date(t.clock.now()) })).resolves.toBeDefined()
  })
})

describe('forgeries', () => {
  it('should not verify: alg none, HS256 with the public key as secret, a changed claim', async () => {
    const t = await createTestServer()
    const { cookie, sessionId } = await signedIn(t)
    const jwt = (await readJson(await mint(t, sessionId, cookie))).jwt as string
    const set = await jwks(t)
    const options = { currentDate: new Date(t.clock.now()), algorithms: ['RS256'] }
    const [header, payload, signature] = jwt.split('.') as [string, string, string]
    const none = `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')}.${payload}.`
    await expect(jwtVerify(none, set, options)).rejects.toThrow()
    const pem = (await readJson(await bapi(t)('/v1/signing_keys'))).current.public_key_pem as string
    const hs = await new SignJWT(JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))))
      .setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(jwt).kid as string })
      .sign(new TextEncoder().encode(pem))
    await expect(jwtVerify(hs, set, options)).rejects.toThrow()
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))
    const changed = `${header}.${btoa(JSON.stringify({ ...claims, sub: 'user_someone_else' })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.${signature}`
    await expect(jwtVerify(changed, set, options)).rejects.toThrow(/signature/)
    // The untouched token does verify, so the three refusals are the forgeries'.
    await expect(jwtVerify(jwt, set, options)).resolves.toBeDefined()
  })
})
