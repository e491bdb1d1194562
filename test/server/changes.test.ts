/**
 * The single point every change of a user or a session passes through (server/changes.ts): each
 * path that changes something reports exactly its changes, once each, inside its transaction; a
 * refused request reports nothing; a hook that throws takes the change back with it.
 */
import { describe, expect, it } from 'vitest'
import type { Change } from '../../server/changes.ts'
import { bapi } from '../helpers/backend.ts'
import { imageForm, pngBytes, readJson, setupTestServers, type TestServer } from '../helpers/server.ts'

const createTestServer = setupTestServers()

/** A server whose hook records every change; `take()` answers those since the last call. */
async function recording() {
  const heard: Change[] = []
  const t = await createTestServer({ onChange: (change) => void heard.push(change) })
  return { t, take: () => heard.splice(0) }
}

const post = (body: unknown, cookie: string) => ({ method: 'POST', body, cookie })

async function outboxCode(t: TestServer, to: string): Promise<string> {
  const [message] = await readJson(await t.request(`/dev/outbox.json?to=${encodeURIComponent(to)}`))
  return message.code
}

describe('changes', () => {
  it('should report each change of a user once, from the Frontend API', async () => {
    const { t, take } = await recording()
    const { user, cookie } = await t.signedInUser()
    const [session] = take().filter((c) => c.type === 'session.created')
    expect(session).toBeDefined()

    await t.request('/v1/me', { method: 'PATCH', body: { first_name: 'Augusta', username: 'augusta' }, cookie })
    expect(take()).toEqual([{ type: 'user.updated', id: user.id }])

    const added = (await readJson(await t.request('/v1/me/email_addresses', post({ email_address: 'new@example.com' }, cookie)))).response
    expect(take()).toEqual([{ type: 'user.updated', id: user.id }])
    await t.request(`/v1/me/email_addresses/${added.id}/prepare_verification`, post({ strategy: 'email_code' }, cookie))
    // The message is a change of its own (email.created), carrying its text; the user is not changed.
    const [sent, ...others] = take()
    expect(others).toEqual([])
    expect(sent).toMatchObject({ type: 'email.created', message: { channel: 'email', to: 'new@example.com', userId: user.id, identificationId: added.id } })
    expect(sent?.id).toMatch(/^ema_/)
    const code = await outboxCode(t, 'new@example.com')
    expect((await t.request(`/v1/me/email_addresses/${added.id}/attempt_verification`, post({ code }, cookie))).status).toBe(200)
    expect(take()).toEqual([{ type: 'user.updated', id: user.id }])

    await t.request('/v1/me/profile_image', { method: 'POST', body: imageForm(await pngBytes()), cookie })
    expect(take()).toEqual([{ type: 'user.updated', id: user.id }])
    await t.request('/v1/me/profile_image', { method: 'DELETE', cookie })
    expect(take()).toEqual([{ type: 'user.updated', id: user.id }])

    await t.request(`/v1/me/email_addresses/${added.id}`, { method: 'DELETE', cookie })
    expect(take()).toEqual([{ type: 'user.updated', id: user.id }])

    await t.request('/v1/client/sessions', { method: 'DELETE', cookie })
    expect(take()).toEqual([{ type: 'session.ended', id: session?.id }])
  })

  it('should report nothing for a refused request, and nothing for reads', async () => {
    const { t, take } = await recording()
    const { cookie } = await t.signedInUser()
    take()
    expect((await t.request('/v1/me', { method: 'PATCH', body: { username: 'no' }, cookie })).status).toBe(422)
    expect((await t.request('/v1/me/email_addresses', post({ email_address: 'not an email' }, cookie))).status).toBe(422)
    await t.request('/v1/me', { cookie })
    await t.request('/v1/client', { cookie })
    expect(take()).toEqual([])
  })

  it('should report the Backend API’s changes, a ban with the sessions it revokes', async () => {
    const { t, take } = await recording()
    const call = bapi(t)
    const created = await readJson(await call('/v1/users', { method: 'POST', body: { email_address: ['op@example.com'], password: 'correct horse battery staple' } }))
    // Created, with its email: one change, not an update besides.
    expect(take()).toEqual([{ type: 'user.created', id: created.id }])
    const cookie = await t.signIn('op@example.com', 'correct horse battery staple')
    const [session] = take()
    expect(session?.type).toBe('session.created')

    await call(`/v1/users/${created.id}/metadata`, { method: 'PATCH', body: { public_metadata: { plan: 'pro' } } })
    expect(take()).toEqual([{ type: 'user.updated', id: created.id }])
    await call('/v1/phone_numbers', { method: 'POST', body: { user_id: created.id, phone_number: '+14155550123' } })
    expect(take()).toEqual([{ type: 'user.updated', id: created.id }])
    await call(`/v1/users/${created.id}/ban`, { method: 'POST' })
    expect(take()).toEqual([
      { type: 'session.revoked', id: session?.id },
      { type: 'user.updated', id: created.id },
    ])
    expect((await t.request('/v1/me', { cookie })).status).toBe(401)
    await call(`/v1/users/${created.id}`, { method: 'DELETE' })
    expect(take()).toEqual([{ type: 'user.deleted', id: created.id }])
  })

  it('should roll the change back when the hook throws', async () => {
    let fail = false
    const t = await createTestServer({
      onChange: () => {
        if (fail) throw new Error('the outbox is full')
      },
    })
    const { user, cookie } = await t.signedInUser({ firstName: 'Ada' })
    fail = true
    const res = await t.request('/v1/me', { method: 'PATCH', body: { first_name: 'Grace' }, cookie })
    expect(res.status).toBe(500)
    expect((await t.server.store.users.get(user.id))?.firstName).toBe('Ada')
  })
})
