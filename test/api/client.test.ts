import { beforeEach, describe, expect, it } from 'vitest'
import { activeSession, createUserkitClient, UserkitApiError, type UserkitClient } from '../../src/api/index.ts'
import { pngBytes } from '../helpers/png.ts'
import { type KitServer, setupKitServers } from './server.ts'

const createServer = setupKitServers()
let t: KitServer
beforeEach(async () => {
  t = await createServer()
})

interface Sent {
  method: string
  path: string
  headers: Headers
  credentials: RequestCredentials | undefined
  body: unknown
}

/** A client on a fresh cookie jar that records what it sends. */
function browser(): { api: UserkitClient; sent: Sent[] } {
  const sent: Sent[] = []
  const inner = t.newFetch()
  const api = createUserkitClient({
    baseUrl: 'http://localhost:4000/',
    fetch: (input, init) => {
      sent.push({
        method: init?.method ?? 'GET',
        path: new URL(String(input)).pathname,
        headers: new Headers(init?.headers),
        credentials: init?.credentials,
        body: init?.body,
      })
      return inner(input, init)
    },
  })
  return { api, sent }
}

async function rejection(promise: Promise<unknown>): Promise<UserkitApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserkitApiError)
  return error as UserkitApiError
}

describe('createUserkitClient against the real server', () => {
  it('reads the environment once-worthy settings', async () => {
    const env = await browser().api.getEnvironment()
    expect(env.attributes.username.enabled).toBe(true)
    expect(env.usernameSettings.minLength).toBeGreaterThan(0)
    expect(env.profileImage.contentTypes).toContain('image/png')
    expect(Object.isFrozen(env.attributes)).toBe(true)
  })

  it('has no signed-in session on a fresh browser', async () => {
    const client = await browser().api.getClient()
    expect(activeSession(client)).toBeNull()
  })

  it('signs in, reads and updates the user, uploads and removes an image, and signs out', async () => {
    const seeded = await t.seedUser({ firstName: 'Ada', lastName: 'Lovelace' })
    const { api, sent } = browser()

    const signIn = await api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const session = activeSession(signIn.client)
    expect(session?.userId).toBe(seeded.id)
    expect(session?.user?.fullName).toBe('Ada Lovelace')
    expect(Object.isFrozen(signIn.client)).toBe(true)
    expect(JSON.parse(String(sent[0]?.body))).toEqual({
      identifier: seeded.identifier,
      password: seeded.password,
      strategy: 'password',
    })
    expect(sent[0]?.headers.get('content-type')).toBe('application/json')
    expect(sent[0]?.headers.get('accept')).toBe('application/json')
    expect(sent[0]?.credentials).toBe('include')
    expect(sent[0]?.path).toBe('/v1/client/sign_ins')

    const me = await api.getMe()
    expect(me.response.id).toBe(seeded.id)
    expect(me.response.primaryEmailAddress?.emailAddress).toBe(seeded.email)
    expect(activeSession(me.client)?.user?.id).toBe(seeded.id)

    const updated = await api.updateMe({ firstName: 'Augusta', lastName: null })
    expect(JSON.parse(String(sent.at(-1)?.body))).toEqual({ first_name: 'Augusta', last_name: null })
    expect(updated.response.firstName).toBe('Augusta')
    expect(updated.response.lastName).toBeNull()
    expect(updated.response.fullName).toBe('Augusta')
    expect(activeSession(updated.client)?.user?.firstName).toBe('Augusta')
    expect(Object.isFrozen(updated.response)).toBe(true)
    expect(() => {
      ;(updated.response as { firstName: string }).firstName = 'Eve'
    }).toThrow(TypeError)

    const image = await api.setProfileImage(new Blob([pngBytes(8, 8)], { type: 'image/png' }))
    expect(sent.at(-1)?.body).toBeInstanceOf(FormData)
    expect(sent.at(-1)?.headers.get('content-type')).toBeNull()
    expect(image.response.publicUrl).toMatch(/^(https?:\/\/|\/)/)
    const withImage = activeSession(image.client)?.user
    expect(withImage?.hasImage).toBe(true)
    const served = await t.newFetch()(new URL(withImage!.imageUrl, 'http://localhost:4000').href)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')

    const removed = await api.removeProfileImage()
    expect(removed.response.deleted).toBe(true)
    expect(activeSession(removed.client)?.user?.hasImage).toBe(false)

    const out = await api.signOut()
    expect(activeSession(out.client)).toBeNull()
    const error = await rejection(api.getMe())
    expect(error.status).toBe(401)
    expect(error.code).toBe('signed_out')
  })

  it('ends one session by id', async () => {
    const seeded = await t.seedUser()
    const { api } = browser()
    const signIn = await api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const id = signIn.client!.lastActiveSessionId!
    const ended = await api.endSession(id)
    expect(ended.response.id).toBe(id)
    expect(ended.response.status).toBe('ended')
    expect(activeSession(ended.client)).toBeNull()
  })
})

