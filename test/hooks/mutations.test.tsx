import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UserkitApiError } from '../../src/api/index.ts'
import { userkitKeys, useSetProfileImage, useSignIn, useUpdateUser, useUser } from '../../src/hooks/index.ts'
import { pngBytes } from '../helpers/png.ts'
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

async function signedIn(firstName = 'Ada') {
  const kit = createKit(t.server.app.fetch)
  const seeded = await t.seedUser({ firstName })
  await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
  const hook = renderHook(() => ({ user: useUser(), update: useUpdateUser(), image: useSetProfileImage() }), {
    wrapper: kit.wrapper,
  })
  await waitFor(() => expect(hook.result.current.user.isSignedIn).toBe(true))
  kit.requests.length = 0
  return { kit, seeded, result: hook.result }
}

describe('useSignIn', () => {
  it('signs in and writes the session into the cache without a refetch', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Grace' })
    const { result } = renderHook(() => ({ user: useUser(), signIn: useSignIn() }), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.user.isSignedIn).toBe(false))
    kit.requests.length = 0
    act(() => result.current.signIn.mutate({ identifier: seeded.identifier, password: seeded.password }))
    await waitFor(() => expect(result.current.user.isSignedIn).toBe(true))
    expect(result.current.user.user?.firstName).toBe('Grace')
    expect(kit.requests).toEqual(['POST /v1/client/sign_ins'])
  })

  it('returns a wrong password as state, not as a thrown error', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser()
    const { result } = renderHook(() => ({ user: useUser(), signIn: useSignIn() }), { wrapper: kit.wrapper })
    act(() => result.current.signIn.mutate({ identifier: seeded.identifier, password: 'not-the-password' }))
    await waitFor(() => expect(result.current.signIn.status).toBe('error'))
    const error = result.current.signIn.error
    expect(error).toBeInstanceOf(UserkitApiError)
    expect(error?.status).toBe(422)
    expect(error?.code).toBe('form_password_incorrect')
    expect(result.current.user).toEqual({ isLoaded: true, isSignedIn: false, user: null })
  })
})

describe('useUpdateUser', () => {
  it('writes the answer into the cache with no refetch', async () => {
    const { kit, result } = await signedIn('Ada')
    const updatedAt = result.current.user.user?.updatedAt
    act(() => result.current.update.mutate({ firstName: 'Augusta', lastName: null }))
    await waitFor(() => expect(result.current.user.user?.firstName).toBe('Augusta'))
    expect(result.current.user.user?.lastName).toBeNull()
    expect(result.current.user.user?.fullName).toBe('Augusta')
    expect(result.current.user.user?.updatedAt).toBeGreaterThanOrEqual(updatedAt ?? Number.POSITIVE_INFINITY)
    expect(result.current.update.isSuccess).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(kit.requests).toEqual(['PATCH /v1/me'])
  })

  it('returns a validation error with its field, and keeps the user', async () => {
    const { result } = await signedIn('Ada')
    act(() => result.current.update.mutate({ username: 'a b' }))
    await waitFor(() => expect(result.current.update.status).toBe('error'))
    expect(result.current.update.error?.status).toBe(422)
    expect(result.current.update.error?.errors[0]?.meta.paramName).toBe('username')
    expect(result.current.user.user?.firstName).toBe('Ada')
  })

  it('turns a 401 into signed out', async () => {
    const { kit, result } = await signedIn('Ada')
    // The session ends behind the kit's back (another tab, an admin): the cache still says signed in.
    await kit.api.signOut()
    expect(result.current.user.isSignedIn).toBe(true)
    kit.requests.length = 0
    act(() => result.current.update.mutate({ firstName: 'Nobody' }))
    await waitFor(() => expect(result.current.user.isSignedIn).toBe(false))
    expect(result.current.update.error?.status).toBe(401)
    expect(result.current.user).toEqual({ isLoaded: true, isSignedIn: false, user: null })
    expect(kit.queryClient.getQueryData(userkitKeys.client)).toBeNull()
    expect(kit.requests).toEqual(['PATCH /v1/me'])
  })
})

describe('useSetProfileImage', () => {
  it('uploads a PNG, then removes it with null, updating the user from each answer', async () => {
    const { kit, result } = await signedIn('Ada')
    expect(result.current.user.user?.hasImage).toBe(false)
    const before = result.current.user.user?.imageUrl
    act(() => result.current.image.mutate(new Blob([pngBytes(8, 8)], { type: 'image/png' })))
    await waitFor(() => expect(result.current.user.user?.hasImage).toBe(true))
    expect(result.current.user.user?.imageUrl).not.toBe(before)
    expect(result.current.image.data?.response).toMatchObject({ publicUrl: expect.any(String) })

    act(() => result.current.image.mutate(null))
    await waitFor(() => expect(result.current.user.user?.hasImage).toBe(false))
    expect(kit.requests).toEqual(['POST /v1/me/profile_image', 'DELETE /v1/me/profile_image'])
  })

  it('returns a fake image as a 4xx error state', async () => {
    const { result } = await signedIn('Ada')
    act(() => result.current.image.mutate(new Blob(['not an image'], { type: 'image/png' })))
    await waitFor(() => expect(result.current.image.status).toBe('error'))
    expect(result.current.image.error?.status).toBeGreaterThanOrEqual(400)
    expect(result.current.image.error?.status).toBeLessThan(500)
    expect(result.current.user.user?.hasImage).toBe(false)
  })
})

describe('optimistic mutations (the plumbing for set-primary and remove)', () => {
  it('shows the change at once and rolls it back when the server refuses', async () => {
    const { useUserkitMutation } = await import('../../src/hooks/index.ts')
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Ada' })
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(
      () => ({
        user: useUser(),
        rename: useUserkitMutation('test', (c, username: string) => c.updateMe({ username }), {
          optimistic: (u, username) => ({ ...u, username }),
        }),
      }),
      { wrapper: kit.wrapper },
    )
    await waitFor(() => expect(result.current.user.isSignedIn).toBe(true))
    const original = result.current.user.user?.username
    // Hold the request, so the optimistic state is on screen while the server has not answered.
    let release = () => {}
    kit.gate = new Promise((resolve) => {
      release = resolve
    })
    const spy = vi.fn()
    act(() => result.current.rename.mutate('x y', { onError: spy }))
    await waitFor(() => expect(result.current.user.user?.username).toBe('x y'))
    expect(result.current.rename.isPending).toBe(true)
    kit.gate = null
    release()
    await waitFor(() => expect(result.current.rename.status).toBe('error'))
    await waitFor(() => expect(result.current.user.user?.username).toBe(original))
    expect(result.current.rename.error?.status).toBe(422)
    expect(spy).toHaveBeenCalledOnce()
  })
})
