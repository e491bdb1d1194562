/**
 * userkit's session tokens, verified by the packages app backends already run, unchanged, against
 * the real server on a port: @clerk/backend (verifyToken with jwtKey and with secretKey + apiUrl,
 * authenticateRequest with a Bearer header, with cookies, and through the handshake), @clerk/express
 * (clerkMiddleware + getAuth), and jose against the public JWKS. The acceptance list of
 * reference/session-tokens.md §5.7.
 */
import type { AddressInfo } from 'node:net'
import { createClerkClient, verifyToken } from '@clerk/backend'
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bapi, freePort, listen } from '../helpers/backend.ts'
import { readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

// The SDKs check times against the real clock: the server runs on it here, with an offset tests can move.
let offset = 0
const createTestServer = setupTestServers({ now: () => Date.now() + offset })
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  offset = 0
  vi.useRealTimers()
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

/** A server listening at its public URL, a signed-in browser on it, and counts of JWKS fetches. */
async function running() {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  // The app of the handshake test lives on another origin, which the operator allows.
  const t = await createTestServer({ publicUrl: url, allowedOrigins: ['http://127.0.0.1:9'] })
  const seen: string[] = []
  const counted: TestServer = { ...t, server: { ...t.server, app: { fetch: (req: Request, env?: unknown) => (seen.push(new URL(req.url).pathname), t.server.app.fetch(req, env as never)) } as never } }
  const http = await listen(counted, port)
  stops.push(http.close)
  const { user, cookie } = await t.signedInUser()
  const origin = url
  const client = (await readJson(await t.request('/v1/client', { cookie }))).response
  const sessionId = client.sessions[0].id as string
  const mint = async () => {
    const res = await fetch(`${url}/v1/client/sessions/${sessionId}/tokens`, { method: 'POST', headers: { cookie, origin } })
    expect(res.status).toBe(200)
    return ((await res.json()) as { jwt: string }).jwt
  }
  const keys = await readJson(await bapi(t)('/v1/signing_keys'))
  return { t, url, user, cookie, sessionId, mint, seen, pem: keys.current.public_key_pem as string, publishableKey: keys.publishable_key as string }
}

const reasonOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn()
  } catch (error) {
    return (error as { reason?: string }).reason
  }
  return 'verified'
}

describe('verifyToken', () => {
  it('should verify with the PEM as jwtKey, with no request to the server', async () => {
    const { mint, pem, user, seen } = await running()
    const jwt = await mint()
    const before = seen.length
    expect((await verifyToken(jwt, { jwtKey: pem })).sub).toBe(user.id)
    expect(seen.length).toBe(before)
  })

  it('should verify with secretKey + apiUrl, fetching /v1/jwks once; a wrong key is secret-key-invalid', async () => {
    const { t, url, mint, user, seen } = await running()
    const jwt = await mint()
    const options = { secretKey: t.server.secretKey, apiUrl: url, skipJwksCache: true }
    const before = seen.filter((p) => p === '/v1/jwks').length
    expect((await verifyToken(jwt, options)).sub).toBe(user.id)
    expect(seen.filter((p) => p === '/v1/jwks').length - before).toBe(1)
    expect(await reasonOf(() => verifyToken(jwt, { ...options, secretKey: 'sk_live_wrong' }))).toBe('secret-key-invalid')
  }, 30_000)

  it('should check the authorized parties and the expiry', async () => {
    const { url, mint, pem } = await running()
    const jwt = await mint()
    expect(await reasonOf(() => verifyToken(jwt, { jwtKey: pem, authorizedParties: [url] }))).toBe('verified')
    expect(await reasonOf(() => verifyToken(jwt, { jwtKey: pem, authorizedParties: ['https://other.example'] }))).toBe('token-invalid-authorized-parties')
    // 60 s of life and the verifier's 5 s of skew, then expired.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 66_000)
    expect(await reasonOf(() => verifyToken(jwt, { jwtKey: pem }))).toBe('token-expired')
  })
})

