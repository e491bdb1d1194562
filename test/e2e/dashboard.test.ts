import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoAxeViolations, launchChromium, type RunningServer, startServer } from './harness.ts'

const visible = (locator: ReturnType<Page['locator']>) => expect.poll(() => locator.isVisible(), { timeout: 10_000 }).toBe(true)
const hidden = (locator: ReturnType<Page['locator']>) => expect.poll(() => locator.isVisible(), { timeout: 10_000 }).toBe(false)

describe('the users dashboard, against the server that npm start runs', () => {
  let server: RunningServer
  let browser: Browser
  let secretKey: string

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    const key = /Secret key[^:]*:\s*(sk_\S+)/.exec(server.output())?.[1]
    if (!key) throw new Error(`the server printed no secret key:\n${server.output()}`)
    secretKey = key
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('signs in with the key, creates, finds, opens, edits and deletes a user, whose own session sees the change and then ends', async () => {
    const operator = await browser.newContext()
    const page = await operator.newPage()
    const email = `ada.${Date.now()}@example.com`
    const password = 'correct horse battery staple'

    // Given the dashboard without a session, the sign-in asks for the key; a wrong key is refused at the field
    await page.goto(`${server.baseUrl}/dashboard/`)
    const keyField = page.getByLabel('Secret key')
    await visible(keyField)
    await expectNoAxeViolations(page)
    await keyField.fill('sk_test_wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await visible(page.getByText('This is not the secret key.'))
    // When the right key is entered (with the keyboard)
    await keyField.fill(secretKey)
    await keyField.press('Enter')
    // then the Users page opens, with the demo user in the table
    await visible(page.getByRole('heading', { name: 'Users', level: 1 }))
    const table = page.getByRole('table', { name: 'Users' })
    await visible(table.getByRole('cell', { name: server.demoEmail }))
    await expectNoAxeViolations(page)
    const cookies = await operator.cookies()
    const dashboardCookie = cookies.find((c) => c.name === '__userkit_dashboard')
    expect(dashboardCookie?.httpOnly).toBe(true)
    expect(dashboardCookie?.path).toBe('/dashboard')

    // When a user is created with a password that is too short
    await page.getByRole('button', { name: 'Create user' }).click()
    const dialog = page.getByRole('dialog', { name: 'Create user' })
    await visible(dialog)
    await dialog.getByLabel('Email addresses').fill(email)
    await dialog.getByLabel('Username').fill(`ada${Date.now() % 100000}`)
    await dialog.getByLabel('Password').fill('short')
    await dialog.getByLabel('First name').fill('Ada')
    await dialog.getByLabel('Last name').fill('Lovelace')
    await dialog.getByRole('button', { name: 'Create user' }).click()
    // then the error is at the password field and nothing typed is lost
    const passwordField = dialog.getByLabel('Password')
    await expect.poll(() => passwordField.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true')
    expect(await dialog.getByLabel('Email addresses').inputValue()).toBe(email)
    expect(await dialog.getByLabel('First name').inputValue()).toBe('Ada')
    await expectNoAxeViolations(page)
    // When the password is fixed, the user is created and the dialog closes
    await passwordField.fill(password)
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await hidden(dialog)

    // When the operator searches for the new user
    await page.getByRole('searchbox', { name: 'Search users' }).fill(email)
    // then exactly their row is listed
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    await visible(table.getByRole('cell', { name: email }))

    // When the row menu is opened with the keyboard and Open chosen
    const menuButton = table.getByRole('button', { name: 'Actions for Ada Lovelace' })
    await menuButton.focus()
    await page.keyboard.press('Enter')
    await visible(page.getByRole('menuitem', { name: 'Open' }))
    await page.keyboard.press('Enter')
    // then the user's page shows their identifiers with the verification state
    await visible(page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }))
    const emails = page.getByRole('region', { name: 'Email addresses' })
    await visible(emails.getByText(email))
    await expectNoAxeViolations(page)
    const userId = new URL(page.url()).pathname.split('/').pop() as string
    expect(userId).toMatch(/^user_/)

    // When invalid JSON is saved as public metadata, it is refused before sending
    const editor = page.getByRole('textbox', { name: 'Public metadata' })
    await editor.fill('{"plan": pro}')
    await page.getByRole('button', { name: 'Save public metadata' }).click()
    await visible(page.getByText(/This is not valid JSON/))
    // When valid JSON is saved
    await editor.fill('{"plan": "pro", "seats": 3}')
    await page.getByRole('button', { name: 'Save public metadata' }).click()
    await visible(page.getByText('Saved.'))

    // Then the user, signed in on the demo in another browser, reads it through the Frontend API
    const endUser = await browser.newContext()
    const demo = await endUser.newPage()
    await demo.goto(server.baseUrl)
    await demo.getByLabel(/email address or username/i).fill(email)
    await demo.getByLabel(/^password/i).fill(password)
    await demo.getByRole('button', { name: /^continue$/i }).click()
    await visible(demo.getByRole('button', { name: /open user menu/i }))
    const me = await demo.evaluate(() => fetch('/v1/me').then((r) => r.json()))
    expect(me.response.id).toBe(userId)
    expect(me.response.public_metadata).toEqual({ plan: 'pro', seats: 3 })
    expect(me.response.private_metadata).toBeUndefined()
    // and the end user's session opens nothing in the dashboard
    expect(await demo.evaluate(() => fetch('/dashboard/api/v1/users').then((r) => r.status))).toBe(401)

    // When the operator reloads the user's page, that session is listed
    await page.reload()
    const sessions = page.getByRole('region', { name: 'Active sessions' })
    await visible(sessions.getByRole('button', { name: /^Revoke session sess_/ }))
    // and the page is accessible in the dark theme too
    await page.getByRole('button', { name: 'Switch to dark theme' }).click()
    await expect.poll(() => page.locator('.dk-app').getAttribute('data-uk-theme')).toBe('dark')
    await expectNoAxeViolations(page)

    // When the user is deleted with the typed confirmation
    await page.getByRole('button', { name: 'Delete user' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Delete Ada Lovelace?' })
    await visible(confirm)
    const confirmButton = confirm.getByRole('button', { name: 'Delete user' })
    expect(await confirmButton.isDisabled()).toBe(true)
    await expectNoAxeViolations(page)
    await confirm.getByLabel(`Type ${email} to confirm`).fill(email)
    await confirmButton.click()
    // then the list is back and the user is gone from it
    await visible(page.getByRole('heading', { name: 'Users', level: 1 }))
    await page.getByRole('searchbox', { name: 'Search users' }).fill(email)
    await visible(table.getByText(`No users match “${email}”.`))
    // and their session has ended
    expect(await demo.evaluate(() => fetch('/v1/me').then((r) => r.status))).toBe(401)

    // When the operator signs out, the dashboard asks for the key again
    await page.getByRole('button', { name: 'Sign out' }).click()
    await visible(page.getByLabel('Secret key'))
    expect((await operator.cookies()).find((c) => c.name === '__userkit_dashboard')).toBeUndefined()
    await endUser.close()
    await operator.close()
  })

  it('sorts by last sign-in and opens a user page from its address after a reload', async () => {
    const operator = await browser.newContext()
    const page = await operator.newPage()
    await page.goto(`${server.baseUrl}/dashboard/users/user_doesnotexist`)
    await page.getByLabel('Secret key').fill(secretKey)
    await page.getByRole('button', { name: 'Sign in' }).click()
    // the address is kept through the sign-in: an unknown user is a not-found message, not a crash
    await visible(page.getByText('This user does not exist (any more).'))
    await page.getByRole('link', { name: 'All users' }).click()
    const sort = page.getByRole('button', { name: 'Last sign-in' })
    await sort.click()
    await expect.poll(() => page.locator('th', { has: sort }).getAttribute('aria-sort')).toBe('descending')
    await sort.click()
    await expect.poll(() => page.locator('th', { has: sort }).getAttribute('aria-sort')).toBe('ascending')
    await operator.close()
  })
})
