import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoAxeViolations, launchChromium, type RunningServer, startServer } from './harness.ts'

interface OutboxMessage {
  channel: 'email' | 'sms'
  to: string
  code: string | null
  link: string | null
}

describe('emails and phone numbers, against the server that npm start runs', () => {
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

  /** The newest message for `to` in the dev outbox, waiting for it to arrive. */
  async function lastMessage(to: string, kind: 'code' | 'link'): Promise<string> {
    let found: string | null = null
    await expect
      .poll(
        async () => {
          const list = (await (await fetch(`${server.baseUrl}/dev/outbox.json?to=${encodeURIComponent(to)}`)).json()) as OutboxMessage[]
          found = list[0]?.[kind] ?? null
          return found
        },
        { timeout: 10_000 },
      )
      .not.toBeNull()
    return found as unknown as string
  }

  async function signedInOnAccountPage(): Promise<Page> {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.baseUrl}/account`)
    await page.getByLabel(/email address or username/i).fill(server.demoEmail)
    await page.getByLabel(/^password/i).fill(server.demoPassword)
    await page.getByRole('button', { name: /^continue$/i }).click()
    await expect.poll(() => page.getByRole('region', { name: 'Email addresses' }).isVisible(), { timeout: 15_000 }).toBe(true)
    return page
  }

  const me = (page: Page) => page.evaluate(() => fetch('/v1/me').then((r) => r.json()))

  it('adds an email and verifies it by a link opened in another page; the first page updates on its own', async () => {
    const page = await signedInOnAccountPage()
    const section = page.getByRole('region', { name: 'Email addresses' })
    const address = 'link@e2e.example'

    await section.getByRole('button', { name: 'Add email address' }).click()
    await section.getByRole('textbox', { name: 'Email address' }).fill(address)
    await section.getByRole('button', { name: 'Continue' }).click()
    await section.getByRole('button', { name: 'Send a link instead' }).click()
    // then the section says to check the inbox
    const waiting = section.getByRole('group', { name: 'Verify email address' })
    await expect.poll(() => waiting.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await waiting.innerText()).toContain(`we sent a link to ${address}`)
    await expectNoAxeViolations(page)

    // When the link is opened in another page (another browser: no session there)
    const other = await browser.newContext()
    const linkPage = await other.newPage()
    const response = await linkPage.goto(await lastMessage(address, 'link'))
    expect(response?.ok()).toBe(true)
    // it lands back on the account page, marked verified
    expect(linkPage.url()).toContain('__userkit_status=verified')
    await other.close()

    // then the first page notices by itself
    await expect.poll(() => section.getByRole('status').first().innerText(), { timeout: 15_000 }).toContain(`${address} is verified.`)
    expect(await section.getByRole('listitem').filter({ hasText: address }).innerText()).not.toContain('Unverified')
    await page.context().close()
  })

  it('adds phone numbers formatted as typed, verifies them by SMS code and sets the primary one', async () => {
    const page = await signedInOnAccountPage()
    const section = page.getByRole('region', { name: 'Phone numbers' })
    await expect.poll(() => section.isVisible(), { timeout: 10_000 }).toBe(true)
    const row = (label: string) => section.getByRole('listitem').filter({ hasText: label })

    async function addAndVerify(typed: string, formatted: string, e164: string, shown: string) {
      await section.getByRole('button', { name: 'Add phone number' }).click()
      const input = section.getByRole('textbox', { name: 'Phone number' })
      // The country list fills once the phone library (a lazy chunk) has loaded.
      await expect
        .poll(() => section.getByRole('combobox', { name: 'Country' }).locator('option').count(), { timeout: 10_000 })
        .toBeGreaterThan(200)
      await input.pressSequentially(typed)
      expect(await input.inputValue()).toBe(formatted)
      await section.getByRole('button', { name: 'Continue' }).click()
      const code = section.getByRole('textbox', { name: 'Verification code' })
      await expect.poll(() => code.isVisible(), { timeout: 10_000 }).toBe(true)
      await code.pressSequentially(await lastMessage(e164, 'code'))
      await expect.poll(() => section.getByRole('status').innerText(), { timeout: 10_000 }).toContain(`${shown} is verified.`)
    }

    // The first verified number becomes primary by itself (as in Clerk).
    await addAndVerify('4155550199', '(415) 555-0199', '+14155550199', '+1 415 555 0199')
    await expect.poll(() => row('+1 415 555 0199').innerText()).toContain('Primary')
    // A second one, typed with its country code, is made primary from its menu.
    await addAndVerify('+447911123456', '+44 7911 123456', '+447911123456', '+44 7911 123456')
    await section.getByRole('button', { name: 'Actions for +44 7911 123456' }).click()
    await page.getByRole('menuitem', { name: 'Set as primary' }).click()
    await expect.poll(() => row('+44 7911 123456').innerText(), { timeout: 10_000 }).toContain('Primary')
    expect(await row('+1 415 555 0199').innerText()).not.toContain('Primary')
    const after = await me(page)
    expect(after.response.phone_numbers.find((p: { id: string }) => p.id === after.response.primary_phone_number_id)?.phone_number).toBe('+447911123456')
    await expectNoAxeViolations(page)
    await page.context().close()
  })

  // Last: it removes the demo user's own address, which the other tests sign in with.
  it('adds an email, verifies it by code, makes it primary and removes the old one', async () => {
    const page = await signedInOnAccountPage()
    const section = page.getByRole('region', { name: 'Email addresses' })
    const address = 'grace@e2e.example'

    // When an address is added
    await section.getByRole('button', { name: 'Add email address' }).click()
    await section.getByRole('textbox', { name: 'Email address' }).fill(address)
    await section.getByRole('button', { name: 'Continue' }).click()
    // then the code form asks for the code that went to it
    const code = section.getByRole('textbox', { name: 'Verification code' })
    await expect.poll(() => code.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code')
    await expectNoAxeViolations(page)

    // When the code from the outbox is typed, it is checked without a click
    await code.pressSequentially(await lastMessage(address, 'code'))
    await expect.poll(() => section.getByRole('status').innerText(), { timeout: 10_000 }).toContain(`${address} is verified.`)
    const row = section.getByRole('listitem').filter({ hasText: address })
    expect(await row.innerText()).not.toContain('Unverified')

    // When it is made primary from its menu
    await section.getByRole('button', { name: `Actions for ${address}` }).click()
    await page.getByRole('menuitem', { name: 'Set as primary' }).click()
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('Primary')
    const after = await me(page)
    const primary = after.response.email_addresses.find((e: { id: string }) => e.id === after.response.primary_email_address_id)
    expect(primary.email_address).toBe(address)

    // When the old address is removed, after confirming
    await section.getByRole('button', { name: `Actions for ${server.demoEmail}` }).click()
    await page.getByRole('menuitem', { name: 'Remove' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Remove email address' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await expectNoAxeViolations(page)
    await dialog.getByRole('button', { name: 'Remove' }).click()
    // then it is gone, here and on the server
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false)
    await expect.poll(() => section.getByRole('listitem').filter({ hasText: server.demoEmail }).count()).toBe(0)
    const final = await me(page)
    const left = final.response.email_addresses.map((e: { email_address: string }) => e.email_address)
    expect(left).toContain(address)
    expect(left).not.toContain(server.demoEmail)
    await page.context().close()
  })
})