describe('authenticateRequest', () => {
  it('should be signed in with a Bearer token, and signed out (no redirect) when it expired on a fetch', async () => {
    const { t, url, mint, publishableKey, user, sessionId } = await running()
    const clerk = createClerkClient({ secretKey: t.server.secretKey, publishableKey, apiUrl: url })
    const jwt = await mint()
    const state = await clerk.authenticateRequest(new Request('http://app.example/api', { headers: { authorization: `Bearer ${jwt}` } }))
    expect(state.isSignedIn).toBe(true)
    expect(state.toAuth()).toMatchObject({ userId: user.id, sessionId })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 120_000)
    const expired = await clerk.authenticateRequest(new Request('http://app.example/api', { headers: { authorization: `Bearer ${jwt}` } }))
    expect(expired.isSignedIn).toBe(false)
    expect(expired.headers.get('location')).toBeNull()
  })

  it('should be signed in from the __session and __client_uat cookies; __session alone is signed out', async () => {
    const { t, url, mint, publishableKey, user } = await running()
    const clerk = createClerkClient({ secretKey: t.server.secretKey, publishableKey, apiUrl: url })
    const environment = await readJson(await t.request('/v1/environment'))
    const suffix = environment.auth_config.cookie_suffix as string
    const jwt = await mint()
    const uat = Math.floor(Date.now() / 1000) - 5
    const cookies = `__session=${jwt}; __session_${suffix}=${jwt}; __client_uat=${uat}; __client_uat_${suffix}=${uat}`
    const state = await clerk.authenticateRequest(new Request('http://app.example/api', { headers: { cookie: cookies } }))
    expect(state.isSignedIn).toBe(true)
    expect(state.toAuth()).toMatchObject({ userId: user.id })
    const alone = await clerk.authenticateRequest(new Request('http://app.example/api', { headers: { cookie: `__session=${jwt}; __session_${suffix}=${jwt}` } }))
    expect(alone.isSignedIn).toBe(false)
    expect(alone.reason).toBe('session-token-but-no-client-uat')
  })

  it('should complete the handshake: a stale page load is sent to userkit, back with a nonce, and served signed in', async () => {
    const { t, url, cookie, mint, publishableKey, user } = await running()
    const clerk = createClerkClient({ secretKey: t.server.secretKey, publishableKey, apiUrl: url })
    const suffix = (await readJson(await t.request('/v1/environment'))).auth_config.cookie_suffix as string
    const jwt = await mint()
    const page = 'http://127.0.0.1:9/dashboard'
    const uat = Math.floor(Date.now() / 1000) - 5
    const stale = `__session_${suffix}=${jwt}; __client_uat_${suffix}=${uat}`
    // Two minutes on, the page loads with the stale cookie (this process's clock is the SDK's and the server's).
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 120_000)
    const document = { accept: 'text/html', 'sec-fetch-dest': 'document', cookie: stale }
    const first = await clerk.authenticateRequest(new Request(page, { headers: document }))
    expect(first.status).toBe('handshake')
    const handshake = new URL(first.headers.get('location') as string)
    expect(handshake.origin + handshake.pathname).toBe(`${url}/v1/client/handshake`)
    expect(handshake.searchParams.get('format')).toBe('nonce')
    vi.useRealTimers()

    // The browser follows it with its __client cookie; userkit sends it back with a nonce.
    const back = await fetch(handshake, { headers: { cookie }, redirect: 'manual' })
    expect(back.status).toBe(307)
    const returned = new URL(back.headers.get('location') as string)
    expect(returned.origin + returned.pathname).toBe(page)
    const nonce = returned.searchParams.get('__clerk_handshake_nonce')
    expect(nonce).toBeTruthy()

    const served = await clerk.authenticateRequest(new Request(returned, { headers: document }))
    expect(served.isSignedIn).toBe(true)
    expect(served.toAuth()).toMatchObject({ userId: user.id })
    expect(served.headers.getSetCookie().some((c) => c.startsWith(`__session_${suffix}=`))).toBe(true)
    // The nonce works once.
    expect((await bapi(t)(`/v1/clients/handshake_payload?nonce=${nonce}`)).status).toBe(404)
  })

  it('should refuse a foreign redirect_url at the handshake', async () => {
    const { url, cookie } = await running()
    const res = await fetch(`${url}/v1/client/handshake?redirect_url=${encodeURIComponent('https://evil.example/')}&format=nonce`, { headers: { cookie }, redirect: 'manual' })
    expect(res.status).toBe(422)
  })
})

