/**
 * The demo's own API learns who is signed in from a session token, the way an app's backend does:
 * in Chromium, the page asks the demo's /api/me with `Authorization: Bearer <getToken()>`, the demo's
 * server verifies it with @clerk/backend, and the page shows the answer. Without a valid token the
 * same route says no.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoAxeViolations, launchChromium, type RunningServer, startServer } from './harness.ts'

describe('the demo’s backend, against the server that npm start runs', () => {
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('answers the signed-in user’s id only with a valid session token, and the page shows it', async () => {
    expect((await fetch(`${server.baseUrl}/api/me`)).status).toBe(401)
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: 'Bearer not.a.token' } })).status).toBe(401)

    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.baseUrl)
    await page.getByLabel(/email address or username/i).fill(server.demoEmail)
    await page.getByLabel(/^password/i).fill(server.demoPassword)
    await page.getByRole('button', { name: /^continue$/i }).click()

    const answer = page.getByRole('region', { name: 'Your backend' }).getByRole('status')
    await expect.poll(() => answer.textContent(), { timeout: 15_000 }).toMatch(/verified your session token: you are user_\w+\./)
    const userId = /(user_\w+)/.exec((await answer.textContent()) ?? '')?.[1]
    const me = await page.evaluate(async () => (await fetch('/v1/me')).json())
    expect(me.response.id).toBe(userId)
    await expectNoAxeViolations(page)

    // A token the page got stops opening the API once it is expired or forged: here, a changed claim.
    const forged = await page.evaluate(async () => {
      const client = await (await fetch('/v1/client')).json()
      const jwt: string = client.response.sessions[0].last_active_token.jwt
      const [h, p, s] = jwt.split('.')
      const claims = JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/')))
      const changed = btoa(JSON.stringify({ ...claims, sub: 'user_someone_else' })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
      return (await fetch('/api/me', { headers: { Authorization: `Bearer ${h}.${changed}.${s}` } })).status
    })
    expect(forged).toBe(401)
    await context.close()
  })
})
