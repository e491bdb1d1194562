import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  useAddEmailAddress,
  useAddPhoneNumber,
  useAttemptEmailVerification,
  useAttemptPhoneVerification,
  useEmailLinkVerification,
  usePrepareEmailVerification,
  usePreparePhoneVerification,
  useRemoveEmailAddress,
  useSetPrimaryEmailAddress,
  useSetPrimaryPhoneNumber,
  useUser,
} from '../../src/hooks/index.ts'
import { type KitServer, setupKitServers } from '../api/server.ts'
import { createKit, type Kit } from './harness.tsx'

const createServer = setupKitServers()
let t: KitServer
beforeEach(async () => {
  t = await createServer()
})
afterEach(() => cleanup())

interface OutboxMessage {
  channel: 'email' | 'sms'
  to: string
  code: string | null
  link: string | null
}

/** The newest message the dev outbox holds for `to`, read as the e2e test does. */
async function lastMessage(to: string): Promise<OutboxMessage> {
  const res = await t.newFetch()(`http://localhost:4000/dev/outbox.json?to=${encodeURIComponent(to)}`)
  const list = (await res.json()) as OutboxMessage[]
  if (!list[0]) throw new Error(`no message to ${to}`)
  return list[0]
}

function useAll() {
  return {
    user: useUser(),
    addEmail: useAddEmailAddress(),
    prepareEmail: usePrepareEmailVerification(),
    attemptEmail: useAttemptEmailVerification(),
    removeEmail: useRemoveEmailAddress(),
    primaryEmail: useSetPrimaryEmailAddress(),
    addPhone: useAddPhoneNumber(),
    preparePhone: usePreparePhoneVerification(),
    attemptPhone: useAttemptPhoneVerification(),
    primaryPhone: useSetPrimaryPhoneNumber(),
  }
}

async function signedIn() {
  const kit = createKit(t.server.app.fetch)
  const seeded = await t.seedUser()
  await kit.api.signIn({ identifier: seeded.identifier, password: seeded.password })
  const hook = renderHook(useAll, { wrapper: kit.wrapper })
  await waitFor(() => expect(hook.result.current.user.isSignedIn).toBe(true))
  kit.requests.length = 0
  return { kit, seeded, result: hook.result }
}

type Result = Awaited<ReturnType<typeof signedIn>>['result']
const me = (result: Result) => {
  const { user } = result.current.user
  if (!user) throw new Error('signed out')
  return user
}

/** Adds an address and verifies it with the code from the outbox; answers its id. */
async function addVerifiedEmail(result: Result, address: string): Promise<string> {
  let id = ''
  await act(async () => {
    id = (await result.current.addEmail.mutateAsync(address)).response.id
    await result.current.prepareEmail.mutateAsync({ id })
  })
  const { code } = await lastMessage(address)
  await act(async () => {
    await result.current.attemptEmail.mutateAsync({ id, code: code as string })
  })
  await waitFor(() => expect(me(result).emailAddresses.find((e) => e.id === id)?.verification?.status).toBe('verified'))
  return id
}

