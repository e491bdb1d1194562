/**
 * `getToken()` of the kit's client against the real server: one cached token per session, one
 * request for concurrent calls, a single background refresh before the end, indifference to the
 * browser's clock, and a 401 that turns the kit signed out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createUserkitClient, type TokenEvent, type UserkitClient } from '../../src/api/index.ts'
import { tokenLifetime } from '../../src/api/tokens.ts'
import { type KitServer, setupKitServers } from './server.ts'

const createServer = setupKitServers()
let t: KitServer
beforeEach(async () => {
  t = await createServer()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A signed-in client on its own cookie jar, counting the token requests it sends. */
async function signedIn() {
  const inner = t.newFetch()
  const minted: string[] = []
  const api: UserkitClient = createUserkitClient({
    baseUrl: 'http://localhost:4000',
    fetch: (input, init) => {
      if (/\/tokens$/.test(new URL(String(input)).pathname)) minted.push(String(init?.method))
      return inner(input, init)
    },
  })
  const seeded = await t.seedUser()
  await api.signIn({ identifier: seeded.identifier, password: seeded.password })
  return { api, minted, seeded }
}

const payload = (jwt: string) => JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))

describe('getToken', () => {
  it('should answer the sign-in’s own token without a request, then ten concurrent calls with one', async () => {
    const { api, minted, seeded } = await signedIn()
    const first = await api.getToken()
    expect(payload(first!).sub).toBe(seeded.id)
    expect(minted).toEqual([])
    const tokens = await Promise.all(Array.from({ length: 10 }, () => api.getToken({ skipCache: true })))
    expect(minted).toEqual(['POST'])
    expect(new Set(tokens).size).toBe(1)
  })

  it('should send no request while the token is fresh, and refresh it once in the background before it ends', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    const { api, minted } = await signedIn()
    const first = (await api.getToken()) as string
    const lifetime = tokenLifetime(first)
    expect(lifetime).toBe(60_000)
    vi.advanceTimersByTime(30_000)
    expect(await api.getToken()).toBe(first)
    expect(minted).toEqual([])
    // 15 s before the end, one refresh, while the old token is still served.
    await vi.advanceTimersByTimeAsync(16_000)
    await vi.waitFor(() => expect(minted).toEqual(['POST']))
    const second = await api.getToken()
    expect(second).not.toBe(first)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(minted).toEqual(['POST'])
  })

  it.each([
    ['ahead', 10 * 60_000],
    ['behind', -10 * 60_000],
  ])('should keep caching with the browser clock ten minutes %s', async (_label, skew) => {
    const { api, minted } = await signedIn()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + skew)
    const first = await api.getToken({ skipCache: true })
    vi.setSystemTime(Date.now() + 20_000)
    expect(await api.getToken()).toBe(first)
    expect(minted).toEqual(['POST'])
  })

  it('should answer null when signed out, and after sign-out forget the token', async () => {
    const { api, minted } = await signedIn()
    expect(await api.getToken()).toEqual(expect.any(String))
    await api.signOut()
    expect(await api.getToken()).toBeNull()
    expect(await createUserkitClient({ baseUrl: 'http://localhost:4000', fetch: t.newFetch() }).getToken()).toBeNull()
    expect(minted).toEqual([])
  })

  it('should turn signed out on a 401 (the session was revoked), tell listeners, and not retry', async () => {
    const { api, minted } = await signedIn()
    const heard: TokenEvent[] = []
    api.onToken((event) => heard.push(event))
    const sessionId = payload((await api.getToken()) as string).sid as string
    const revoked = await t.server.app.request(`/v1/sessions/${sessionId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${t.server.secretKey}` } })
    expect(revoked.status).toBe(200)
    expect(await api.getToken({ skipCache: true })).toBeNull()
    expect(minted).toEqual(['POST'])
    expect(heard.at(-1)).toMatchObject({ jwt: null, signedOut: true })
    expect(await api.getToken()).toBeNull()
    expect(minted).toEqual(['POST'])
  })
})
