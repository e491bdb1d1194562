import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { en } from '../../src/localization/en.ts'
import { SignedIn, SignedOut, useAuth, useMessages, userkitKeys, useSession, useSignOut, useUser } from '../../src/hooks/index.ts'
import { type KitServer, setupKitServers } from '../api/server.ts'
import { createKit } from './harness.tsx'

const createServer = setupKitServers()
let t: KitServer
beforeEach(async () => {
  t = await createServer()
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('useAuth().getToken', () => {
  it('keeps one identity across renders, answers the session’s token, and turns the kit signed out when it is refused', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser()
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result, rerender } = renderHook(() => ({ auth: useAuth(), session: useSession() }), { wrapper: kit.wrapper })
    const before = result.current.auth.getToken
    await waitFor(() => expect(result.current.auth.isSignedIn).toBe(true))
    rerender()
    expect(result.current.auth.getToken).toBe(before)
    expect(result.current.session.session?.id).toBe(result.current.auth.sessionId)
    const jwt = await result.current.auth.getToken()
    expect(JSON.parse(atob(jwt!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub).toBe(seeded.id)

    // Revoked elsewhere (the dashboard): the next token is refused, and the kit shows signed out at once.
    const revoke = await t.server.app.request(`/v1/sessions/${result.current.auth.sessionId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.server.secretKey}` },
    })
    expect(revoke.status).toBe(200)
    await act(async () => expect(await result.current.auth.getToken({ skipCache: true })).toBeNull())
    await waitFor(() => expect(result.current.auth.isSignedIn).toBe(false))
    expect(result.current.session).toEqual({ isLoaded: true, isSignedIn: false, session: null })
  })
})

describe('useAuth', () => {
  it('gives the ids of the signed-in session, and signOut clears the cache and navigates', async () => {
    const navigate = vi.fn()
    const kit = createKit(t.server.app.fetch, { afterSignOutUrl: '/bye', navigate })
    const seeded = await t.seedUser()
    const signIn = await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const sessionId = signIn.client?.lastActiveSessionId
    const { result } = renderHook(() => ({ auth: useAuth(), user: useUser() }), { wrapper: kit.wrapper })
    expect(result.current.auth).toMatchObject({ isLoaded: false, isSignedIn: undefined, userId: undefined })
    await waitFor(() => expect(result.current.auth.isSignedIn).toBe(true))
    expect(result.current.auth.userId).toBe(seeded.id)
    expect(result.current.auth.sessionId).toBe(sessionId)

    kit.queryClient.setQueryData([...userkitKeys.all, 'me', 'private'], 'secret')
    kit.requests.length = 0
    await act(() => result.current.auth.signOut())
    // TanStack notifies observers on a zero-delay timer, after act() has returned.
    await waitFor(() => expect(result.current.auth.isSignedIn).toBe(false))
    expect(result.current.auth).toMatchObject({ isLoaded: true, isSignedIn: false, userId: null, sessionId: null })
    expect(result.current.user.user).toBeNull()
    expect(kit.queryClient.getQueryData([...userkitKeys.all, 'me', 'private'])).toBeUndefined()
    expect(kit.queryClient.getQueryData(userkitKeys.client)).toBeNull()
    expect(navigate).toHaveBeenCalledExactlyOnceWith('/bye')
    expect(kit.requests).toEqual(['DELETE /v1/client/sessions'])
    // The server agrees: the cookie no longer opens a session.
    await expect(kit.api.getMe()).rejects.toMatchObject({ status: 401 })
  })

  it('signOut never rejects; useSignOut keeps the failure as state and the user stays', async () => {
    const navigate = vi.fn()
    const kit = createKit(t.server.app.fetch, { afterSignOutUrl: '/bye', navigate })
    const seeded = await t.seedUser()
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(() => ({ auth: useAuth(), signOut: useSignOut(), user: useUser() }), {
      wrapper: kit.wrapper,
    })
    await waitFor(() => expect(result.current.auth.isSignedIn).toBe(true))
    kit.offline = true
    await act(() => result.current.auth.signOut())
    act(() => result.current.signOut.mutate({ redirectUrl: '/elsewhere' }))
    await waitFor(() => expect(result.current.signOut.status).toBe('error'))
    expect(result.current.signOut.error?.code).toBe('network_error')
    expect(result.current.user.isSignedIn).toBe(true)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('turns every component signed out, also those that do not re-render for the sign-out itself', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser()
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    render(
      <>
        <SignedIn>
          <p>inside</p>
        </SignedIn>
        <SignedOut>
          <p>outside</p>
        </SignedOut>
      </>,
      { wrapper: kit.wrapper },
    )
    await screen.findByText('inside')
    // The sign-out button lives in another tree: only the cache connects the two.
    const { result } = renderHook(() => useSignOut(), { wrapper: kit.wrapper })
    await act(() => result.current.mutateAsync())
    await screen.findByText('outside')
    expect(screen.queryByText('inside')).toBeNull()
  })

  it('signs out to a per-call redirect URL over the provider’s', async () => {
    const navigate = vi.fn()
    const kit = createKit(t.server.app.fetch, { afterSignOutUrl: '/bye', navigate })
    const seeded = await t.seedUser()
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(() => useSignOut(), { wrapper: kit.wrapper })
    await act(() => result.current.mutateAsync({ redirectUrl: '/signed-out' }))
    expect(navigate).toHaveBeenCalledExactlyOnceWith('/signed-out')
  })
})

describe('missing provider', () => {
  it('throws a message naming the hook and the fix', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useUser())).toThrow(
      /^useUser must be used inside <UserkitProvider>: wrap your app in <UserkitProvider baseUrl=/,
    )
    expect(() => renderHook(() => useAuth())).toThrow(/^useAuth must be used inside <UserkitProvider>/)
  })
})

describe('useMessages', () => {
  it('merges the provider’s localization over English', () => {
    const kit = createKit(t.server.app.fetch, { localization: { userButton: { signOut: 'Abmelden' } } })
    const { result } = renderHook(() => useMessages(), { wrapper: kit.wrapper })
    expect(result.current.userButton.signOut).toBe('Abmelden')
    expect(result.current.userButton.manageAccount).toBe(en.userButton.manageAccount)
  })
})