describe('email address hooks', () => {
  it('add → code from the outbox → verified in useUser(), with no refetch', async () => {
    const { kit, result } = await signedIn()
    let id = ''
    await act(async () => {
      id = (await result.current.addEmail.mutateAsync('Second@Example.com')).response.id
    })
    // TanStack notifies observers on a macrotask: wait for the render that carries the answer.
    await waitFor(() => expect(me(result).emailAddresses.some((e) => e.id === id)).toBe(true))
    const added = me(result).emailAddresses.find((e) => e.id === id)
    expect(added?.emailAddress.toLowerCase()).toBe('second@example.com')
    expect(added?.verification?.status ?? 'unverified').not.toBe('verified')

    await act(async () => {
      await result.current.prepareEmail.mutateAsync({ id })
    })
    const message = await lastMessage('second@example.com')
    expect(message.channel).toBe('email')
    expect(message.code).toMatch(/^\d{6}$/)
    await act(async () => {
      await result.current.attemptEmail.mutateAsync({ id, code: message.code as string })
    })
    await waitFor(() => expect(me(result).emailAddresses.find((e) => e.id === id)?.verification?.status).toBe('verified'))
    expect(kit.requests).toEqual([
      'POST /v1/me/email_addresses',
      `POST /v1/me/email_addresses/${id}/prepare_verification`,
      `POST /v1/me/email_addresses/${id}/attempt_verification`,
    ])
  })

  it('a wrong code is error state 422 form_code_incorrect, and the address stays unverified', async () => {
    const { result } = await signedIn()
    let id = ''
    await act(async () => {
      id = (await result.current.addEmail.mutateAsync('wrong@example.com')).response.id
      await result.current.prepareEmail.mutateAsync({ id })
    })
    const { code } = await lastMessage('wrong@example.com')
    const wrong = code === '000000' ? '111111' : '000000'
    act(() => result.current.attemptEmail.mutate({ id, code: wrong }))
    await waitFor(() => expect(result.current.attemptEmail.status).toBe('error'))
    expect(result.current.attemptEmail.error?.status).toBe(422)
    expect(result.current.attemptEmail.error?.code).toBe('form_code_incorrect')
    await waitFor(() => expect(me(result).emailAddresses.some((e) => e.id === id)).toBe(true))
    expect(me(result).emailAddresses.find((e) => e.id === id)?.verification?.status).not.toBe('verified')
  })

  it('set primary is optimistic: useUser() shows it before the server answers, and the answer stands', async () => {
    const { kit, result } = await signedIn()
    const id = await addVerifiedEmail(result, 'primary@example.com')
    const old = me(result).primaryEmailAddressId
    let open = () => {}
    kit.gate = new Promise<void>((resolve) => (open = resolve))
    act(() => result.current.primaryEmail.mutate(id))
    await waitFor(() => expect(me(result).primaryEmailAddressId).toBe(id))
    expect(me(result).primaryEmailAddress?.emailAddress).toBe('primary@example.com')
    expect(result.current.primaryEmail.isPending).toBe(true)
    kit.gate = null
    open()
    await waitFor(() => expect(result.current.primaryEmail.isSuccess).toBe(true))
    expect(me(result).primaryEmailAddressId).toBe(id)
    expect(old).not.toBe(id)
    // The server agrees.
    expect((await kit.api.getMe()).response.primaryEmailAddressId).toBe(id)
  })

  it('set primary on an unverified address is refused and rolled back', async () => {
    const { kit, result } = await signedIn()
    const old = me(result).primaryEmailAddressId
    let id = ''
    await act(async () => {
      id = (await result.current.addEmail.mutateAsync('unverified@example.com')).response.id
    })
    await waitFor(() => expect(me(result).emailAddresses.some((e) => e.id === id)).toBe(true))
    let open = () => {}
    kit.gate = new Promise<void>((resolve) => (open = resolve))
    act(() => result.current.primaryEmail.mutate(id))
    await waitFor(() => expect(me(result).primaryEmailAddressId).toBe(id))
    kit.gate = null
    open()
    await waitFor(() => expect(result.current.primaryEmail.status).toBe('error'))
    expect(result.current.primaryEmail.error?.status).toBe(422)
    expect(me(result).primaryEmailAddressId).toBe(old)
  })

  it('remove is optimistic, and the primary address comes back when the server refuses', async () => {
    const { kit, result } = await signedIn()
    const primary = me(result).primaryEmailAddressId as string
    let open = () => {}
    kit.gate = new Promise<void>((resolve) => (open = resolve))
    act(() => result.current.removeEmail.mutate(primary))
    await waitFor(() => expect(me(result).emailAddresses.some((e) => e.id === primary)).toBe(false))
    kit.gate = null
    open()
    await waitFor(() => expect(result.current.removeEmail.status).toBe('error'))
    expect(result.current.removeEmail.error?.status).toBe(422)
    expect(me(result).emailAddresses.some((e) => e.id === primary)).toBe(true)
  })

  it('removes a second address for good', async () => {
    const { kit, result } = await signedIn()
    const id = await addVerifiedEmail(result, 'gone@example.com')
    await act(async () => {
      await result.current.removeEmail.mutateAsync(id)
    })
    await waitFor(() => expect(me(result).emailAddresses.some((e) => e.id === id)).toBe(false))
    expect(result.current.removeEmail.isSuccess).toBe(true)
    expect((await kit.api.getMe()).response.emailAddresses.some((e) => e.id === id)).toBe(false)
  })

  it("another user's address is a 404 and changes nothing", async () => {
    const { result } = await signedIn()
    const other = createKit(t.server.app.fetch)
    const seeded = await t.seedUser()
    await other.api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const theirs = (await other.api.getMe()).response.primaryEmailAddressId as string
    const before = me(result)
    act(() => result.current.removeEmail.mutate(theirs))
    await waitFor(() => expect(result.current.removeEmail.status).toBe('error'))
    expect(result.current.removeEmail.error?.status).toBe(404)
    act(() => result.current.prepareEmail.mutate({ id: theirs }))
    await waitFor(() => expect(result.current.prepareEmail.status).toBe('error'))
    expect(result.current.prepareEmail.error?.status).toBe(404)
    expect(me(result).emailAddresses).toEqual(before.emailAddresses)
    expect((await other.api.getMe()).response.primaryEmailAddressId).toBe(theirs)
  })

  it('sending too often is a 429 with retryAfter', async () => {
    const { result } = await signedIn()
    let id = ''
    await act(async () => {
      id = (await result.current.addEmail.mutateAsync('often@example.com')).response.id
    })
    let error: unknown
    for (let i = 0; i < 10 && !error; i++) {
      await act(async () => {
        await result.current.prepareEmail.mutateAsync({ id }).catch((e) => (error = e))
      })
    }
    expect((error as { status?: number }).status).toBe(429)
    await waitFor(() => expect(result.current.prepareEmail.error?.status).toBe(429))
    expect(result.current.prepareEmail.error?.retryAfter).toBeGreaterThan(0)
    expect(result.current.prepareEmail.error?.retryAfter).toBeLessThanOrEqual(60)
  })
})

