import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pngBytes } from '../helpers/png.ts'
import { expectNoAxeViolations, launchChromium, type RunningServer, startServer } from './harness.ts'

describe('the demo, against the server that npm start runs', () => {
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

  it('signs in, edits the profile from the user menu with the keyboard, uploads an avatar and signs out', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.baseUrl)

    // Given the sign-in form, when the demo user signs in
    await page.getByLabel(/email address or username/i).fill(server.demoEmail)
    await page.getByLabel(/^password/i).fill(server.demoPassword)
    await page.getByRole('button', { name: /^continue$/i }).click()

    // then the user menu appears, and the page has no accessibility violations
    const trigger = page.getByRole('button', { name: /open user menu/i })
    await expect.poll(() => trigger.isVisible(), { timeout: 10_000 }).toBe(true)
    await expectNoAxeViolations(page)

    // When the menu is opened with the keyboard
    await trigger.focus()
    await page.keyboard.press('Enter')
    const manage = page.getByRole('menuitem', { name: /manage account/i })
    await expect.poll(() => manage.isVisible()).toBe(true)
    const signOut = page.getByRole('menuitem', { name: /sign out/i })
    await expect.poll(() => signOut.isVisible()).toBe(true)
    // the first item has focus (WAI-ARIA menu button), and the arrow keys move between items
    const focused = (locator: typeof manage) => locator.evaluate((el) => el === document.activeElement)
    await expect.poll(() => focused(manage)).toBe(true)
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => focused(signOut)).toBe(true)
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => focused(manage)).toBe(true)
    await page.keyboard.press('Enter')

    // then the profile opens in a dialog
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true)
    await expectNoAxeViolations(page)

    // When the profile is opened for editing, the first name changed and saved
    await dialog.getByRole('button', { name: /update profile/i }).click()
    const firstName = dialog.getByLabel(/first name/i)
    await expect.poll(() => firstName.isVisible(), { timeout: 10_000 }).toBe(true)
    await firstName.fill('Grace')
    await dialog.getByRole('button', { name: /^save/i }).first().click()
    // then the header shows it (the button shows the name) and the server has it
    await expect.poll(() => page.locator('header.demo-header').innerText(), { timeout: 10_000 }).toContain('Grace')
    const me = await page.evaluate(() => fetch('/v1/me', { credentials: 'include' }).then((r) => r.json()))
    expect(me.response.first_name).toBe('Grace')

    // When an avatar is chosen and saved
    await dialog.getByRole('button', { name: /update profile/i }).click()
    await dialog.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(pngBytes(8, 8)) })
    await dialog.getByRole('button', { name: /^save/i }).first().click()
    // then the server stores it and the avatar image points at it
    await expect
      .poll(async () => (await page.evaluate(() => fetch('/v1/me').then((r) => r.json()))).response.has_image, { timeout: 10_000 })
      .toBe(true)
    await expect.poll(() => page.locator('header.demo-header img').getAttribute('src'), { timeout: 10_000 }).toContain('/v1/images/')

    // When the dialog is closed with Escape, focus returns to the menu's trigger
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => trigger.evaluate((el) => el === document.activeElement)).toBe(true)

    // When the user signs out from the menu
    await page.keyboard.press('Enter')
    await page.getByRole('menuitem', { name: /sign out/i }).click()
    // then the sign-in form is back and the session is gone on the server
    await expect.poll(() => page.getByLabel(/^password/i).isVisible(), { timeout: 10_000 }).toBe(true)
    const client = await page.evaluate(() => fetch('/v1/client').then((r) => r.json()))
    expect(client.response?.last_active_session_id ?? null).toBeNull()
    expect(client.response?.sessions ?? []).toEqual([])
    expect(await page.evaluate(() => fetch('/v1/me').then((r) => r.status))).toBe(401)
    await context.close()
  })
})
