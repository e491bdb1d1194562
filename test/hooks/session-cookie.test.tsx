/**
 * Cookie mode (`<UserkitProvider sessionCookie>`): the kit keeps Clerk's `__session` and
 * `__client_uat` cookies (and their suffixed twins) on the app's host, so the app's own server can
 * authenticate page loads from cookies; signing out clears them.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useAuth } from '../../src/hooks/index.ts'
import { type KitServer, setupKitServers } from '../api/server.ts'
import { createKit } from './harness.tsx'

const createServer = setupKitServers()
let t: KitServer
beforeEach(async () => {
  t = await createServer()
})
afterEach(() => {
  cleanup()
  for (const pair of document.cookie.split('; ')) document.cookie = `${pair.split('=')[0]}=; Path=/; Max-Age=0`
})

const cookies = () => Object.fromEntries(document.cookie.split('; ').filter(Boolean).map((pair) => pair.split('=') as [string, string]))

describe('cookie mode', () => {
  it('writes __session and __client_uat, suffixed too, for the signed-in session, and clears them on sign-out', async () => {
    const kit = createKit(t.server.app.fetch, { sessionCookie: true })
    const seeded = await t.seedUser()
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const suffix = (await kit.api.getEnvironment()).authConfig.cookieSuffix
    expect(suffix).toMatch(/^[A-Za-z0-9_-]{8}$/)
    const { result } = renderHook(() => useAuth(), { wrapper: kit.wrapper })
    await waitFor(() => expect(cookies()[`__session_${suffix}`]).toBeTruthy())
    const jar = cookies()
    expect(jar.__session).toBe(jar[`__session_${suffix}`])
    const claims = JSON.parse(atob(jar.__session!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))
    expect(claims.sub).toBe(seeded.id)
    // Clerk's rule: the client's time is at most the token's iat, or the SDK asks for a handshake.
    expect(Number(jar.__client_uat)).toBeGreaterThan(0)
    expect(Number(jar.__client_uat)).toBeLessThanOrEqual(claims.iat)
    expect(jar[`__client_uat_${suffix}`]).toBe(jar.__client_uat)

    await act(() => result.current.signOut())
    await waitFor(() => expect(cookies().__client_uat).toBe('0'))
    expect(cookies()[`__client_uat_${suffix}`]).toBe('0')
    expect(cookies().__session).toBeUndefined()
    expect(cookies()[`__session_${suffix}`]).toBeUndefined()
  })

  it('writes nothing without it', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser()
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(() => useAuth(), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.isSignedIn).toBe(true))
    expect(await result.current.getToken()).toEqual(expect.any(String))
    expect(document.cookie).not.toContain('__session')
  })
})
