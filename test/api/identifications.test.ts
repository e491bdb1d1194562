import { beforeEach, describe, expect, it } from 'vitest'
import { createUserkitClient, UserkitApiError, type UserkitClient } from '../../src/api/index.ts'
import { type KitServer, setupKitServers } from './server.ts'

const createServer = setupKitServers()
let t: KitServer
beforeEach(async () => {
  t = await createServer()
})

/** A signed-in client on its own cookie jar, recording the bodies it sends. */
async function signedIn(): Promise<{ api: UserkitClient; bodies: unknown[] }> {
  const bodies: unknown[] = []
  const inner = t.newFetch()
  const api = createUserkitClient({
    baseUrl: 'http://localhost:4000',
    fetch: (input, init) => {
      if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body))
      return inner(input, init)
    },
  })
  const seeded = await t.seedUser()
  await api.signIn({ identifier: seeded.identifier, password: seeded.password })
  bodies.length = 0
  return { api, bodies }
}

async function rejection(promise: Promise<unknown>): Promise<UserkitApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserkitApiError)
  return error as UserkitApiError
}

describe('identification calls', () => {
  it('add, list and get email addresses: frozen camelCase objects, snake_case bodies, the client alongside', async () => {
    const { api, bodies } = await signedIn()
    const added = await api.addEmailAddress('second@example.com')
    expect(bodies).toEqual([{ email_address: 'second@example.com' }])
    expect(added.response.emailAddress).toBe('second@example.com')
    expect(added.response.id).toMatch(/^idn_/)
    expect(Object.isFrozen(added.response)).toBe(true)
    expect(added.client?.sessions[0]?.user?.emailAddresses.some((e) => e.id === added.response.id)).toBe(true)

    const list = await api.getEmailAddresses()
    expect(list.response.map((e) => e.emailAddress)).toContain('second@example.com')
    expect(Object.isFrozen(list.response)).toBe(true)
    expect((await api.getEmailAddress(added.response.id)).response.emailAddress).toBe('second@example.com')
  })

  it('prepare sends the strategy and redirect_url in snake_case', async () => {
    const { api, bodies } = await signedIn()
    const { response } = await api.addEmailAddress('link@example.com')
    bodies.length = 0
    await api.prepareEmailVerification(response.id, { strategy: 'email_link', redirectUrl: 'http://localhost:4000/account' })
    await api.prepareEmailVerification(response.id)
    expect(bodies).toEqual([{ strategy: 'email_link', redirect_url: 'http://localhost:4000/account' }, { strategy: 'email_code' }])
  })

  it('phone numbers: E.164 back from the server, an invalid one a 422 at phone_number', async () => {
    const { api } = await signedIn()
    const added = await api.addPhoneNumber('+1 (415) 555-0177')
    expect(added.response.phoneNumber).toBe('+14155550177')
    expect((await api.getPhoneNumbers()).response.map((p) => p.id)).toEqual([added.response.id])
    const error = await rejection(api.addPhoneNumber('not a number'))
    expect(error.status).toBe(422)
    expect(error.errors[0]?.meta.paramName).toBe('phone_number')
  })

  it("an unknown id, or another user's, rejects with a 404", async () => {
    const { api } = await signedIn()
    const other = await signedIn()
    const theirs = (await other.api.addPhoneNumber('+14155550178')).response.id
    expect((await rejection(api.getPhoneNumber(theirs))).status).toBe(404)
    expect((await rejection(api.removePhoneNumber(theirs))).status).toBe(404)
    expect((await rejection(api.attemptPhoneVerification(theirs, '123456'))).status).toBe(404)
    expect((await rejection(api.getEmailAddress('idn_doesnotexist'))).status).toBe(404)
    expect((await other.api.getPhoneNumbers()).response.map((p) => p.id)).toEqual([theirs])
  })

  it('ids are sent URL-encoded, so a crafted one cannot reach another route', async () => {
    const { api } = await signedIn()
    const error = await rejection(api.getEmailAddress('../../client'))
    expect(error.status).toBe(404)
  })
})
