import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoAxeViolations, launchChromium, type RunningServer, startServer } from './harness.ts'

const me = (page: Page) => page.evaluate(() => fetch('/v1/me').then((r) => r.json()))

describe('connected accounts, against the server and the Dev OIDC provider that npm start runs', () => {
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

  it('connects the Dev OIDC account, lists it, reauthorizes it with an extra scope and removes it', async () => {
    const issuer = /Dev OIDC provider[^:]*: (http:\/\/\S+)/.exec(server.output())?.[1]
    expect(issuer, server.output()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.baseUrl)
    await page.getByLabel(/email address or username/i).fill(server.demoEmail)
    await page.getByLabel(/^password/i).fill(server.demoPassword)
    await page.getByRole('button', { name: /^continue$/i }).click()
    await expect.poll(() => page.getByRole('button', { name: /open user menu/i }).isVisible(), { timeout: 10_000 }).toBe(true)

    // Given the account page, the section offers the local provider
    await page.goto(`${server.baseUrl}/account`)
    const section = page.getByRole('region', { name: 'Connected accounts' })
    await expect.poll(() => section.isVisible(), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => section.innerText()).toContain('No connected accounts yet')
    await expectNoAxeViolations(page)

    // When the user cancels at the provider, the section says so and nothing is connected
    await section.getByRole('button', { name: 'Connect account' }).click()
    await page.getByRole('menuitem', { name: 'Dev OIDC' }).click()
    await page.waitForURL((url) => url.origin === issuer, { timeout: 10_000 })
    await page.getByRole('link', { name: '[ Cancel ]' }).click()
    await page.waitForURL((url) => url.origin === server.baseUrl, { timeout: 10_000 })
    await expect.poll(() => section.getByRole('alert').innerText(), { timeout: 10_000 }).toContain('declined')
    // the error parameter is gone from the address bar
    expect(new URL(page.url()).searchParams.has('userkit_oauth_error')).toBe(false)
    expect((await me(page)).response.external_accounts).toEqual([])

    // When the user connects and signs in at the provider as "grace", then consents
    await section.getByRole('button', { name: 'Connect account' }).click()
    await page.getByRole('menuitem', { name: 'Dev OIDC' }).click()
    await page.waitForURL((url) => url.origin === issuer, { timeout: 10_000 })
    await page.locator('input[name="login"]').fill('grace')
    await page.locator('input[name="password"]').fill('anything')
    await page.getByRole('button', { name: 'Sign-in' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL((url) => url.origin === server.baseUrl && url.pathname === '/account', { timeout: 10_000 })

    // then the account is listed with its email and scopes, and the server has it
    const row = section.getByRole('listitem').filter({ hasText: 'grace@example.com' })
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await row.innerText()).toContain('Access: openid, email, profile')
    await expectNoAxeViolations(page)
    const accounts = (await me(page)).response.external_accounts
    expect(accounts).toHaveLength(1)
    expect(accounts[0]).toMatchObject({ provider: 'oauth_dev_oidc', provider_user_id: 'grace', approved_scopes: 'openid email profile' })

    // When the account is reauthorized with the extra scope "phone" (as useReauthorizeExternalAccount does)
    const started = await page.evaluate(async (id) => {
      const res = await fetch(`/v1/me/external_accounts/${id}/reauthorize`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_url: `${location.origin}/account`, additional_scope: ['phone'] }),
      })
      return (await res.json()).response.verification.external_verification_redirect_url as string
    }, accounts[0].id)
    await page.goto(started)
    // the provider remembers the sign-in and asks only to consent to the new scope
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL((url) => url.origin === server.baseUrl && url.pathname === '/account', { timeout: 10_000 })
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('Access: openid, email, profile, phone')
    expect((await me(page)).response.external_accounts).toMatchObject([{ id: accounts[0].id, approved_scopes: 'openid email profile phone' }])

    // When it is removed, after confirming
    await section.getByRole('button', { name: 'Remove Dev OIDC account grace@example.com' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Remove connected account' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Remove' }).click()
    // then the section and the server no longer have it
    await expect.poll(() => section.innerText(), { timeout: 10_000 }).toContain('No connected accounts yet')
    expect((await me(page)).response.external_accounts).toEqual([])
    await context.close()
  })
})