describe('useEmailLinkVerification', () => {
  it('notices a link opened elsewhere and updates useUser() on its own, then stops polling', async () => {
    const { kit, result } = await signedIn()
    let id = ''
    await act(async () => {
      id = (await result.current.addEmail.mutateAsync('link@example.com')).response.id
      await result.current.prepareEmail.mutateAsync({ id, strategy: 'email_link' })
    })
    const poll = renderHook(() => useEmailLinkVerification(id, { interval: 50 }), { wrapper: kit.wrapper })
    await waitFor(() => expect(kit.requests).toContain(`GET /v1/me/email_addresses/${id}`))
    expect(poll.result.current).not.toBe('verified')

    // Another browser (no cookies) opens the link.
    const { link } = await lastMessage('link@example.com')
    expect(link).toContain('/v1/verify?token=')
    const opened = await t.newFetch()(link as string)
    expect(opened.status).toBe(200)

    await waitFor(() => expect(me(result).emailAddresses.find((e) => e.id === id)?.verification?.status).toBe('verified'))
    expect(poll.result.current).toBe('verified')
    const count = kit.requests.length
    await new Promise((r) => setTimeout(r, 200))
    expect(kit.requests.length).toBe(count)
    poll.unmount()
  })

  it('sends nothing while disabled', async () => {
    const { kit } = await signedIn()
    renderHook(() => useEmailLinkVerification('idn_whatever', { enabled: false, interval: 20 }), { wrapper: kit.wrapper })
    await new Promise((r) => setTimeout(r, 120))
    expect(kit.requests).toEqual([])
  })
})

describe('phone number hooks', () => {
  it('add → SMS code → verified → primary', async () => {
    const { kit, result }: { kit: Kit; result: Result } = await signedIn()
    let id = ''
    await act(async () => {
      const added = await result.current.addPhone.mutateAsync('+1 415 555 0142')
      id = added.response.id
      expect(added.response.phoneNumber).toBe('+14155550142')
      await result.current.preparePhone.mutateAsync(id)
    })
    const message = await lastMessage('+14155550142')
    expect(message.channel).toBe('sms')
    await act(async () => {
      await result.current.attemptPhone.mutateAsync({ id, code: message.code as string })
    })
    await waitFor(() => expect(me(result).phoneNumbers.find((p) => p.id === id)?.verification?.status).toBe('verified'))
    await act(async () => {
      await result.current.primaryPhone.mutateAsync(id)
    })
    await waitFor(() => expect(me(result).primaryPhoneNumber?.phoneNumber).toBe('+14155550142'))
    expect((await kit.api.getMe()).response.primaryPhoneNumberId).toBe(id)
  })

  it('an invalid number is error state 422 with its field', async () => {
    const { result } = await signedIn()
    act(() => result.current.addPhone.mutate('12'))
    await waitFor(() => expect(result.current.addPhone.status).toBe('error'))
    expect(result.current.addPhone.error?.status).toBe(422)
    expect(result.current.addPhone.error?.errors[0]?.meta.paramName).toBe('phone_number')
    expect(me(result).phoneNumbers).toEqual([])
  })
})
