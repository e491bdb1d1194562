import { focusManager } from '@tanstack/react-query'
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/index.ts'
import { UserButton } from '../../src/components/user-button/user-button.tsx'
import { SignedIn, SignedOut, useEnvironment, useUser, useUserkitStatus } from '../../src/hooks/index.ts'
import { en } from '../../src/localization/en.ts'
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
  focusManager.setFocused(undefined)
})

describe('useUser', () => {
  it('goes from not loaded to signed out when the browser has no session', async () => {
    const kit = createKit(t.server.app.fetch)
    const { result } = renderHook(() => useUser(), { wrapper: kit.wrapper })
    expect(result.current).toEqual({ isLoaded: false, isSignedIn: undefined, user: undefined })
    await waitFor(() => expect(result.current.isLoaded).toBe(true))
    expect(result.current).toEqual({ isLoaded: true, isSignedIn: false, user: null })
  })

  it('reports the signed-in user', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Ada', lastName: 'Lovelace' })
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(() => useUser(), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.isLoaded).toBe(true))
    expect(result.current.isSignedIn).toBe(true)
    expect(result.current.user?.id).toBe(seeded.id)
    expect(result.current.user?.fullName).toBe('Ada Lovelace')
  })

  it('sends exactly two requests on load however many components call useUser', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Five' })
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    kit.requests.length = 0
    function Name({ n }: { n: number }) {
      const { user } = useUser()
      useEnvironment()
      return <p>{`${n}:${user?.firstName ?? '…'}`}</p>
    }
    render(
      <>
        {[1, 2, 3, 4, 5].map((n) => (
          <Name key={n} n={n} />
        ))}
      </>,
      { wrapper: kit.wrapper },
    )
    await screen.findByText('5:Five')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(screen.getByText('1:Five')).toBeTruthy()
    expect(kit.requests.sort()).toEqual(['GET /v1/client', 'GET /v1/environment'])
  })

  it('picks up a change made behind the kit’s back when the window regains focus', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Before' })
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(() => useUser(), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.user?.firstName).toBe('Before'))
    await t.server.store.users.update(seeded.id, { firstName: 'After' })
    kit.requests.length = 0

    // Nothing happens on its own: the cache is only refreshed by focus (or a mutation).
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(result.current.user?.firstName).toBe('Before')

    // Past the client's staleTime, then the window comes back.
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now + 60_000)
    act(() => focusManager.setFocused(false))
    act(() => focusManager.setFocused(true))
    await waitFor(() => expect(result.current.user?.firstName).toBe('After'))
    expect(kit.requests).toEqual(['GET /v1/client'])
  })

  it('does not refetch on focus while the client is fresh', async () => {
    const kit = createKit(t.server.app.fetch)
    const { result } = renderHook(() => useUser(), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.isLoaded).toBe(true))
    kit.requests.length = 0
    act(() => focusManager.setFocused(false))
    act(() => focusManager.setFocused(true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(kit.requests).toEqual([])
  })

  it('stays not loaded and reports the error when the first load fails', async () => {
    const kit = createKit(t.server.app.fetch)
    kit.offline = true
    const { result } = renderHook(() => ({ user: useUser(), status: useUserkitStatus() }), { wrapper: kit.wrapper })
    expect(result.current.status.status).toBe('loading')
    // The client query retries network errors twice (1 s, then 2 s).
    await waitFor(() => expect(result.current.status.status).toBe('error'), { timeout: 8_000 })
    expect(result.current.user).toEqual({ isLoaded: false, isSignedIn: undefined, user: undefined })
    expect(result.current.status.error).toBeInstanceOf(UserkitApiError)
    expect(result.current.status.error?.code).toBe('network_error')
    expect(kit.requests.filter((r) => r === 'GET /v1/client')).toHaveLength(3)

    kit.offline = false
    act(() => result.current.status.retry())
    await waitFor(() => expect(result.current.status.status).toBe('ready'))
    expect(result.current.user.isLoaded).toBe(true)
    expect(result.current.status.error).toBeNull()
  })

  it('lets <UserButton /> retry a failed first load, then shows the signed-in user', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Retried' })
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    kit.offline = true
    render(<UserButton />, { wrapper: kit.wrapper })
    const retry = await screen.findByRole('button', { name: en.userButton.loadFailed }, { timeout: 8_000 })
    kit.offline = false
    act(() => retry.click())
    expect(await screen.findByRole('button', { name: /open user menu/i })).toBeTruthy()
    expect(screen.queryByRole('button', { name: en.userButton.loadFailed })).toBeNull()
  })

  it('keeps the last known user when a refresh fails', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Kept' })
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(() => ({ user: useUser(), status: useUserkitStatus() }), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.user.isSignedIn).toBe(true))
    kit.offline = true
    act(() => result.current.status.retry())
    await waitFor(() => expect(result.current.status.status).toBe('error'), { timeout: 8_000 })
    expect(result.current.user.user?.firstName).toBe('Kept')
    expect(result.current.status.error?.status).toBe(0)
  })
})

describe('<SignedIn> and <SignedOut>', () => {
  const ui = (
    <>
      <SignedIn>
        <p>inside</p>
      </SignedIn>
      <SignedOut>
        <p>outside</p>
      </SignedOut>
    </>
  )

  it('render nothing while loading, then only <SignedOut> for a visitor', async () => {
    const kit = createKit(t.server.app.fetch)
    render(ui, { wrapper: kit.wrapper })
    expect(screen.queryByText('inside')).toBeNull()
    expect(screen.queryByText('outside')).toBeNull()
    await screen.findByText('outside')
    expect(screen.queryByText('inside')).toBeNull()
  })

  it('render only <SignedIn> for a signed-in user', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser()
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    render(ui, { wrapper: kit.wrapper })
    await screen.findByText('inside')
    expect(screen.queryByText('outside')).toBeNull()
  })
})
