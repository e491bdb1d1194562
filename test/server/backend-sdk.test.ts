/**
 * The Backend API driven by Clerk's own SDK, unchanged, against a real listening server: what
 * people already run against Clerk works against userkit by changing only the base URL.
 */
import { createClerkClient } from '@clerk/backend'
import { isClerkAPIResponseError } from '@clerk/backend/errors'
import { afterEach, describe, expect, it } from 'vitest'
import { listen } from '../helpers/backend.ts'
import { readJson, setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

async function sdk() {
  const t = await createTestServer()
  const http = await listen(t)
  stops.push(http.close)
  return { t, url: http.url, clerk: createClerkClient({ secretKey: t.server.secretKey, apiUrl: http.url }) }
}

/** Runs `fn` and answers the ClerkAPIResponseError it throws. */
async function apiError(fn: () => Promise<unknown>) {
  try {
    await fn()
  } catch (error) {
    if (isClerkAPIResponseError(error)) return error
    throw error
  }
  throw new Error('expected a ClerkAPIResponseError')
}

describe('@clerk/backend against userkit', () => {
  it('createUser, getUser, updateUser, updateUserMetadata, getUserList, deleteUser', async () => {
    const { t, clerk } = await sdk()
    const user = await clerk.users.createUser({
      emailAddress: ['test@example.com'],
      password: 'my-secure-password',
      firstName: 'Test',
      publicMetadata: { plan: 'free' },
      privateMetadata: { crm: 7 },
    })
    expect(user.id).toMatch(/^user_/)
    expect(user.primaryEmailAddress?.emailAddress).toBe('test@example.com')
    expect(user.emailAddresses[0]?.verification?.status).toBe('verified')
    expect(user.privateMetadata).toEqual({ crm: 7 })
    expect(user.passwordEnabled).toBe(true)

    const read = await clerk.users.getUser(user.id)
    expect(read.firstName).toBe('Test')
    expect(read.createdAt).toBe(user.createdAt)

    const updated = await clerk.users.updateUser(user.id, { lastName: 'User', username: 'test_user' })
    expect(updated.fullName).toBe('Test User')
    expect(updated.username).toBe('test_user')

    const merged = await clerk.users.updateUserMetadata(user.id, { publicMetadata: { plan: 'pro', seats: 3 }, privateMetadata: { crm: null } })
    expect(merged.publicMetadata).toEqual({ plan: 'pro', seats: 3 })
    expect(merged.privateMetadata).toEqual({})

    // The test clock stands still unless told: the second user is created a second later.
    t.clock.advance(1000)
    await clerk.users.createUser({ emailAddress: ['second@example.com'], skipPasswordRequirement: true })
    const list = await clerk.users.getUserList({ limit: 1, orderBy: '+created_at' })
    expect(list.totalCount).toBe(2)
    expect(list.data.map((u) => u.id)).toEqual([user.id])
    const found = await clerk.users.getUserList({ emailAddress: ['TEST@example.com'] })
    expect(found.data.map((u) => u.id)).toEqual([user.id])
    expect(found.totalCount).toBe(1)
    const searched = await clerk.users.getUserList({ query: 'test', limit: 10 })
    expect(searched.data.map((u) => u.id)).toEqual([user.id])
    expect(searched.totalCount).toBe(1)

    const cookie = await t.signIn('test@example.com', 'my-secure-password')
    expect((await readJson(await t.request('/v1/me', { cookie }))).response.public_metadata).toEqual({ plan: 'pro', seats: 3 })

    const deleted = await clerk.users.deleteUser(user.id)
    expect(deleted).toMatchObject({ id: user.id, deleted: true })
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
    expect((await clerk.users.getCount())).toBe(1)
  })

  it('banUser, verifyPassword and sessions through the SDK', async () => {
    const { t, clerk } = await sdk()
    const { user, email, password } = await t.createUser()
    await t.signIn(email, password)
    expect(await clerk.users.verifyPassword({ userId: user.id, password })).toEqual({ verified: true })
    const sessions = await clerk.sessions.getSessionList({ userId: user.id, status: 'active' })
    expect(sessions.data.map((s) => s.userId)).toEqual([user.id])
    expect(sessions.totalCount).toBe(1)
    const banned = await clerk.users.banUser(user.id)
    expect(banned.banned).toBe(true)
    expect((await clerk.sessions.getSessionList({ userId: user.id })).data.map((s) => s.status)).toEqual(['revoked'])
  })

  it('throws ClerkAPIResponseError with the status and code of each error', async () => {
    const { clerk, url } = await sdk()
    await clerk.users.createUser({ emailAddress: ['taken@example.com'] })
    const cases: [() => Promise<unknown>, number, string][] = [
      [() => clerk.users.createUser({ emailAddress: ['taken@example.com'] }), 422, 'form_identifier_exists'],
      [() => clerk.users.createUser({ emailAddress: ['x@example.com'], password: 'short' }), 422, 'form_password_length_too_short'],
      [() => clerk.users.createUser({ emailAddress: ['not an email'] }), 422, 'form_param_format_invalid'],
      [() => clerk.users.getUser('user_missing'), 404, 'resource_not_found'],
      [() => clerk.users.deleteUser('user_missing'), 404, 'resource_not_found'],
      [() => clerk.users.getUserList({ limit: 1000 }), 422, 'form_param_format_invalid'],
      [() => createClerkClient({ secretKey: 'sk_test_wrong', apiUrl: url }).users.getUser('user_x'), 401, 'authentication_invalid'],
    ]
    for (const [fn, status, code] of cases) {
      const error = await apiError(fn)
      expect(error.status).toBe(status)
      expect(error.errors[0]?.code).toBe(code)
      expect(error.clerkTraceId).toBeTruthy()
    }
    const withParam = await apiError(() => clerk.users.createUser({ emailAddress: ['taken@example.com'] }))
    expect(withParam.errors[0]?.meta?.paramName).toBe('email_address')
  })
})