describe('UserkitApiError from real answers', () => {
  it('422 wrong password: camelCase items with the field name', async () => {
    const seeded = await t.seedUser()
    const error = await rejection(browser().api.signIn({ identifier: seeded.identifier, password: 'wrong-password' }))
    expect(error.status).toBe(422)
    expect(error.errors[0]?.code).toBe('form_password_incorrect')
    expect(error.errors[0]?.longMessage).toEqual(expect.any(String))
    expect(error.errors[0]?.meta.paramName).toBe('password')
    expect(error.message).toBe(error.errors[0]?.longMessage)
    expect(Object.keys(error.errors[0]!)).not.toContain('long_message')
    expect(error.retryAfter).toBeUndefined()
  })

  it('422 unknown identifier and invalid username', async () => {
    const unknown = await rejection(browser().api.signIn({ identifier: 'nobody@example.com', password: 'whatever1' }))
    expect(unknown.code).toBe('form_identifier_not_found')

    const seeded = await t.seedUser()
    const { api } = browser()
    await api.signIn({ identifier: seeded.identifier, password: seeded.password })
    const invalid = await rejection(api.updateMe({ username: 'a b' }))
    expect(invalid.status).toBe(422)
    expect(invalid.errors[0]?.meta.paramName).toBe('username')
  })

  it('401 signed_out without a session', async () => {
    const error = await rejection(browser().api.updateMe({ firstName: 'x' }))
    expect(error.status).toBe(401)
    expect(error.code).toBe('signed_out')
  })

  it('429 with retryAfter in seconds from Retry-After', async () => {
    const seeded = await t.seedUser()
    const { api } = browser()
    let error: UserkitApiError | undefined
    for (let i = 0; i < 30 && error?.status !== 429; i++) {
      error = await rejection(api.signIn({ identifier: seeded.identifier, password: `wrong-${i}` }))
    }
    expect(error?.status).toBe(429)
    expect(error?.code).toBe('too_many_requests')
    expect(error?.retryAfter).toBeGreaterThan(0)
    expect(Number.isInteger(error?.retryAfter)).toBe(true)
  })
})

describe('failures without an error answer', () => {
  it('a network failure is status 0, network_error', async () => {
    const api = createUserkitClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) })
    const error = await rejection(api.getMe())
    expect(error.status).toBe(0)
    expect(error.code).toBe('network_error')
  })

  it('a non-JSON answer (a proxy page) is unexpected_response with its status', async () => {
    const api = createUserkitClient({
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Retry-After': '7' } }),
    })
    const error = await rejection(api.getClient())
    expect(error.status).toBe(502)
    expect(error.code).toBe('unexpected_response')
    expect(error.retryAfter).toBe(7)

    const ok = createUserkitClient({ fetch: async () => new Response('hello', { status: 200 }) })
    expect((await rejection(ok.getEnvironment())).code).toBe('unexpected_response')
  })
})
