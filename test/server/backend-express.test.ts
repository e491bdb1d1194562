/**
 * The README's Express form, tried: an Express app whose routes call userkit through
 * @clerk/express's `clerkClient` (configured by CLERK_SECRET_KEY and CLERK_API_URL only).
 */
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { listen } from '../helpers/backend.ts'
import { setupTestServers } from '../helpers/server.ts'

const createTestServer = setupTestServers()
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

describe('Express with @clerk/express', () => {
  it('creates, lists and deletes users from Express routes through clerkClient', async () => {
    const t = await createTestServer()
    const userkit = await listen(t)
    stops.push(userkit.close)
    // The only change from a Clerk setup: CLERK_API_URL points at userkit.
    process.env.CLERK_SECRET_KEY = t.server.secretKey
    process.env.CLERK_API_URL = userkit.url
    const { default: express } = await import('express')
    const { clerkClient } = await import('@clerk/express')

    const app = express()
    app.post('/signup', express.json(), async (req, res) => {
      try {
        const user = await clerkClient.users.createUser({ emailAddress: [req.body.email], password: req.body.password })
        res.json({ id: user.id })
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500
        res.status(status).json({ code: (error as { errors?: { code: string }[] }).errors?.[0]?.code })
      }
    })
    app.get('/users', async (_req, res) => {
      const { data, totalCount } = await clerkClient.users.getUserList()
      res.json({ emails: data.map((u) => u.primaryEmailAddress?.emailAddress), totalCount })
    })
    app.delete('/users/:id', async (req, res) => {
      res.json(await clerkClient.users.deleteUser(req.params.id))
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((done) => server.once('listening', done))
    stops.push(() => new Promise<void>((done) => server.close(() => done())))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const post = (body: unknown) =>
      fetch(`${base}/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

    const created = await post({ email: 'express@example.com', password: 'my-secure-password' })
    expect(created.status).toBe(200)
    const { id } = (await created.json()) as { id: string }
    expect(id).toMatch(/^user_/)
    const taken = await post({ email: 'express@example.com', password: 'my-secure-password' })
    expect([taken.status, await taken.json()]).toEqual([422, { code: 'form_identifier_exists' }])
    expect(await (await fetch(`${base}/users`)).json()).toEqual({ emails: ['express@example.com'], totalCount: 1 })
    expect(await (await fetch(`${base}/users/${id}`, { method: 'DELETE' })).json()).toMatchObject({ id, deleted: true })
    await t.createUser({ email: 'other@example.com' })
    expect(await (await fetch(`${base}/users`)).json()).toEqual({ emails: ['other@example.com'], totalCount: 1 })
  })
})