describe('@clerk/express', () => {
  async function expressApp(middleware: unknown) {
    const { default: express } = await import('express')
    const { getAuth } = await import('@clerk/express')
    const app = express()
    app.use(middleware as never)
    app.get('/api/me', (req, res) => void res.json({ userId: getAuth(req).userId }))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((done) => server.once('listening', done))
    stops.push(() => new Promise<void>((done) => server.close(() => done())))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('should give getAuth(req).userId with the three environment variables, and with CLERK_JWT_KEY alone no JWKS request', async () => {
    const { t, url, mint, pem, publishableKey, user, seen } = await running()
    const { clerkMiddleware } = await import('@clerk/express')
    Object.assign(process.env, { CLERK_SECRET_KEY: t.server.secretKey, CLERK_PUBLISHABLE_KEY: publishableKey, CLERK_API_URL: url })
    const withApi = await expressApp(clerkMiddleware())
    const jwt = await mint()
    const answer = await fetch(`${withApi}/api/me`, { headers: { authorization: `Bearer ${jwt}` } })
    expect(await answer.json()).toEqual({ userId: user.id })
    expect(await (await fetch(`${withApi}/api/me`)).json()).toEqual({ userId: null })

    delete process.env.CLERK_API_URL
    process.env.CLERK_JWT_KEY = pem
    // A fresh client from the environment (the default one was made with the variables above).
    const withKey = await expressApp(clerkMiddleware({ apiVersion: 'v1' }))
    const before = seen.filter((p) => p === '/v1/jwks').length
    expect(await (await fetch(`${withKey}/api/me`, { headers: { authorization: `Bearer ${jwt}` } })).json()).toEqual({ userId: user.id })
    expect(seen.filter((p) => p === '/v1/jwks').length).toBe(before)
    for (const key of ['CLERK_SECRET_KEY', 'CLERK_PUBLISHABLE_KEY', 'CLERK_JWT_KEY']) delete process.env[key]
  })
})

describe('jose and rotation', () => {
  it('should verify against the public JWKS, old tokens after a rotation included; a retired kid is refused', async () => {
    const { t, url, mint } = await running()
    const remote = createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`))
    const old = await mint()
    expect((await jwtVerify(old, remote, { issuer: url, algorithms: ['RS256'] })).payload.iss).toBe(url)
    const rotated = await readJson(await bapi(t)('/v1/signing_keys/rotate', { method: 'POST' }))
    const fresh = await mint()
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.current.kid)
    // A verifier that has not cached the set yet sees both keys (jose refetches for an unknown kid
    // only after a 30 s cooldown: the README says so).
    await expect(jwtVerify(fresh, createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`)), { issuer: url })).resolves.toBeDefined()
    await expect(jwtVerify(old, createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`)), { issuer: url })).resolves.toBeDefined()
    // An hour on (the server's clock), the old key has left the JWKS. (The SDK keeps keys it once
    // fetched, so it meets the old kid here for the first time.)
    offset = 61 * 60_000
    expect(await reasonOf(() => verifyToken(old, { secretKey: t.server.secretKey, apiUrl: url }))).toBe('jwk-kid-mismatch')
    expect((await verifyToken(fresh, { secretKey: t.server.secretKey, apiUrl: url })).sid).toBeDefined()
  })
})
