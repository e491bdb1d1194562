import { focusManager } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useUser } from '../../src/hooks/index.ts'
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

describe('metadata set through the Backend API', () => {
  it('reaches useUser() as publicMetadata on the next refresh, and private metadata never does', async () => {
    const kit = createKit(t.server.app.fetch)
    const seeded = await t.seedUser({ firstName: 'Meta' })
    await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const { result } = renderHook(() => useUser(), { wrapper: kit.wrapper })
    await waitFor(() => expect(result.current.user?.firstName).toBe('Meta'))
    expect(result.current.user?.publicMetadata).toEqual({})

    // The app's own server, with the secret key: no cookie, no Origin.
    const res = await t.server.app.request(`/v1/users/${seeded.id}/metadata`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${t.server.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ public_metadata: { plan: 'pro', seats: 5 }, private_metadata: { stripe: 'cus_private_42' } }),
    })
    expect(res.status).toBe(200)

    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000)
    act(() => focusManager.setFocused(false))
    act(() => focusManager.setFocused(true))
    await waitFor(() => expect(result.current.user?.publicMetadata).toEqual({ plan: 'pro', seats: 5 }))
    const user = result.current.user as object
    expect(user).not.toHaveProperty('privateMetadata')
    expect(user).not.toHaveProperty('private_metadata')
    expect(JSON.stringify(user)).not.toContain('cus_private_42')
  })
})
